using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Exports;

/// <summary>
/// The completeness board as a spreadsheet: one row per unit and period, with the counts the page shows and the days
/// late on the day it was downloaded. The "Datos al" is that of the values (<see cref="DataAsOf"/>); the days late
/// depend on the day, which the file says beside it.
/// </summary>
public static class CompletenessReport
{
    public const string Sheet = "Completitud";
    public const int HeaderRow = 6;

    public static readonly string[] Columns = ["Unidad orgánica", "Siglas", "Periodo", "Plazo", "Esperados", "Sin valor", "Borrador", "Enviados", "Observados", "Validados", "Días de atraso"];

    public static byte[] Build(PlanProgressView view, IReadOnlyList<CompletenessRow> rows, string yearsShown, DateOnly today, DateTimeOffset dataAsOf, bool demo)
    {
        var xlsx = new XlsxWriter(DemoMark.Title($"Completitud del reporte {view.Plan.Code} {yearsShown}", demo), view.Plan.Name);
        var sheet = xlsx.AddSheet(Sheet, 40, 10, 16, 12, 11, 10, 10, 10, 11, 10, 13);
        sheet.Row((DemoMark.Title("Completitud del reporte de valores por unidad orgánica y periodo", demo), XlsxStyle.Title));
        sheet.Row(("Plan", XlsxStyle.Bold), ($"{view.Plan.Code} · {view.Plan.Name}", XlsxStyle.Text));
        sheet.Row(("Años", XlsxStyle.Bold), (yearsShown, XlsxStyle.Text));
        sheet.Row(("Fecha de corte", XlsxStyle.Bold), (DataAsOf.Label(dataAsOf), XlsxStyle.Text));
        sheet.Row(("Días de atraso al", XlsxStyle.Bold), (today.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) + " (días calendario de Lima desde el plazo del periodo)", XlsxStyle.Text));
        sheet.Row(Columns.Select(c => ((object?)c, XlsxStyle.Header)).ToArray());
        sheet.Header(HeaderRow, filter: true);
        foreach (var row in rows)
        {
            foreach (var cell in row.Cells)
            {
                sheet.Row((row.Unit.Name, XlsxStyle.Wrapped), (row.Unit.Acronym, XlsxStyle.Text), (cell.Period.Label, XlsxStyle.Text),
                    (cell.Deadline?.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) ?? "Sin plazo", XlsxStyle.Text),
                    (cell.Expected, XlsxStyle.Integer), (cell.Pending, XlsxStyle.Integer), (cell.Draft, XlsxStyle.Integer), (cell.Sent, XlsxStyle.Integer),
                    (cell.Observed, XlsxStyle.Integer), (cell.Validated, XlsxStyle.Integer), (cell.DaysLate, XlsxStyle.Integer));
            }
        }

        return xlsx.Build(dataAsOf);
    }
}
