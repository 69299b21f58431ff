using System.Security.Claims;
using PeiTracker.Domain;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Exports;

/// <summary>Every export is recorded: who, what, when, with which options.</summary>
public static class ExportLog
{
    public static async Task RecordAsync(this AppDbContext db, TimeProvider clock, ClaimsPrincipal user, string what, string details, int? planId, CancellationToken cancellationToken = default)
    {
        db.AddAudit(clock.GetUtcNow(), user.Identity?.Name ?? "anónimo", AuditKind.Exportacion, what.Length > 100 ? what[..100] : what, "Exportación", null, details, null, planId);
        await db.SaveChangesAsync(cancellationToken);
    }
}
