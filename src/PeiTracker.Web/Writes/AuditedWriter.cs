using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using PeiTracker.Domain;
using PeiTracker.Domain.Editing;
using PeiTracker.Web.Data;
using PeiTracker.Web.Notices;

namespace PeiTracker.Web.Writes;

/// <summary>Whose change it is and what it is about, for the audit rows of one write.</summary>
public sealed record AuditContext(string UserName, string Subject, string? Reason, int? PlanId, int? IndicatorId);

/// <summary>The changes one domain operation reported, with the audit context they are recorded under.</summary>
public sealed record AuditedChanges(AuditContext Context, IReadOnlyList<FieldChange> Changes);

/// <summary>
/// The one way a change reaches the database: the domain operation has already applied the change to
/// tracked entities and reported its <see cref="FieldChange"/>s; this writes one audit row per change
/// (the operation's true before and after), checks the concurrency tokens the caller declared with
/// <see cref="Expect{TEntity}"/>, and saves everything in one transaction. A row changed or created by
/// someone else in between is a <see cref="WriteStatus.Conflict"/>, with nothing written. The e-mails a change
/// causes (<see cref="Notify"/>) go into the outbox in the same transaction: saved with the change or not at all.
/// </summary>
public sealed class AuditedWriter(AppDbContext db, TimeProvider clock)
{
    private readonly List<object> expected = [];
    private readonly List<OutboxNotice> notices = [];
    private readonly List<AuditedChanges> alongside = [];

    /// <summary>Notices to write with the next save; dropped with it when nothing is written (unchanged, invalid, conflict).</summary>
    public void Notify(IEnumerable<OutboxNotice> caused) => notices.AddRange(caused);

    /// <summary>
    /// Changes of another operation that must be saved in the same transaction as the next save (a reporting point's
    /// figures accepted together with the indicator's value they change); dropped with it when nothing is written.
    /// </summary>
    public void Alongside(AuditedChanges changes) => alongside.Add(changes);

    /// <summary>Forgets what was declared for a save that will not happen (an operation refused after <see cref="Alongside"/>).</summary>
    public void Drop()
    {
        db.ChangeTracker.Clear();
        expected.Clear();
        notices.Clear();
        alongside.Clear();
    }

    /// <summary>
    /// Declares the version the person saw (PostgreSQL's xmin as read when the form was opened): EF then
    /// updates the row only if it still has that version. The row is written even when the operation
    /// changed only rows that hang from it (targets, responsible units), so the check always runs, and
    /// its version moves for the next person: an entity's version covers its dependent rows.
    /// </summary>
    public void Expect<TEntity>(TEntity entity, uint version)
        where TEntity : class
    {
        db.Entry(entity).Property("Version").OriginalValue = version;
        expected.Add(entity);
    }

    /// <summary>Writes the changes and their audit rows; Unchanged when there are none.</summary>
    public Task<WriteStatus> SaveAsync(AuditContext context, IReadOnlyList<FieldChange> changes, CancellationToken cancellationToken = default) =>
        SaveAsync([new AuditedChanges(context, changes)], cancellationToken);

    /// <summary>
    /// Writes an operation's outcome: Invalid (nothing written) when the operation refused the input,
    /// otherwise its changes and their audit rows.
    /// </summary>
    public async Task<WriteStatus> SaveAsync(AuditContext context, EditResult result, CancellationToken cancellationToken = default)
    {
        if (!result.IsValid)
        {
            db.ChangeTracker.Clear();
            expected.Clear();
            notices.Clear();
            alongside.Clear();
            return WriteStatus.Invalid;
        }

        return await SaveAsync(context, result.Changes, cancellationToken);
    }

    /// <summary>Writes the changes of several operations (an import touches many indicators) in one transaction.</summary>
    public async Task<WriteStatus> SaveAsync(IReadOnlyList<AuditedChanges> batches, CancellationToken cancellationToken = default)
    {
        batches = [.. batches, .. alongside];
        alongside.Clear();
        if (batches.All(b => b.Changes.Count == 0))
        {
            db.ChangeTracker.Clear();
            expected.Clear();
            notices.Clear();
            return WriteStatus.Unchanged;
        }

        var now = clock.GetUtcNow();
        foreach (var (context, changes) in batches)
        {
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
                    InstitutionId = context.PlanId is null ? db.ActingInstitutionId : null,
                });
            }
        }

        db.OutboxNotices.AddRange(notices);
        db.ChangeTracker.DetectChanges();
        foreach (var entity in expected)
        {
            Touch(db.Entry(entity));
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
        finally
        {
            expected.Clear();
            notices.Clear();
        }
    }

    /// <summary>
    /// An expected row whose own columns did not change is rewritten with its own values: the UPDATE
    /// carries the version check, and PostgreSQL gives the row a new xmin.
    /// </summary>
    private static void Touch(EntityEntry entry)
    {
        var writable = entry.Properties.Where(p => !p.Metadata.IsKey() && p.Metadata.ValueGenerated == ValueGenerated.Never).ToList();
        if (entry.State is EntityState.Unchanged or EntityState.Modified && !writable.Any(p => p.IsModified))
        {
            writable.ForEach(p => p.IsModified = true);
        }
    }
}
