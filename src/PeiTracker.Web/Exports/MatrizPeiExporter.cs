using System.Globalization;
using PeiTracker.Domain;
using static PeiTracker.Web.Exports.MatrizPeiLayout;

namespace PeiTracker.Web.Exports;

/// <summary>
/// Writes the Matriz del PEI (Anexo B-3) as an .xlsx: a header block, then one row per OEI
/// (priority order) followed by its indicators and by each of its AEI (priority order) with theirs.
/// The file is a pure function of the plan and its "Datos al" (<see cref="XlsxWriter"/>): an export
/// that is published and signed must be reproducible.
/// </summary>
public static class MatrizPeiExporter
{
    public const string ContentType = XlsxWriter.ContentType;

    public static string FileName(Plan plan, DateTimeOffset dataAsOf) =>
        $"Matriz-PEI-{plan.Code}-{DataAsOf.Date(dataAsOf).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.xlsx";

    /// <param name="demo">The plan holds demo values: the title and the printed footer say so (<see cref="DemoMark"/>).</param>
    public static byte[] Export(Plan plan, DateTimeOffset dataAsOf, bool demo = false)
    {
        var institution = plan.Institution ?? throw new ArgumentException("The plan must come with its institution.", nameof(plan));
        var years = plan.Years.ToList();
        var xlsx = new XlsxWriter(DemoMark.Title(Title, demo), plan.Name);
        var sheet = xlsx.AddSheet(WorksheetName, [12, 48, 17, 55, 10, 11, .. years.Select(_ => 11d), 18]);

        sheet.Row((DemoMark.Title(Title, demo), XlsxStyle.Title));
        sheet.Row(("Sector", XlsxStyle.Bold), (institution.Sector, XlsxStyle.Text));
        sheet.Row(("Pliego", XlsxStyle.Bold), (institution.DisplayName, XlsxStyle.Text));
        sheet.Row(("Periodo", XlsxStyle.Bold), ($"{plan.FirstYear}-{plan.LastYear}", XlsxStyle.Text));
        sheet.Row(("Misión", XlsxStyle.Bold), (plan.Mission ?? "", XlsxStyle.Text));
        sheet.Row(("Datos al", XlsxStyle.Bold), (DataAsOf.Format(dataAsOf), XlsxStyle.Text));
        sheet.Row();
        sheet.Row(30, [.. Headers(years).Select(h => ((object?)h, XlsxStyle.Header))]);
        sheet.Header(HeaderRow, filter: true);

        var ownerCells = Enumerable.Range(0, years.Count + 5);
        foreach (var objective in plan.Objectives.OrderBy(o => o.Priority).ThenBy(o => o.Code, StringComparer.Ordinal))
        {
            sheet.Row([(objective.Code, XlsxStyle.ObjectiveRow), (objective.Statement, XlsxStyle.ObjectiveRow), .. ownerCells.Select(_ => ((object?)null, XlsxStyle.ObjectiveRow))]);
            foreach (var indicator in InOrder(objective.Indicators))
            {
                sheet.Row(IndicatorRow(objective.Code, indicator, years));
            }

            foreach (var action in objective.Actions.OrderBy(a => a.Priority).ThenBy(a => a.Code, StringComparer.Ordinal))
            {
                sheet.Row([(action.Code, XlsxStyle.ActionRow), (action.Statement, XlsxStyle.ActionRow), .. ownerCells.Select(_ => ((object?)null, XlsxStyle.ActionRow))]);
                foreach (var indicator in InOrder(action.Indicators))
                {
                    sheet.Row(IndicatorRow(action.Code, indicator, years));
                }
            }
        }

        return xlsx.Build(dataAsOf);
    }

    private static IEnumerable<Indicator> InOrder(IEnumerable<Indicator> indicators) =>
        indicators.OrderBy(i => i.SortOrder).ThenBy(i => i.Key, StringComparer.Ordinal);

    private static (object? Value, XlsxStyle Style)[] IndicatorRow(string ownerCode, Indicator indicator, IReadOnlyList<int> years) =>
    [
        (ownerCode, XlsxStyle.TableText),
        (null, XlsxStyle.TableText),
        (indicator.PublishedCode, XlsxStyle.TableText),
        (indicator.Name, XlsxStyle.TableText),
        (indicator.BaselineYear, XlsxStyle.TableNumber),
        (indicator.BaselineValue, XlsxStyle.TableNumber),
        .. years.Select(year => ((object?)indicator.TargetFor(year), XlsxStyle.TableNumber)),
        (indicator.Key, XlsxStyle.TableText),
    ];
}
