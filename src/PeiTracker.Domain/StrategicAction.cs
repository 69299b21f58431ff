namespace PeiTracker.Domain;

/// <summary>Acción Estratégica Institucional (AEI); belongs to one OEI.</summary>
public class StrategicAction
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public Plan? Plan { get; set; }

    public int ObjectiveId { get; set; }

    public StrategicObjective? Objective { get; set; }

    /// <summary>Published code, e.g. "AEI.01.02".</summary>
    public required string Code { get; set; }

    public required string Statement { get; set; }

    /// <summary>Rank inside its OEI in the Ruta estratégica (1 = first).</summary>
    public int Priority { get; set; }

    public List<Indicator> Indicators { get; set; } = [];

    /// <summary>PostgreSQL's xmin, used for optimistic concurrency.</summary>
    public uint Version { get; set; }
}
