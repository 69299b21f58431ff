namespace PeiTracker.Domain;

/// <summary>
/// A logro esperado the planning office set for one semester of a year. Optional: without it a semester is
/// judged against an expectation derived from the annual target by the plan's <see cref="SemesterExpectationRule"/>.
/// </summary>
public class SemesterTarget
{
    public int Id { get; set; }

    public int IndicatorId { get; set; }

    public Indicator? Indicator { get; set; }

    public int Year { get; set; }

    /// <summary>I or II semestre, never <see cref="PeriodKind.Anual"/>.</summary>
    public PeriodKind Period { get; set; }

    public decimal Value { get; set; }

    /// <summary>PostgreSQL's xmin, used for optimistic concurrency.</summary>
    public uint Version { get; set; }
}
