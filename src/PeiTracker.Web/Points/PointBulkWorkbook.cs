using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using PeiTracker.Domain;
using PeiTracker.Domain.Points;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Imports;

namespace PeiTracker.Web.Points;

/// <summary>
/// The layout of a reporting point's planilla (/Registro/CargaPuntos): one sheet «Cifras N» per set of formula
/// variables, a row per indicator collected by point and reporting point, and «Instrucciones». The read-only columns
/// and the row of titles are those of the planilla of values (<see cref="BulkEntryLayout"/>), with the reporting
/// point where that one has the unit of measure, and no «Medio de verificación» (a point's figures carry a comment).
/// </summary>
public static class PointBulkLayout
{
    public const string FiguresSheet = "Cifras";
    public const string PointHeader = "Punto de registro";
    public const string CurrentHeader = "Cifras actuales";

    /// <summary>The reporting point's column: where the planilla of values has the unit of measure.</summary>
    public const int PointColumn = BulkEntryLayout.UnitColumn;

    public static readonly string[] ReadOnlyHeaders = ["Código", "Indicador", PointHeader, "Periodo", CurrentHeader, "Estado"];

    /// <summary>The sheet of the n-th set of variables (1-based).</summary>
    public static string SheetName(int number) => $"{FiguresSheet} {number.ToString(CultureInfo.InvariantCulture)}";

    public static int CommentColumn(int inputs) => BulkEntryLayout.FirstInputColumn + inputs;

    public static int KeyColumn(int inputs) => BulkEntryLayout.FirstInputColumn + inputs + 1;

    public static int VersionColumn(int inputs) => BulkEntryLayout.FirstInputColumn + inputs + 2;

    /// <summary>The titles of a sheet's columns, given the titles of its variable columns.</summary>
    public static IReadOnlyList<string> Headers(IEnumerable<string> inputs) =>
        [.. ReadOnlyHeaders, .. inputs, BulkEntryLayout.CommentHeader, BulkEntryLayout.KeyHeader, BulkEntryLayout.VersionHeader];

    /// <summary>The hidden key of a row: the indicator's id and the point's id ("12-5").</summary>
    public static string Key(int indicatorId, int pointId) =>
        $"{indicatorId.ToString(CultureInfo.InvariantCulture)}-{pointId.ToString(CultureInfo.InvariantCulture)}";

    public static bool TryParseKey(string text, out int indicatorId, out int pointId)
    {
        (indicatorId, pointId) = (0, 0);
        var parts = text.Split('-');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out indicatorId)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out pointId);
    }
}

/// <summary>
/// What a point's planilla promised: the plan, the period, and each row's indicator, reporting point, sheet and the
/// version of the point's figures as downloaded. Signed like <see cref="BulkEntryControl"/>, for its own purpose, so
/// neither planilla is taken for the other.
/// </summary>
public sealed record PointBulkControl(int PlanId, int Year, PeriodKind Period, IReadOnlyList<PointBulkControl.Entry> Rows)
{
    private const string Purpose = "PeiTracker.PointBulkEntry.v1";

    public sealed record Entry(int IndicatorId, int PointId, uint Version, int Sheet);

    public string Protect(IDataProtectionProvider protection) => SignedJson.Protect(protection, Purpose, this);

    public static PointBulkControl? Unprotect(IDataProtectionProvider protection, string? text) => SignedJson.Unprotect<PointBulkControl>(protection, Purpose, text);
}

/// <summary>Builds a reporting point's planilla with the one <see cref="XlsxWriter"/>.</summary>
public static class PointBulkWorkbook
{
    /// <summary>One row to fill: an indicator collected by point, a point, and its figures for the period as stored now.</summary>
    public sealed record Item(Indicator Indicator, ReportingPoint Point, PointSubmission? Submission);

