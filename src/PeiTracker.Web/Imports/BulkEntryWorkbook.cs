using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using PeiTracker.Domain;
using PeiTracker.Web.Exports;

namespace PeiTracker.Web.Imports;

/// <summary>
/// The layout of the bulk entry workbook (/Registro/Carga): a sheet «Valores» for the indicators entered as one figure,
/// one sheet «Variables N» per set of formula variables (each column titled "A · Numerador"), and «Instrucciones».
/// Read-only columns are grey and locked; the hidden columns carry the indicator's id and the version (xmin) of its
/// value as downloaded, and the «Valores» sheet carries a signed control text (<see cref="BulkEntryControl"/>) that
/// names the plan, the period and every row, so an upload can tell a changed hidden cell from a file of PeiTracker.
/// </summary>
public static class BulkEntryLayout
{
    public const string ValuesSheet = "Valores";
    public const string VariablesSheet = "Variables";
    public const string InstructionsSheet = "Instrucciones";

    /// <summary>The row of column titles (1-based); data rows follow it.</summary>
    public const int HeaderRow = 5;

    public const int CodeColumn = 0;
    public const int NameColumn = 1;
    public const int UnitColumn = 2;
    public const int PeriodColumn = 3;
    public const int CurrentColumn = 4;
    public const int StateColumn = 5;
    public const int FirstInputColumn = 6;

    public const string ValueHeader = "Valor";
    public const string CommentHeader = "Comentario";
    public const string SourceHeader = "Medio de verificación";
    public const string KeyHeader = "Clave interna (no cambiar)";
    public const string VersionHeader = "Versión (no cambiar)";

    public static readonly string[] ReadOnlyHeaders = ["Código", "Indicador", "Unidad de medida", "Periodo", "Valor actual", "Estado"];

    /// <summary>The sheet of the n-th set of variables (1-based).</summary>
    public static string VariablesSheetName(int number) => $"{VariablesSheet} {number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>How a variable's column is titled: its code, then its name ("A · Numerador").</summary>
    public static string VariableHeader(string code, string name) => $"{code} · {name}";

    /// <summary>The code of a variable column's title ("A · Numerador" → "A").</summary>
    public static string VariableCode(string header) => header.Split('·', 2)[0].Trim();

    public static int CommentColumn(int inputs) => FirstInputColumn + inputs;

    public static int SourceColumn(int inputs) => FirstInputColumn + inputs + 1;

    public static int KeyColumn(int inputs) => FirstInputColumn + inputs + 2;

    public static int VersionColumn(int inputs) => FirstInputColumn + inputs + 3;

    /// <summary>The titles of a sheet's columns, given the titles of its input columns.</summary>
    public static IReadOnlyList<string> Headers(IEnumerable<string> inputs) =>
        [.. ReadOnlyHeaders, .. inputs, CommentHeader, SourceHeader, KeyHeader, VersionHeader];
}

/// <summary>
/// What the download promised: the plan, the period, and each row's indicator, sheet and version. Signed with the
/// application's data protection keys, so a changed hidden cell (another indicator's id, a version made up to pass
/// the conflict check) or a file of another plan or period is told apart from the file as downloaded.
/// </summary>
public sealed record BulkEntryControl(int PlanId, int Year, PeriodKind Period, IReadOnlyList<BulkEntryControl.Entry> Rows)
{
    private const string Purpose = "PeiTracker.BulkEntry.v1";

    public sealed record Entry(int IndicatorId, uint Version, int Sheet);

    public string Protect(IDataProtectionProvider protection) => SignedJson.Protect(protection, Purpose, this);

    /// <summary>The control text read back, or null when it was not made by this application (or was changed).</summary>
    public static BulkEntryControl? Unprotect(IDataProtectionProvider protection, string? text) => SignedJson.Unprotect<BulkEntryControl>(protection, Purpose, text);
}

/// <summary>A record as JSON signed (and encrypted) with the application's data protection keys, for one purpose.</summary>
public static class SignedJson
{
    public static string Protect<T>(IDataProtectionProvider protection, string purpose, T value) =>
        protection.CreateProtector(purpose).Protect(JsonSerializer.Serialize(value));

    /// <summary>The record read back, or null when the text was not made by this application for this purpose (or was changed).</summary>
    public static T? Unprotect<T>(IDataProtectionProvider protection, string purpose, string? text)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(protection.CreateProtector(purpose).Unprotect(text.Trim()));
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>Builds the bulk entry workbook with the one <see cref="XlsxWriter"/> (print setup included).</summary>
public static class BulkEntryWorkbook
{
    /// <summary>One indicator to fill: its value for the period as stored now (null when none).</summary>
    public sealed record Item(Indicator Indicator, IndicatorValue? Value);

