using PeiTracker.Domain;

namespace PeiTracker.Web.Data;

public static class AuditExtensions
{
    /// <summary>
    /// Adds an audit row to the same unit of work as the change it describes, so both are saved
    /// together or not at all. A row of no plan belongs to <paramref name="institutionId"/>, by default the acting person's.
    /// </summary>
    public static void AddAudit(
        this AppDbContext db,
        DateTimeOffset at,
        string userName,
        AuditKind kind,
        string subject,
        string field,
        string? before,
        string? after,
        string? reason,
        int? planId = null,
        int? indicatorId = null,
        int? institutionId = null)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = at,
            UserName = userName,
            Kind = kind,
            Subject = subject,
            Field = field,
            Before = before,
            After = after,
            Reason = reason,
            PlanId = planId,
            IndicatorId = indicatorId,
            InstitutionId = planId is null ? institutionId ?? db.ActingInstitutionId : null,
        });
    }

    public static string? Show(decimal? value) => DecimalText.Show(value);
}
