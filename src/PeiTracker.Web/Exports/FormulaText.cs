using System.Globalization;

namespace PeiTracker.Web.Exports;

/// <summary>
/// The one rule, for every spreadsheet and CSV the application writes, on text a spreadsheet could take
/// for a formula: text that begins with = + - @, a tab, a carriage return or a line feed. A plain number
/// written as text ("-5", "+0.5") is left alone: a spreadsheet reads it as the number it is, and an open-data
/// CSV must not turn "-5" into "'-5". The xlsx writer gives formula-like text the quote-prefix style, so the
/// cell keeps exactly its text and is never evaluated; a CSV has no styles, so the text gets a leading apostrophe.
/// </summary>
public static class FormulaText
{
    public static bool IsFormulaLike(string text) =>
        text.Length > 0
        && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n'
        && !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);

    public static string ForCsv(string text) => IsFormulaLike(text) ? "'" + text : text;
}