    public static byte[] Build(
        Domain.Plan plan,
        int year,
        PeriodKind period,
        string scopeLabel,
        IReadOnlyList<Item> items,
        IDataProtectionProvider protection,
        DateTimeOffset dataAsOf)
    {
        var periodLabel = PeriodLabel(year, period);
        var writer = new XlsxWriter($"Carga de valores · {plan.Code} · {periodLabel}", $"{plan.Name} · {scopeLabel}");
        var groups = items.Where(i => i.Indicator.EntersByVariables)
            .GroupBy(i => Signature(i.Indicator))
            .Select(g => g.ToList())
            .ToList();
        var sheets = new List<(string Name, IReadOnlyList<Item> Items, IReadOnlyList<string> Inputs, string Note)>
        {
            (BulkEntryLayout.ValuesSheet, items.Where(i => !i.Indicator.EntersByVariables).ToList(), [BulkEntryLayout.ValueHeader],
                "Escriba el valor obtenido en la columna «Valor» (punto decimal: 95.5)."),
        };
        foreach (var (group, number) in groups.Select((g, n) => (g, n + 1)))
        {
            var first = group[0].Indicator;
            var variables = OrderedVariables(first);
            sheets.Add((BulkEntryLayout.VariablesSheetName(number), group, variables.Select(v => BulkEntryLayout.VariableHeader(v.Code, v.Name)).ToList(),
                $"Fórmula: {first.ParsedFormula.Text}. Escriba cada variable; el valor se calcula al cargar el archivo."));
        }

        var control = new BulkEntryControl(plan.Id, year, period,
            sheets.SelectMany((s, index) => s.Items.Select(i => new BulkEntryControl.Entry(i.Indicator.Id, i.Value?.Version ?? 0, index))).ToList());
        var token = control.Protect(protection);
        foreach (var (name, sheetItems, inputs, note) in sheets)
        {
            AddSheet(writer, name, plan, periodLabel, scopeLabel, sheetItems, inputs, note, name == BulkEntryLayout.ValuesSheet ? token : null);
        }

        AddInstructions(writer, new Progress.ReportPeriod(year, period).InSentence, groups.Count);
        return writer.Build(dataAsOf);
    }

    public static string PeriodLabel(int year, PeriodKind period) =>
        period == PeriodKind.Anual ? $"Año {year.ToString(CultureInfo.InvariantCulture)}" : $"{Labels.Of(period)} {year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The formula's variables in their order, with the names the ficha gives them.</summary>
    public static IReadOnlyList<(string Code, string Name)> OrderedVariables(Indicator indicator) =>
        indicator.ParsedFormula.Variables
            .Select(code => (code, indicator.Variables.FirstOrDefault(v => v.Code == code)?.Name ?? code))
            .ToList();

    /// <summary>Indicators whose variable columns read the same share a sheet.</summary>
    internal static string Signature(Indicator indicator) =>
        string.Join("|", OrderedVariables(indicator).Select(v => BulkEntryLayout.VariableHeader(v.Code, v.Name)));

    private static void AddSheet(
        XlsxWriter writer,
        string name,
        Domain.Plan plan,
        string periodLabel,
        string scopeLabel,
        IReadOnlyList<Item> items,
        IReadOnlyList<string> inputs,
        string note,
        string? token)
    {
        var sheet = StartSheet(writer, name, $"Carga de valores · {plan.Name}", $"{periodLabel} · {scopeLabel}", note, items.Count == 0,
            BulkEntryLayout.Headers(inputs), inputs.Count, [40, 30], BulkEntryLayout.KeyColumn(inputs.Count), token);
        foreach (var (indicator, value) in items)
        {
            var figures = value?.Variables.ToDictionary(v => v.Code, v => v.Figure) ?? [];
            var cells = new List<(object?, XlsxStyle)>
            {
                (indicator.PublishedCode, XlsxStyle.ReadOnlyText),
                (indicator.Name, XlsxStyle.ReadOnlyText),
                (Labels.Of(indicator.Unit), XlsxStyle.ReadOnlyText),
                (periodLabel, XlsxStyle.ReadOnlyText),
                (value is null ? "Sin registrar" : Entry.ValueEntryService.DescribeData(value.Value, value.Variables, null, null, indicator), XlsxStyle.ReadOnlyText),
                (value is null ? "Sin registrar" : Labels.Of(value.Status), XlsxStyle.ReadOnlyText),
            };
            if (indicator.EntersByVariables)
            {
                cells.AddRange(inputs.Select(h => ((object?)(figures.TryGetValue(BulkEntryLayout.VariableCode(h), out var f) ? f : null), XlsxStyle.InputNumber)));
            }
            else
            {
                cells.Add((value?.Variables.Count > 0 ? null : value?.Value, XlsxStyle.InputNumber));
            }

            cells.Add((value?.Comment, XlsxStyle.InputText));
            cells.Add((value?.DataSource, XlsxStyle.InputText));
            cells.Add((indicator.Id, XlsxStyle.Text));
            cells.Add(((decimal)(value?.Version ?? 0), XlsxStyle.Text));
            sheet.Row([.. cells]);
        }

        var keyColumn = BulkEntryLayout.KeyColumn(inputs.Count);
        sheet.Hide(keyColumn, keyColumn + 1);
        sheet.Protect();
    }

