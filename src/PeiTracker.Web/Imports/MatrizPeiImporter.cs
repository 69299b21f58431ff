using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PeiTracker.Domain;
using PeiTracker.Domain.Editing;
using PeiTracker.Web.Exports;
using static PeiTracker.Web.Exports.MatrizPeiLayout;
using static PeiTracker.Web.Imports.XlsxUpload;

namespace PeiTracker.Web.Imports;

/// <summary>
/// Reads an uploaded Matriz del PEI (.xlsx in the layout of <see cref="MatrizPeiExporter"/>) and applies
/// each row to its indicator through <see cref="Indicator.SetFigures"/>, the operation the forms call:
/// which baselines and targets change, and every reason the file cannot be applied, located by sheet,
/// row and column. The page gives untracked copies for a preview and tracked entities when confirming,
/// and saves. Untrusted input: sizes are checked before anything is decompressed, parts are streamed,
/// and text is read as numbers by the forms' rule (<see cref="DecimalText"/>).
/// </summary>
public static class MatrizPeiImporter
{
    public const long MaxFileBytes = 5L * 1024 * 1024;
    public const long MaxPartBytes = 50L * 1024 * 1024;
    public const int MaxRows = 5_000;
    public const int MaxErrors = 200;

    public const string NotXlsxMessage =
        "El archivo no es un libro de Excel (.xlsx) válido: está dañado o tiene otro formato. Descargue la matriz de esta página, edítela y guárdela como «Libro de Excel (.xlsx)».";

    public const string FileTooLargeMessage =
        "El archivo pesa más de 5 MB; la matriz del PEI pesa mucho menos. Cargue la matriz descargada de esta página.";

    public const string PartTooLargeMessage =
        "El contenido del archivo ocupa más de 50 MB al descomprimirlo; no se leerá. Cargue la matriz descargada de esta página.";

    public const string UnreadableNumberMessage = XlsxUpload.UnreadableNumberMessage;

    public const string NoIndicatorRowsMessage = "La hoja no tiene filas de indicadores: no hay nada que cargar.";

    public const string RowWithoutIndicatorMessage =
        "Esta fila tiene cifras, pero no indica el código del indicador ni la Clave PeiTracker: no se sabe a qué indicador pertenecen.";

    public const string PercentFormatMessage = XlsxUpload.PercentFormatMessage;

    public const string MoreErrorsMessage = "Hay más errores; solo se muestran los primeros 200. Corríjalos y vuelva a cargar el archivo.";

    public static string TooManyRowsMessage => $"La hoja tiene más de {MaxRows.ToString(CultureInfo.InvariantCulture)} filas; la matriz del PEI tiene muchas menos. Revise que sea el archivo correcto.";

    public static string MissingSheetMessage(IEnumerable<string> sheets) =>
        $"El archivo no tiene la hoja «{WorksheetName}» (tiene: {string.Join(", ", sheets.Select(s => $"«{s}»").DefaultIfEmpty("ninguna"))}). Cargue la matriz descargada de esta página sin cambiar el nombre de su hoja.";

    public static string HeaderNotFoundMessage(IReadOnlyList<int> years) =>
        $"No se encontró la fila de encabezados de la matriz. Se esperan estas columnas, en este orden: {ExpectedColumns(years)}.";

    public static string WrongColumnMessage(IReadOnlyList<int> years, string column, string found, string expected) =>
        $"Las columnas no son las de la Matriz del PEI: la columna {column} dice «{found}» y debería decir «{expected}». Se esperan estas columnas, en este orden: {ExpectedColumns(years)}.";

    public static string UnknownKeyMessage(string key) =>
        $"La clave «{key}» no corresponde a ningún indicador del plan. No cambie la columna «{KeyHeader}».";

    public static string KeyAndCodeDisagreeMessage(string code, string key, string publishedCode) =>
        $"La fila dice «{code}», pero su clave «{key}» es del indicador {publishedCode}. Corrija el código o la clave: no se sabe a qué indicador pertenecen estas cifras.";

