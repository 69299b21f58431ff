namespace PeiTracker.Domain.Articulation;

/// <summary>Acción Estratégica Sectorial (AES) of a PESEM; belongs to one OES.</summary>
public class SectoralAction
{
    public int Id { get; set; }

    public int SectoralObjectiveId { get; set; }

    public SectoralObjective? SectoralObjective { get; set; }

    /// <summary>Published code, e.g. "AES.01.01".</summary>
    public required string Code { get; set; }

    public required string Statement { get; set; }

    public List<string> Indicators { get; set; } = [];

    public string? Notes { get; set; }
}
