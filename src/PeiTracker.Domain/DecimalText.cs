using System.Globalization;
using System.Text.RegularExpressions;

namespace PeiTracker.Domain;

/// <summary>
/// Reads a number a person typed. In es-PE "," groups thousands, so "95,5" would silently become
/// 955 under the culture's parser; we accept only "." as the decimal separator and refuse "," with
/// a message, never guessing.
/// </summary>
public static partial class DecimalText
{
    public const string CommaMessage = "Use punto como separador decimal (por ejemplo 95.5), sin separador de miles.";
    public const string InvalidMessage = "Escriba un número, por ejemplo 95.5 o -3.2.";
    public const string TooLargeMessage = "El número es demasiado grande.";

    public static bool TryParse(string? text, out decimal? value, out string? error)
    {
        value = null;
        error = null;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return true;
        }

        if (trimmed.Contains(','))
        {
            error = CommaMessage;
            return false;
        }

        if (!Plain().IsMatch(trimmed))
        {
            error = InvalidMessage;
            return false;
        }

        if (trimmed.Length > 24 || !decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed)
            || Math.Abs(parsed) >= 1_000_000_000_000m)
        {
            error = TooLargeMessage;
            return false;
        }

        value = parsed;
        return true;
    }

    /// <summary>How a figure is written back into a form field: invariant, no grouping.</summary>
    public static string ToInput(decimal? value) => Show(value) ?? "";

    /// <summary>How a figure reads in the history and in previews: invariant, no grouping, no trailing zeros of numeric(18,6).</summary>
    public static string? Show(decimal? value) => value?.ToString("0.######", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?$")]
    private static partial Regex Plain();
}