    /// <summary>
    /// A planilla sheet up to its column titles: title (with the signed control text in the hidden key column when
    /// given), subtitle, note, hint, and the frozen header row; the read-only columns, the inputs, the trailing text
    /// columns of <paramref name="textWidths"/>, then the two hidden columns; the third column (unit of measure or
    /// reporting point) is <paramref name="thirdWidth"/> wide.
    /// </summary>
    internal static XlsxSheet StartSheet(XlsxWriter writer, string name, string title, string subtitle, string note, bool empty,
        IReadOnlyList<string> headers, int inputs, double[] textWidths, int keyColumn, string? token, double thirdWidth = 14)
    {
        var widths = new List<double> { 14, 48, thirdWidth, 14, 22, 14 };
        widths.AddRange(Enumerable.Repeat(16d, inputs));
        widths.AddRange(textWidths);
        widths.AddRange([10, 10]);
        var sheet = writer.AddSheet(name, [.. widths]);
        (object?, XlsxStyle)[] Line(string text, XlsxStyle style, string? hidden = null)
        {
            var cells = new (object?, XlsxStyle)[keyColumn + 1];
            cells[0] = (text, style);
            cells[keyColumn] = (hidden, XlsxStyle.Text);
            return cells;
        }

        sheet.Row(Line(title, XlsxStyle.Title, token));
        sheet.Row(Line(subtitle, XlsxStyle.Bold));
        sheet.Row(Line(note, XlsxStyle.Text));
        sheet.Row(Line(empty ? "No hay indicadores pendientes en esta hoja." : "Las columnas grises son de lectura; complete las blancas. Vea la hoja «Instrucciones».", XlsxStyle.Text));
        sheet.Row([.. headers.Select(h => ((object?)h, XlsxStyle.Header))]);
        sheet.Header(BulkEntryLayout.HeaderRow, filter: false);
        return sheet;
    }

    private static void AddInstructions(XlsxWriter writer, string periodLabel, int variableSheets)
    {
        var sheet = writer.AddSheet(BulkEntryLayout.InstructionsSheet, 110);
        sheet.Row(("Instrucciones para la carga de valores", XlsxStyle.Title));
        string[] lines =
        [
            $"1. Este archivo contiene sus indicadores pendientes de {periodLabel}: sin valor, en borrador u observados por la OGPP.",
            "2. En la hoja «Valores» escriba el valor obtenido de cada indicador en la columna «Valor»."
                + (variableSheets > 0 ? " En las hojas «Variables» escriba cada variable de la fórmula (por ejemplo «A · Numerador»): el valor se calcula al cargar el archivo." : ""),
            "3. Use punto como separador decimal (95.5) y ningún separador de miles; no escriba el signo %. Respete los decimales y el rango de la unidad de medida.",
            "4. Si con el valor el indicador queda en amarillo o rojo, explique la desviación en «Comentario». Indique el «Medio de verificación».",
            "5. Una fila sin valor ni variables no cambia nada. Las columnas grises son de lectura: no cambie códigos, nombres ni el orden de las columnas.",
            "6. Hay columnas ocultas que identifican cada indicador y la versión de su valor: no las cambie. Si alguien cambió un valor después de su descarga, la fila se informa como conflicto y no se sobrescribe.",
            "7. Guarde el archivo como «Libro de Excel (.xlsx)» y cárguelo en PeiTracker, Registro → Carga por Excel. Verá una vista previa con cada cambio y cada error (hoja, fila y columna) antes de guardar nada.",
            "8. Al confirmar elija «Guardar como borrador» o «Guardar y enviar» a la OGPP. Las evidencias (archivos) se adjuntan en el formulario de cada indicador.",
            "9. Cargar el mismo archivo otra vez no cambia nada: las filas iguales a lo guardado se muestran «Sin cambios».",
        ];
        foreach (var line in lines)
        {
            sheet.Row((line, XlsxStyle.Wrapped));
        }
    }
}
