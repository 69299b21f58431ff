namespace PeiTracker.Domain;

/// <summary>Which definition fields were inferred from the indicator's name rather than read in the plan.</summary>
[Flags]
public enum InferredFields
{
    None = 0,
    Unit = 1,
    Direction = 2,
    Aggregation = 4,
    Relevance = 8,
}

/// <summary>
/// An indicator of an OEI or of an AEI, with its ficha técnica, its línea base and its
/// logros esperados. The published code may repeat (the official plan has such errors);
/// <see cref="Key"/> is unique within the plan. Its write operations are in Indicator.Editing.cs.
/// </summary>
public partial class Indicator
{
    public const int MinRelevance = 1;
    public const int MaxRelevance = 3;
    public const int MaxDecimals = 4;

    public int Id { get; set; }

    public int PlanId { get; set; }

    public Plan? Plan { get; set; }

    /// <summary>Set when the indicator measures an OEI.</summary>
    public int? ObjectiveId { get; set; }

    public StrategicObjective? Objective { get; set; }

    /// <summary>Set when the indicator measures an AEI.</summary>
    public int? ActionId { get; set; }

    public StrategicAction? Action { get; set; }

    /// <summary>Unique within the plan; equals the published code unless that code is ambiguous.</summary>
    public required string Key { get; set; }

    /// <summary>The code as printed in the official plan, kept even when it is wrong.</summary>
    public required string PublishedCode { get; set; }

    public required string Name { get; set; }

    /// <summary>Position among its siblings, as published.</summary>
    public int SortOrder { get; set; }

    public UnitOfMeasure Unit { get; set; }

    public Direction Direction { get; set; }

    /// <summary>Only for <see cref="Direction.NoDefinido"/>.</summary>
    public PermissibleLimitKind? LimitKind { get; set; }

    public decimal? PermissibleLimit { get; set; }

    public Aggregation Aggregation { get; set; }

    /// <summary>1 muy relevante, 2 relevante, 3 poco relevante.</summary>
    public int Relevance { get; set; } = 2;

    public int Decimals { get; set; } = 1;

    /// <summary>Whether a percentage may exceed 100 (for example a rate of coverage over the target population).</summary>
    public bool AllowsOver100 { get; set; }

    public string? Justification { get; set; }

    public string? LimitationsAndAssumptions { get; set; }

    public string? CalculationMethod { get; set; }

    public string? DataSource { get; set; }

    public int? BaselineYear { get; set; }

    public decimal? BaselineValue { get; set; }

    public InferredFields Inferred { get; set; }

    /// <summary>Transcription judgements and anomalies of the official document.</summary>
    public string? Notes { get; set; }

    public List<IndicatorResponsibleUnit> ResponsibleUnits { get; set; } = [];

    public List<AnnualTarget> Targets { get; set; } = [];

    public List<IndicatorValue> Values { get; set; } = [];

    public bool MeasuresObjective => ObjectiveId is not null;

    /// <summary>An indicator measures exactly one OEI or one AEI.</summary>
    public static bool HasSingleOwner(int? objectiveId, int? actionId) => (objectiveId is null) != (actionId is null);

    public static bool IsValidRelevance(int relevance) => relevance is >= MinRelevance and <= MaxRelevance;

    public decimal? TargetFor(int year) => Targets.FirstOrDefault(t => t.Year == year)?.Value;

    /// <summary>PostgreSQL's xmin, used for optimistic concurrency.</summary>
    public uint Version { get; set; }
}

/// <summary>Join between an indicator and a responsible unit (an indicator may have several).</summary>
public class IndicatorResponsibleUnit
{
    public int IndicatorId { get; set; }

    public Indicator? Indicator { get; set; }

    public int UnitId { get; set; }

    public OrganizationalUnit? Unit { get; set; }
}
