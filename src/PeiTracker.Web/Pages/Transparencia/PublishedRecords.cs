using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using PeiTracker.Domain;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Pages.Transparencia;

/// <summary>
/// The only way the public pages read the database. An anonymous request sees no institution (ADR 0013), so these
/// queries lift the institution filters, and in exchange every one of them starts from a publication: a snapshot,
/// figure or file nobody published is unreachable by construction. Comments, evidence and accounts are never read.
/// </summary>
public sealed class PublishedRecords(AppDbContext db)
{
    public sealed record Listed(int PublicationId, int SnapshotId, string Institution, string Sector, int PlanId, string PlanCode, string PlanName,
        int Year, PeriodKind Period, int Version, DateTimeOffset PublishedAt, DateTimeOffset ApprovedAt, string ApprovingOffice);

    public sealed record PublicFile(int Id, string Name, string ContentType, string Sha256, long Size);

    private IQueryable<InformePublication> Publications => db.InformePublications.IgnoreQueryFilters();

    /// <summary>Every publication, or with <paramref name="samePlanAs"/> only those of that publication's plan.</summary>
    public Task<List<Listed>> ListAsync(CancellationToken cancellationToken, int? samePlanAs = null) =>
        (from p in Publications
         where samePlanAs == null || Publications.Any(other => other.Id == samePlanAs && other.PlanId == p.PlanId)
         join plan in db.Plans.IgnoreQueryFilters() on p.PlanId equals plan.Id
         join institution in db.Institutions.IgnoreQueryFilters() on plan.InstitutionId equals institution.Id
         orderby institution.Name, plan.Code, p.Snapshot!.Year descending, p.Snapshot!.Period descending, p.Snapshot!.Version descending
         select new Listed(p.Id, p.SnapshotId, institution.PliegoCode + " " + institution.Name, institution.Sector, plan.Id, plan.Code, plan.Name,
             p.Snapshot!.Year, p.Snapshot.Period, p.Snapshot.Version, p.PublishedAt, p.ApprovedAt, p.ApprovingOffice))
        .ToListAsync(cancellationToken);

    /// <summary>The published figures of a snapshot, without the units' comments.</summary>
    public Task<List<SnapshotFigure>> FiguresAsync(int snapshotId, CancellationToken cancellationToken) =>
        db.Set<SnapshotFigure>().AsNoTracking()
            .Where(f => f.SnapshotId == snapshotId && Publications.Any(p => p.SnapshotId == snapshotId))
            .OrderBy(f => f.Id)
            .Select(f => new SnapshotFigure { Id = f.Id, Kind = f.Kind, Code = f.Code, Name = f.Name, Target = f.Target, Value = f.Value, Avance = f.Avance, Status = f.Status, Coverage = f.Coverage })
            .ToListAsync(cancellationToken);

    public Task<List<PublicFile>> FilesAsync(int snapshotId, CancellationToken cancellationToken) =>
        db.Set<SnapshotFile>().AsNoTracking()
            .Where(f => f.SnapshotId == snapshotId && Publications.Any(p => p.SnapshotId == snapshotId))
            .OrderBy(f => f.Id)
            .Select(f => new PublicFile(f.Id, f.Name, f.ContentType, f.Sha256, f.Content.Length))
            .ToListAsync(cancellationToken);

    /// <summary>A file of a published snapshot, bytes included; null for any other file.</summary>
    public Task<SnapshotFile?> FileAsync(int fileId, CancellationToken cancellationToken) =>
        db.Set<SnapshotFile>().AsNoTracking()
            .SingleOrDefaultAsync(f => f.Id == fileId && Publications.Any(p => p.SnapshotId == f.SnapshotId), cancellationToken);

    /// <summary>
    /// Sets the ETag of a public answer and its caching, and says whether the client's copy is current (answer 304).
    /// The tag is the SHA-256 of what the answer shows, so it changes exactly when the page would.
    /// </summary>
    public static bool NotModified(HttpContext context, string content, string cacheControl = "public, max-age=300")
    {
        var tag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..32]}\"";
        return NotModifiedByTag(context, tag, cacheControl);
    }

    public static bool NotModifiedByTag(HttpContext context, string tag, string cacheControl)
    {
        context.Response.Headers.ETag = tag;
        context.Response.Headers.CacheControl = cacheControl;
        return context.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } matches
            && matches.Any(m => m.Equals(EntityTagHeaderValue.Any) || m.Compare(new EntityTagHeaderValue(tag), useStrongComparison: false));
    }
}
