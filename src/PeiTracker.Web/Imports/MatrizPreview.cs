using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PeiTracker.Domain.Editing;

namespace PeiTracker.Web.Imports;

/// <summary>One problem in an uploaded matrix, located as Excel shows it: sheet, row number, column letter.</summary>
public sealed record MatrizIssue(string Sheet, int? Row, string? Column, string Message);

/// <summary>One change the upload makes to an indicator, as its history will show it, and the row it came from.</summary>
public sealed record MatrizChange(int IndicatorId, string Key, string PublishedCode, FieldChange Change, int Row);

/// <summary>
/// What an upload would change, and why it cannot be applied if it cannot. Nothing is saved while a
/// preview exists; confirming recomputes it against the current database and compares
/// <see cref="Fingerprint"/>s, so a change someone else saved in between is never overwritten silently.
/// </summary>
public sealed class MatrizPreview
{
    private string? fingerprint;

    public IReadOnlyList<MatrizChange> Changes { get; init; } = [];

    public IReadOnlyList<MatrizIssue> Errors { get; init; } = [];

    /// <summary>Rows of the sheet that name an indicator.</summary>
    public int IndicatorRows { get; init; }

    /// <summary>Indicators of the plan with no row in the file: they are left as they are.</summary>
    public int IndicatorsNotInFile { get; init; }

    public bool HasErrors => Errors.Count > 0;

    public bool CanApply => !HasErrors && Changes.Count > 0;

    /// <summary>A hash of the change list: same changes against the same database values, same fingerprint.</summary>
    public string Fingerprint => fingerprint ??= Compute(Changes);

    private static string Compute(IEnumerable<MatrizChange> changes)
    {
        var text = string.Join("\n", changes.Select(c => string.Join(
            "|",
            c.IndicatorId.ToString(CultureInfo.InvariantCulture),
            c.Change.Field,
            c.Change.Before,
            c.Change.After)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