    public static byte[] Build(Domain.Plan plan, int year, PeriodKind period, string scopeLabel, IReadOnlyList<Item> items, IDataProtectionProvider protection, DateTimeOffset dataAsOf)
    {
        var periodLabel = BulkEntryWorkbook.PeriodLabel(year, period);
        var writer = new XlsxWriter($"Carga de cifras por punto de registro · {plan.Code} · {periodLabel}", $"{plan.Name} · {scopeLabel}");
        var groups = items.GroupBy(i => BulkEntryWorkbook.Signature(i.Indicator)).Select(g => g.ToList()).DefaultIfEmpty([]).ToList();
        var control = new PointBulkControl(plan.Id, year, period,
            groups.SelectMany((g, sheet) => g.Select(i => new PointBulkControl.Entry(i.Indicator.Id, i.Point.Id, i.Submission?.Version ?? 0, sheet))).ToList());
        var token = control.Protect(protection);
        foreach (var (group, index) in groups.Select((g, n) => (g, n)))
        {
            var variables = group.Count == 0 ? [] : BulkEntryWorkbook.OrderedVariables(group[0].Indicator);
            var inputs = variables.Select(v => BulkEntryLayout.VariableHeader(v.Code, v.Name)).ToList();
            var note = group.Count == 0
                ? "No hay cifras pendientes de sus puntos de registro en este periodo."
                : $"Fórmula: {group[0].Indicator.ParsedFormula.Text}. Escriba las cifras que contó el punto de registro para cada variable; el valor del indicador se calcula de las sumas de los puntos aceptados.";
            var keyColumn = PointBulkLayout.KeyColumn(inputs.Count);
            var sheet = BulkEntryWorkbook.StartSheet(writer, PointBulkLayout.SheetName(index + 1), $"Carga de cifras por punto de registro · {plan.Name}", $"{periodLabel} · {scopeLabel}",
                note, group.Count == 0, PointBulkLayout.Headers(inputs), inputs.Count, [40], keyColumn, index == 0 ? token : null, thirdWidth: 34);
            foreach (var (indicator, point, submission) in group)
            {
                var figures = submission?.FigureMap ?? new Dictionary<string, decimal>();
                sheet.Row([
                    (indicator.PublishedCode, XlsxStyle.ReadOnlyText),
                    (indicator.Name, XlsxStyle.ReadOnlyText),
                    (point.Label, XlsxStyle.ReadOnlyText),
                    (periodLabel, XlsxStyle.ReadOnlyText),
                    (submission is null ? "Sin registrar" : PointSubmission.DescribeFigures(submission.Figures) ?? "sin cifras", XlsxStyle.ReadOnlyText),
                    (submission is null ? "Sin registrar" : Labels.Of(submission.Status), XlsxStyle.ReadOnlyText),
                    .. variables.Select(v => ((object?)(figures.TryGetValue(v.Code, out var f) ? f : null), XlsxStyle.InputNumber)),
                    (submission?.Comment, XlsxStyle.InputText),
                    (PointBulkLayout.Key(indicator.Id, point.Id), XlsxStyle.Text),
                    ((decimal)(submission?.Version ?? 0), XlsxStyle.Text),
                ]);
            }

            sheet.Hide(keyColumn, keyColumn + 1);
            sheet.Protect();
        }

        AddInstructions(writer, new Progress.ReportPeriod(year, period).InSentence);
        return writer.Build(dataAsOf);
    }

    private static void AddInstructions(XlsxWriter writer, string periodLabel)
    {
        var sheet = writer.AddSheet(BulkEntryLayout.InstructionsSheet, 110);
        sheet.Row(("Instrucciones para la carga de cifras por punto de registro", XlsxStyle.Title));
        string[] lines =
        [
            $"1. Este archivo contiene las cifras pendientes de {periodLabel} de sus puntos de registro: una fila por indicador y punto, sin cifras, en borrador u observadas por la unidad responsable.",
            "2. En las hojas «Cifras» escriba lo que contó el punto para cada variable de la fórmula (por ejemplo «A · Numerador» y «B · Denominador»). No escriba el porcentaje: el valor del indicador se calcula de las sumas de todos los puntos aceptados, nunca del promedio de sus porcentajes.",
            "3. Use punto como separador decimal (95.5) y ningún separador de miles; no escriba el signo %.",
            "4. Si una cifra se aparta de lo habitual, explíquelo en «Comentario»: la unidad responsable lo lee al revisar.",
            "5. Una fila sin cifras ni comentario no cambia nada. Las columnas grises son de lectura: no cambie códigos, nombres ni el orden de las columnas.",
            "6. Hay columnas ocultas que identifican cada indicador, punto y versión de sus cifras: no las cambie. Si alguien cambió las cifras después de su descarga, la fila se informa como conflicto y no se sobrescribe.",
            "7. Guarde el archivo como «Libro de Excel (.xlsx)» y cárguelo en PeiTracker, Registro → Carga por Excel de puntos de registro. Verá una vista previa con cada cambio y cada error (hoja, fila y columna) antes de guardar nada.",
            "8. Al confirmar elija «Guardar como borrador» o «Guardar y enviar» a la unidad responsable, que acepta u observa las cifras de cada punto.",
            "9. Cargar el mismo archivo otra vez no cambia nada: las filas iguales a lo guardado se muestran «Sin cambios».",
        ];
        foreach (var line in lines)
        {
            sheet.Row((line, XlsxStyle.Wrapped));
        }
    }
}
