using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;

namespace PeiTracker.Web.Imports;

/// <summary>One problem in an uploaded matrix, located as Excel shows it: sheet, row number, column letter.</summary>
public sealed record MatrizIssue(string Sheet, int? Row, string? Column, string Message);

/// <summary>Which figure of an indicator a cell of the matrix holds.</summary>
public enum MatrizField
{
    BaselineYear = 0,
    BaselineValue = 1,
    Target = 2,
}

/// <summary>
/// One cell of the uploaded matrix that differs from the database. <see cref="IsRevision"/> marks a
/// target of a year that has started: saving it keeps the original value next to the new one.
/// </summary>
public sealed record MatrizChange(
    int IndicatorId,
    string Key,
    string PublishedCode,
    MatrizField Field,
    int? Year,
    decimal? Before,
    decimal? After,
    bool IsRevision,
    int Row,
    string Column)
{
    public string FieldName => Field switch
    {
        MatrizField.BaselineYear => MatrizPeiLayout.BaselineYearHeader,
        MatrizField.BaselineValue => MatrizPeiLayout.BaselineValueHeader,
        _ => MatrizPeiLayout.TargetHeader(Year!.Value),
    };
}

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
            c.Field.ToString(),
            c.Year?.ToString(CultureInfo.InvariantCulture),
            AuditExtensions.Show(c.Before),
            AuditExtensions.Show(c.After))));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