    public static string UnknownCodeMessage(string code) => $"El código de indicador «{code}» no existe en el plan.";

    public static string AmbiguousCodeMessage(string code, IEnumerable<string> keys, string keyColumn) =>
        $"El código {code} se usa para varios indicadores del plan ({string.Join(", ", keys)}); escriba su Clave PeiTracker en la columna {keyColumn} para saber cuál es.";

    public static string DuplicateRowMessage(string code, int firstRow) =>
        $"El indicador {code} ya aparece en la fila {firstRow.ToString(CultureInfo.InvariantCulture)}; cada indicador debe aparecer una sola vez.";

    public static string ExcelErrorMessage(string error) => XlsxUpload.ExcelErrorMessage(error);

    /// <summary>
    /// Reads the file and applies it to the plan's indicators (with their targets loaded); revised targets
    /// keep <paramref name="reason"/>. Nothing is applied to an indicator whose row has an error, and the
    /// preview lists no change while the file has any error.
    /// </summary>
    public static MatrizPreview Apply(byte[] file, string? fileName, IReadOnlyList<int> years, IReadOnlyCollection<Indicator> indicators, int currentYear, string reason)
    {
        var sheet = Read(file, fileName, years);
        return sheet.Error is { } error ? new MatrizPreview { Errors = [error] } : Apply(sheet.Rows, years, indicators, currentYear, reason);
    }

    /// <summary>The rows below the header row, or the one reason the file cannot be read at all.</summary>
    internal static SheetContent Read(byte[] file, string? fileName, IReadOnlyList<int> years)
    {
        var (document, problem) = XlsxUpload.Open(file, fileName, MaxFileBytes, MaxPartBytes);
        using (document)
        {
            return problem switch
            {
                XlsxUploadProblem.TooLarge => SheetContent.Fail(FileTooLargeMessage, ""),
                XlsxUploadProblem.PartTooLarge => SheetContent.Fail(PartTooLargeMessage, ""),
                XlsxUploadProblem.None => XlsxUpload.Guard(() => ReadSheet(document!, years), () => SheetContent.Fail(NotXlsxMessage, "")),
                _ => SheetContent.Fail(NotXlsxMessage, ""),
            };
        }
    }

    private static SheetContent ReadSheet(SpreadsheetDocument document, IReadOnlyList<int> years)
    {
        var workbookPart = document.WorkbookPart;
        if (workbookPart?.Workbook.Sheets is not { } sheets)
        {
            return SheetContent.Fail(NotXlsxMessage, "");
        }

        var sheet = sheets.Elements<Sheet>().FirstOrDefault(s => string.Equals(s.Name?.Value?.Trim(), WorksheetName, StringComparison.OrdinalIgnoreCase));
        if (sheet?.Id?.Value is not { } id || !workbookPart.TryGetPartById(id, out var part) || part is not WorksheetPart worksheetPart)
        {
            return SheetContent.Fail(MissingSheetMessage(sheets.Elements<Sheet>().Select(s => s.Name?.Value ?? "")), "");
        }

        var rows = XlsxUpload.Rows(workbookPart, worksheetPart, KeyColumn(years.Count) + 1, MaxRows);
        if (rows is null)
        {
            return SheetContent.Fail(TooManyRowsMessage, WorksheetName);
        }

        var expected = Headers(years);
        var header = rows.FirstOrDefault(r => r.Number <= 50 && SameHeader(r.Text(0), expected[0]));
        if (header is null)
        {
            return SheetContent.Fail(HeaderNotFoundMessage(years), WorksheetName);
        }

        // The first column whose title differs, or else the first extra column after the last one.
        var wrong = Enumerable.Range(0, expected.Count).Where(c => !SameHeader(header.Text(c), expected[c]))
            .Concat(header.Cells.Keys.Where(c => c >= expected.Count).Order())
            .DefaultIfEmpty(-1)
            .First();
        if (wrong >= 0)
        {
            var found = header.Text(wrong);
            var message = WrongColumnMessage(years, ColumnLetter(wrong), found.Length == 0 ? "(vacía)" : found, wrong < expected.Count ? expected[wrong] : "(nada)");
            return SheetContent.Fail(new MatrizIssue(WorksheetName, header.Number, ColumnLetter(wrong), message));
        }

        return new SheetContent(rows.Where(r => r.Number > header.Number).ToList(), null);
    }

