namespace PeiTracker.Domain;

/// <summary>A Plan Estratégico Institucional of one institution over a range of years.</summary>
public class Plan
{
    public int Id { get; set; }

    public int InstitutionId { get; set; }

    public Institution? Institution { get; set; }

    /// <summary>Stable code, e.g. "MRE-PEI-2025-2030".</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public int FirstYear { get; set; }

    public int LastYear { get; set; }

    /// <summary>Resolución that approved the plan.</summary>
    public string? ApprovingResolution { get; set; }

    public string? Mission { get; set; }

    public PlanStatus Status { get; set; }

    public PlanSettings Settings { get; set; } = new();

    /// <summary>
    /// Maintained by the database: a trigger bumps it with every change to the plan, its tree, its
    /// targets or its values, in the same transaction. Computed progress is cached against it.
    /// </summary>
    public long DataVersion { get; set; }

    public List<StrategicObjective> Objectives { get; set; } = [];

    public List<Indicator> Indicators { get; set; } = [];

    public IEnumerable<int> Years => Enumerable.Range(FirstYear, LastYear - FirstYear + 1);

    public bool Covers(int year) => year >= FirstYear && year <= LastYear;
}
