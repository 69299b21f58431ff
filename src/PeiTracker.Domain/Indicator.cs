using System.Globalization;
using PeiTracker.Domain.Editing;
using PeiTracker.Domain.Entry;

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
    Formula = 16,
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

    /// <summary>
    /// The document prints the baseline with a mark whose meaning it does not give (the "(*)" of the Anexo B-3):
    /// the value is kept but pending confirmation. Setting another baseline confirms it and clears the mark.
    /// </summary>
    public bool BaselineProvisional { get; set; }

    public InferredFields Inferred { get; set; }

    /// <summary>Transcription judgements and anomalies of the official document.</summary>
    public string? Notes { get; set; }

    public List<IndicatorResponsibleUnit> ResponsibleUnits { get; set; } = [];

    public List<AnnualTarget> Targets { get; set; } = [];

    /// <summary>Logros esperados set for single semesters (optional; see <see cref="SemesterTarget"/>).</summary>
    public List<SemesterTarget> SemesterTargets { get; set; } = [];

    public List<IndicatorValue> Values { get; set; } = [];

    public bool MeasuresObjective => ObjectiveId is not null;

    /// <summary>An indicator measures exactly one OEI or one AEI.</summary>
    public static bool HasSingleOwner(int? objectiveId, int? actionId) => (objectiveId is null) != (actionId is null);

    public static bool IsValidRelevance(int relevance) => relevance is >= MinRelevance and <= MaxRelevance;

    public decimal? TargetFor(int year) => Targets.FirstOrDefault(t => t.Year == year)?.Value;

    public decimal? SemesterTargetFor(int year, PeriodKind semester) =>
        SemesterTargets.FirstOrDefault(t => t.Year == year && t.Period == semester)?.Value;

    /// <summary>The audit field of a semester's logro esperado, e.g. "Logro esperado I semestre 2026".</summary>
    public static string SemesterTargetField(int year, PeriodKind semester) =>
        $"Logro esperado {Labels.Of(semester)} {year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Sets (or, with null, removes) the logro esperado of one semester of a plan year. The value must fit the
    /// indicator's unit like any value; on any problem nothing changes and the refusal says why, keyed by
    /// <see cref="SemesterTargetField"/>. Otherwise the one change is reported with what was stored before.
    /// </summary>
    public EditResult SetSemesterTarget(int year, PeriodKind semester, decimal? value, int firstYear, int lastYear)
    {
        var field = SemesterTargetField(year, semester);
        if (semester == PeriodKind.Anual)
        {
            return EditResult.Refused(field, "Elija el I o el II semestre: el logro esperado anual se edita en la columna de su año.");
        }

        if (year < firstYear || year > lastYear)
        {
            return EditResult.Refused(field, $"El año {year.ToString(CultureInfo.InvariantCulture)} está fuera del plan ({firstYear.ToString(CultureInfo.InvariantCulture)}-{lastYear.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (value is { } proposed && ValueRules.Check(this, proposed) is { } problem)
        {
            return EditResult.Refused(field, problem);
        }

        var existing = SemesterTargets.SingleOrDefault(t => t.Year == year && t.Period == semester);
        var before = existing?.Value;
        if (before == value)
        {
            return EditResult.Applied([]);
        }

        if (value is not { } after)
        {
            SemesterTargets.Remove(existing!);
        }
        else if (existing is null)
        {
            SemesterTargets.Add(new SemesterTarget { IndicatorId = Id, Year = year, Period = semester, Value = after });
        }
        else
        {
            existing.Value = after;
        }

        return EditResult.Applied([new FieldChange(AuditKind.Meta, field, DecimalText.Show(before), DecimalText.Show(value))]);
    }

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
