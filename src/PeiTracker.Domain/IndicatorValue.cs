namespace PeiTracker.Domain;

/// <summary>
/// Valor obtenido: what an indicator measured in one period (a year, or one of its semesters),
/// with its review state.
/// </summary>
public class IndicatorValue
{
    public int Id { get; set; }

    public int IndicatorId { get; set; }

    public Indicator? Indicator { get; set; }

    public int Year { get; set; }

    public PeriodKind Period { get; set; }

    public decimal? Value { get; set; }

    public ValueStatus Status { get; set; }

    public string? Comment { get; set; }

    /// <summary>Medio de verificación.</summary>
    public string? DataSource { get; set; }

    public string? ReviewNote { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public string? ValidatedBy { get; set; }

    public DateTimeOffset? ValidatedAt { get; set; }

    public List<Evidence> Evidence { get; set; } = [];

    /// <summary>The conversations its observations opened, oldest first (ADR 0022).</summary>
    public List<ValueThread> Threads { get; set; } = [];

    /// <summary>The figures entered for the formula's variables, when the value was computed from them.</summary>
    public List<Formulas.ValueVariable> Variables { get; set; } = [];

    /// <summary>Synthetic value created by the demo switch (./scripts/run.sh --demo), never by a person.</summary>
    public bool IsDemo { get; set; }

    /// <summary>PostgreSQL's xmin, used for optimistic concurrency.</summary>
    public uint Version { get; set; }
}
