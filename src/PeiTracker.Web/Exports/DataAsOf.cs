using Microsoft.EntityFrameworkCore;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Exports;

/// <summary>
/// The "Datos al" date of an export: the moment of the plan's latest recorded change, not the
/// moment of the download, so the same data always produce the same file.
/// </summary>
public static class DataAsOf
{
    public static readonly DateTimeOffset Origin = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<DateTimeOffset> OfPlanAsync(AppDbContext db, int planId, CancellationToken cancellationToken = default)
    {
        var lastAudit = await db.AuditEntries.Where(a => a.PlanId == planId && a.Kind != Domain.AuditKind.Exportacion).MaxAsync(a => (DateTimeOffset?)a.At, cancellationToken);
        var lastValue = await db.Values.Where(v => v.Indicator!.PlanId == planId)
            .MaxAsync(v => (DateTimeOffset?)(v.ValidatedAt ?? v.UpdatedAt ?? v.CreatedAt), cancellationToken);
        var latest = new[] { lastAudit, lastValue }.Where(d => d is not null).Select(d => d!.Value).DefaultIfEmpty(Origin).Max();
        return new DateTimeOffset(latest.UtcDateTime.Ticks - (latest.UtcDateTime.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