    internal static MatrizPreview Apply(IReadOnlyList<SheetRow> rows, IReadOnlyList<int> years, IReadOnlyCollection<Indicator> indicators, int currentYear, string reason)
    {
        var errors = new IssueList();
        var changes = new List<MatrizChange>();
        var byKey = indicators.ToLookup(i => i.Key, StringComparer.OrdinalIgnoreCase);
        var byCode = indicators.ToLookup(i => i.PublishedCode, StringComparer.OrdinalIgnoreCase);
        var firstRowOf = new Dictionary<int, int>();
        var keyColumn = KeyColumn(years.Count);
        var indicatorRows = 0;

        foreach (var row in rows)
        {
            var code = row.Text(IndicatorCodeColumn);
            var key = row.Text(keyColumn);
            if (code.Length == 0 && key.Length == 0)
            {
                if (Enumerable.Range(BaselineYearColumn, years.Count + 2).Any(c => row.Cell(c).Kind != CellKind.Empty))
                {
                    errors.Add(row.Number, IndicatorCodeColumn, RowWithoutIndicatorMessage);
                }

                continue;
            }

            indicatorRows++;
            var indicator = Resolve(row, code, key, keyColumn, byKey, byCode, errors);
            if (indicator is null)
            {
                continue;
            }

            if (firstRowOf.TryGetValue(indicator.Id, out var firstRow))
            {
                errors.Add(row.Number, key.Length > 0 ? keyColumn : IndicatorCodeColumn, DuplicateRowMessage(indicator.PublishedCode, firstRow));
                continue;
            }

            firstRowOf[indicator.Id] = row.Number;
            ApplyRow(row, indicator, years, currentYear, reason, errors, changes);
        }

        if (indicatorRows == 0 && errors.Count == 0)
        {
            errors.Add(null, null, NoIndicatorRowsMessage);
        }

        return new MatrizPreview
        {
            Changes = errors.Count == 0 ? changes : [],
            Errors = errors.ToList(),
            IndicatorRows = indicatorRows,
            IndicatorsNotInFile = indicators.Count(i => !firstRowOf.ContainsKey(i.Id)),
        };
    }

