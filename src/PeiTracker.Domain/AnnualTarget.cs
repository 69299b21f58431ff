namespace PeiTracker.Domain;

/// <summary>Logro esperado: the value an indicator should reach in one year.</summary>
public class AnnualTarget
{
    public int Id { get; set; }

    public int IndicatorId { get; set; }

    public Indicator? Indicator { get; set; }

    public int Year { get; set; }

    public decimal Value { get; set; }

    /// <summary>The value first approved, kept when a target is revised after its year started.</summary>
    public decimal? OriginalValue { get; set; }

    public string? RevisionReason { get; set; }

    public bool IsRevised => OriginalValue is not null && OriginalValue != Value;

    /// <summary>PostgreSQL's xmin, used for optimistic concurrency.</summary>
    public uint Version { get; set; }
}
