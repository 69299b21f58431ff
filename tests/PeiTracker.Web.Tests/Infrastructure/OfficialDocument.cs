using System.Text.RegularExpressions;

namespace PeiTracker.Web.Tests.Infrastructure;

/// <summary>
/// The official PEI text the plan data file was transcribed from (shared/seeds/003_…), read line by line so that a
/// test checks the database against the document itself, not against a copy of the expected values.
/// </summary>
public static partial class OfficialDocument
{
    public static readonly IReadOnlyList<string> Lines =
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "OfficialDocument", "mre-pei-2025-2030.txt"));

    /// <summary>
    /// The lines from the heading that starts with <paramref name="from"/> to the one that starts with <paramref name="to"/>.
    /// A heading is a line of its own: the table of contents prints the same words followed by a tab and the page.
    /// </summary>
    public static IReadOnlyList<string> Section(string from, string to)
    {
        var start = IndexOf(from, 0);
        return Lines.Skip(start).Take(IndexOf(to, start) - start).ToList();
    }

    public static IReadOnlyList<string> RutaEstrategica => Section("VII. Ruta Estratégica", "VIII. Anexos");

    public static IReadOnlyList<string> AnexoB1 => Section("VIII.I.Anexo B-1", "VIII.II. Anexo B-2");

    public static IReadOnlyList<string> AnexoB2 => Section("VIII.II. Anexo B-2", "VIII.III. Anexo B-3");

    /// <summary>A line's table cells, without the HTML the extraction left in some of them.</summary>
    public static IReadOnlyList<string> Cells(string line) => line.Split('\t').Select(Clean).ToList();

    public static string Clean(string text) => Spaces().Replace(Tags().Replace(text, " "), " ").Trim();

    /// <summary>Text compared without its spaces: the document prints "Eje 10 Lin.10.5" and "Eje 10 Lin. 10.5" alike.</summary>
    public static string Squash(string text) => Spaces().Replace(text, "");

    private static int IndexOf(string prefix, int from)
    {
        for (var i = from; i < Lines.Count; i++)
        {
            if (Lines[i].StartsWith(prefix, StringComparison.Ordinal) && !Lines[i].Contains('\t', StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The official document has no line starting with «{prefix}».");
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
