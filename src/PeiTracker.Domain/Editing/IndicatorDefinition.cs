namespace PeiTracker.Domain.Editing;

/// <summary>The ficha técnica of an indicator as a person submits it; <see cref="Indicator.EditDefinition"/> checks and applies it.</summary>
public sealed record IndicatorDefinition
{
    public required string Name { get; init; }

    public UnitOfMeasure Unit { get; init; }

    public Direction Direction { get; init; }

    /// <summary>Only for <see cref="Direction.NoDefinido"/>; ignored otherwise.</summary>
    public PermissibleLimitKind? LimitKind { get; init; }

    public decimal? PermissibleLimit { get; init; }

    public Aggregation Aggregation { get; init; }

    public int Relevance { get; init; }

    public int Decimals { get; init; }

    public bool AllowsOver100 { get; init; }

    public string? Justification { get; init; }

    public string? LimitationsAndAssumptions { get; init; }

    public string? CalculationMethod { get; init; }

    public string? DataSource { get; init; }

    public IReadOnlyCollection<int> UnitIds { get; init; } = [];

    /// <summary>The planning office confirms the inferred fields; they stop showing as pending.</summary>
    public bool MarkReviewed { get; init; }
}
