using System.Globalization;

namespace PeiTracker.Web.Exports;

/// <summary>Figures as every export writes them: exact (never rounded), invariant culture, without trailing zeros ("0.5560" is "0.556").</summary>
public static class ExportNumber
{
    // Dividing by one with the largest scale a decimal keeps drops the trailing zeros and nothing else.
    public static decimal? Normal(decimal? value) => value is { } v ? v / 1.000000000000000000000000000000000m : null;

    public static string Text(decimal? value) => Normal(value)?.ToString(CultureInfo.InvariantCulture) ?? "";
}