    private static Indicator? Resolve(
        SheetRow row,
        string code,
        string key,
        int keyColumn,
        ILookup<string, Indicator> byKey,
        ILookup<string, Indicator> byCode,
        IssueList errors)
    {
        if (key.Length > 0)
        {
            var match = byKey[key].FirstOrDefault();
            if (match is null)
            {
                errors.Add(row.Number, keyColumn, UnknownKeyMessage(key));
                return null;
            }

            if (code.Length > 0 && !string.Equals(code, match.PublishedCode, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(row.Number, IndicatorCodeColumn, KeyAndCodeDisagreeMessage(code, key, match.PublishedCode));
                return null;
            }

            return match;
        }

        var matches = byCode[code].ToList();
        switch (matches.Count)
        {
            case 0:
                errors.Add(row.Number, IndicatorCodeColumn, UnknownCodeMessage(code));
                return null;
            case > 1:
                errors.Add(row.Number, keyColumn, AmbiguousCodeMessage(code, matches.Select(m => m.Key).Order(StringComparer.Ordinal), ColumnLetter(keyColumn)));
                return null;
            default:
                return matches[0];
        }
    }

    /// <summary>
    /// Reads the row's figures and hands them to the indicator's operation. A cell that cannot be read is
    /// reported and left out, so the operation still reports what is wrong with the other cells.
    /// </summary>
    private static void ApplyRow(SheetRow row, Indicator indicator, IReadOnlyList<int> years, int currentYear, string reason, IssueList errors, List<MatrizChange> changes)
    {
        var columns = new Dictionary<string, int> { [FieldKeys.BaselineYear] = BaselineYearColumn, [FieldKeys.BaselineValue] = BaselineValueColumn };
        var yearOk = ReadNumber(row, BaselineYearColumn, errors, out var yearValue);
        if (yearOk && yearValue is { } y && (decimal.Truncate(y) != y || y is < int.MinValue or > int.MaxValue))
        {
            errors.Add(row.Number, BaselineYearColumn, EditMessages.BaselineYear);
            yearOk = false;
        }

        var valueOk = ReadNumber(row, BaselineValueColumn, errors, out var baselineValue);
        var targets = new Dictionary<int, decimal?>();
        for (var i = 0; i < years.Count; i++)
        {
            var column = FirstTargetColumn + i;
            columns[FieldKeys.Target(years[i])] = column;
            if (ReadNumber(row, column, errors, out var value))
            {
                targets[years[i]] = value;
            }
        }

        var baseline = yearOk && valueOk ? new Baseline((int?)yearValue, baselineValue) : (Baseline?)null;
        var edit = indicator.SetFigures(baseline, targets, currentYear, reason);
        foreach (var (field, message) in edit.Errors.OrderBy(e => columns.GetValueOrDefault(e.Key, int.MaxValue)))
        {
            errors.Add(row.Number, columns.TryGetValue(field, out var column) ? column : null, message);
        }

        changes.AddRange(edit.Changes.Select(c => new MatrizChange(indicator.Id, indicator.Key, indicator.PublishedCode, c, row.Number)));
    }

    /// <summary>
    /// A figure from a cell: a numeric cell as it is, text by the same rules as the forms (so "95,5"
    /// is refused, never read as 955). Values are rounded to the database's 6 decimals, so a float
    /// artefact such as 95.49999999999999 does not show up as a change at every upload.
    /// </summary>
    private static bool ReadNumber(SheetRow row, int column, IssueList errors, out decimal? value)
    {
        if (XlsxUpload.ReadNumber(row.Cell(column), out value) is { } error)
        {
            errors.Add(row.Number, column, error);
            return false;
        }

        return true;
    }

    private static bool SameHeader(string found, string expected) =>
        string.Equals(string.Join(' ', found.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), expected, StringComparison.OrdinalIgnoreCase);

    private static string ExpectedColumns(IReadOnlyList<int> years) =>
        string.Join(" | ", Headers(years).Select((h, i) => $"{ColumnLetter(i)} «{h}»"));

    internal sealed record SheetContent(IReadOnlyList<SheetRow> Rows, MatrizIssue? Error)
    {
        public static SheetContent Fail(string message, string sheet) => new([], new MatrizIssue(sheet, null, null, message));

        public static SheetContent Fail(MatrizIssue issue) => new([], issue);
    }

    /// <summary>Errors in the order found, at most <see cref="MaxErrors"/> and then one line saying there are more.</summary>
    private sealed class IssueList
    {
        private readonly List<MatrizIssue> issues = [];

        public int Count => issues.Count;

        public void Add(int? row, int? column, string message)
        {
            if (issues.Count < MaxErrors)
            {
                issues.Add(new MatrizIssue(WorksheetName, row, column is { } c ? ColumnLetter(c) : null, message));
            }
            else if (issues.Count == MaxErrors)
            {
                issues.Add(new MatrizIssue(WorksheetName, null, null, MoreErrorsMessage));
            }
        }

        public List<MatrizIssue> ToList() => issues;
    }
}
