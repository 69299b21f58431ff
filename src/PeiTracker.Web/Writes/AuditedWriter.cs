using Microsoft.EntityFrameworkCore;
using Npgsql;
using PeiTracker.Domain;
using PeiTracker.Domain.Editing;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Writes;

/// <summary>Whose change it is and what it is about, for the audit rows of one write.</summary>
public sealed record AuditContext(string UserName, string Subject, string? Reason, int? PlanId, int? IndicatorId);

/// <summary>
/// The one way a change reaches the database: the domain operation has already applied the change to
/// tracked entities and reported its <see cref="FieldChange"/>s; this writes one audit row per change
/// (the operation's true before and after), checks the concurrency tokens the caller declared with
/// <see cref="Expect{TEntity}"/>, and saves everything in one transaction. A row changed or created by
/// someone else in between is a <see cref="WriteStatus.Conflict"/>, with nothing written.
/// </summary>
public sealed class AuditedWriter(AppDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Declares the version the person saw (PostgreSQL's xmin as read when the form was opened): EF then
    /// updates the row only if it still has that version.
    /// </summary>
    public void Expect<TEntity>(TEntity entity, uint version)
        where TEntity : class =>
        db.Entry(entity).Property("Version").OriginalValue = version;

    /// <summary>Writes the changes and their audit rows; Unchanged when there are none.</summary>
    public async Task<WriteStatus> SaveAsync(AuditContext context, IReadOnlyList<FieldChange> changes, CancellationToken cancellationToken = default)
    {
        if (changes.Count == 0)
        {
            db.ChangeTracker.Clear();
            return WriteStatus.Unchanged;
        }

        var now = clock.GetUtcNow();
        foreach (var change in changes)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = now,
                UserName = context.UserName,
                Kind = change.Kind,
                Subject = context.Subject,
                Field = change.Field,
                Before = change.Before,
                After = change.After,
                Reason = context.Reason,
                PlanId = context.PlanId,
                IndicatorId = context.IndicatorId,
            });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return WriteStatus.Saved;
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A unique violation is a first entry someone else made first: a conflict, never an overwrite.
            db.ChangeTracker.Clear();
            return WriteStatus.Conflict;
        }
    }
}
