using System.Globalization;

namespace PeiTracker.Domain.Editing;

/// <summary>Línea base: the year it was measured and its value (either may be missing).</summary>
public readonly record struct Baseline(int? Year, decimal? Value)
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    /// <summary>As the history shows it: "40 (2023)", or null when there is no baseline at all.</summary>
    public string? Describe() =>
        Year is null && Value is null
            ? null
            : $"{DecimalText.Show(Value) ?? "sin valor"} ({Year?.ToString(CultureInfo.InvariantCulture) ?? "sin año"})";
}
