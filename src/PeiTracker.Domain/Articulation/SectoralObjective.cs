namespace PeiTracker.Domain.Articulation;

/// <summary>Objetivo Estratégico Sectorial (OES) of a PESEM, with its indicators' names.</summary>
public class SectoralObjective
{
    public int Id { get; set; }

    public int SectoralPlanId { get; set; }

    public SectoralPlan? SectoralPlan { get; set; }

    /// <summary>Published code, e.g. "OES.01".</summary>
    public required string Code { get; set; }

    public required string Statement { get; set; }

    /// <summary>The names of its indicators, in the printed order.</summary>
    public List<string> Indicators { get; set; } = [];

    public string? Notes { get; set; }

    public List<SectoralAction> Actions { get; set; } = [];
}
