using PeiTracker.Domain.Points;

namespace PeiTracker.Web.Data;

/// <summary>A reporting point a Registrador enters figures for (a consulate's staff enter only their consulate's).</summary>
public class UserReportingPoint
{
    public required string UserId { get; set; }

    public AppUser? User { get; set; }

    public int PointId { get; set; }

    public ReportingPoint? Point { get; set; }
}
