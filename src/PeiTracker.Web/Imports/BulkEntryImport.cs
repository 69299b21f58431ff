using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Editing;
using PeiTracker.Domain.Entry;
using PeiTracker.Web.Data;
using PeiTracker.Web.Entry;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Writes;
using static PeiTracker.Web.Imports.BulkEntryLayout;

namespace PeiTracker.Web.Imports;

/// <summary>What the upload does with one row.</summary>
public enum BulkOutcome
{
    /// <summary>A first value for the period.</summary>
    Nuevo = 0,

    /// <summary>A value that changes.</summary>
    Cambia = 1,

    /// <summary>The row holds what is stored already: nothing is written.</summary>
    SinCambios = 2,

    /// <summary>Nothing typed in the row: nothing is written.</summary>
    Vacia = 3,

    /// <summary>The row cannot be saved (its errors are listed).</summary>
    Error = 4,
}

/// <summary>One problem, located as Excel shows it: sheet, row number, column letter and title.</summary>
public sealed record BulkIssue(string Sheet, int? Row, string? Column, string? ColumnTitle, string Message)
{
    /// <summary>"Hoja Valores, fila 7, columna G (Valor): …".</summary>
    public string Text =>
        (Sheet.Length == 0 ? "" : $"Hoja {Sheet}")
        + (Row is { } row ? $", fila {row.ToString(CultureInfo.InvariantCulture)}" : "")
        + (Column is { } column ? $", columna {column}" + (ColumnTitle is { } title ? $" ({title})" : "") : "")
        + (Sheet.Length == 0 ? "" : ": ") + Message;
}

/// <summary>What the preview of an upload needs of each row, whatever the planilla (values or a reporting point's figures).</summary>
public interface IBulkRow
{
    BulkOutcome Outcome { get; }

    /// <summary>An unchanged draft (or observed entry) that «Guardar y enviar» sends as it is.</summary>
    bool Sendable { get; }

    /// <summary>What the row would do against the data as read, for <see cref="BulkPreviewOf{TRow}.Fingerprint"/>.</summary>
    string Fingerprint { get; }
}

/// <summary>One row of the file and what confirming would do with it.</summary>
public sealed record BulkRow(
    string Sheet,
    int Row,
    int IndicatorId,
    string Code,
    string Name,
    BulkOutcome Outcome,
    string? Before,
    string? After,
    string? Calculation,
    ValueStatus? State,
    uint CurrentVersion,
    ValueSubmission? Submission) : IBulkRow
{
    public bool Sendable => Outcome == BulkOutcome.SinCambios && State is ValueStatus.Borrador or ValueStatus.Observado;

    public string Fingerprint => string.Join("|", IndicatorId.ToString(CultureInfo.InvariantCulture), Outcome, Before, After, State, CurrentVersion.ToString(CultureInfo.InvariantCulture));
}

/// <summary>What an upload would save, and every reason it cannot; nothing is saved while it is a preview.</summary>
public abstract class BulkPreviewOf<TRow>
    where TRow : IBulkRow
{
    private string? fingerprint;

    public IReadOnlyList<TRow> Rows { get; init; } = [];

    public IReadOnlyList<BulkIssue> Errors { get; init; } = [];

    public int Year { get; init; }

    public PeriodKind Period { get; init; }

    public bool HasErrors => Errors.Count > 0;

    public int Changes => Rows.Count(r => r.Outcome is BulkOutcome.Nuevo or BulkOutcome.Cambia);

    public int Unchanged => Rows.Count(r => r.Outcome == BulkOutcome.SinCambios);

    /// <summary>Only a file without any error is confirmed, and only when it changes something (ADR 0020).</summary>
    public bool CanConfirm => !HasErrors && Rows.Any(r => r.Outcome is BulkOutcome.Nuevo or BulkOutcome.Cambia || r.Sendable);

    /// <summary>A hash of what each row would do against the data as read: confirming saves only what was previewed.</summary>
    public string Fingerprint => fingerprint ??= Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", Rows.Select(r => r.Fingerprint)))));

    /// <summary>The rows confirming with «Guardar y enviar» (<paramref name="send"/>) or «Guardar como borrador» would save.</summary>
    public IReadOnlyList<TRow> ToSave(bool send) => [.. Rows.Where(r => r.Outcome is BulkOutcome.Nuevo or BulkOutcome.Cambia || (r.Sendable && send))];
}

/// <summary>The preview of a planilla of values.</summary>
public sealed class BulkPreview : BulkPreviewOf<BulkRow>
{
    public static BulkPreview Fail(string message) => new() { Errors = [new BulkIssue("", null, null, null, message)] };
}

/// <summary>
/// The bulk entry of values by Excel: reads an uploaded workbook of <see cref="BulkEntryWorkbook"/>, checks every row
/// by the entry form's rules (<see cref="ValueEntryService.CheckAsync"/>, nothing saved) and, once confirmed, saves
/// the rows through <see cref="ValueEntryService.SubmitAsync"/>, all in one transaction or none (ADR 0020).
/// </summary>
public sealed class BulkEntryImport(AppDbContext db, ValueEntryService entry, IDataProtectionProvider protection)
{
    public const long MaxFileBytes = XlsxUpload.MaxFileBytes;
    public const long MaxPartBytes = XlsxUpload.MaxPartBytes;
    public const int MaxRows = 2_000;
    public const int MaxErrors = 200;

    public const string NotXlsxMessage =
        "El archivo no es un libro de Excel (.xlsx) válido: está dañado o tiene otro formato. Descargue la planilla de esta página, complétela y guárdela como «Libro de Excel (.xlsx)». No se guardó nada.";

    public const string FileTooLargeMessage = "El archivo pesa más de 5 MB; la planilla de carga pesa mucho menos. Cargue la planilla descargada de esta página. No se guardó nada.";

    public const string PartTooLargeMessage = "El contenido del archivo ocupa más de 50 MB al descomprimirlo; no se leerá. Cargue la planilla descargada de esta página. No se guardó nada.";

    public const string TooManyRowsMessage = "La hoja tiene demasiadas filas para una planilla de carga. Cargue la planilla descargada de esta página. No se guardó nada.";

    public const string NotOurFileMessage =
        "El archivo no es una planilla de carga descargada de PeiTracker, o se cambió su control oculto. Descargue la planilla de esta página y complétela sin cambiar sus columnas ocultas. No se guardó nada.";

    public const string TamperedMessage =
        "Se cambiaron las columnas ocultas («Clave interna» o «Versión») o se movieron filas entre hojas: no se sabe a qué indicador o versión corresponde cada fila. Descargue la planilla de nuevo y complete solo las columnas blancas. No se guardó nada.";

    public const string NothingMessage = "La planilla no tiene filas de indicadores: no hay nada que cargar.";

    public const string MoreErrorsMessage = "Hay más errores; solo se muestran los primeros 200. Corríjalos y vuelva a cargar el archivo.";

    public static string MissingSheetMessage(string sheet) =>
        $"El archivo no tiene la hoja «{sheet}». Cargue la planilla descargada de esta página sin cambiar el nombre de sus hojas. No se guardó nada.";

    public static string WrongColumnsMessage(string sheet, string column, string found, string expected) =>
        $"Hoja {sheet}, fila {HeaderRow.ToString(CultureInfo.InvariantCulture)}, columna {column}: dice «{found}» y debería decir «{expected}». No cambie ni mueva las columnas de la planilla. No se guardó nada.";

    public static string OtherPeriodMessage(string fileLabel, string expectedLabel) =>
        $"El archivo es de otro plan o periodo ({fileLabel}); esta carga es de {expectedLabel}. Elija ese periodo arriba o descargue la planilla de {expectedLabel}. No se guardó nada.";

    public static string ConflictMessage(string current) =>
        $"El valor cambió desde que descargó el archivo (ahora: {current}): no se sobrescribe. Descargue la planilla de nuevo, revise el valor y vuelva a cargarla.";

    public static string NotANumberMessage(string text, string error) =>
        Suggestion(text) is { } suggestion ? $"«{text}» no es un número; escriba {suggestion}." : $"«{text}» no es un número. {error}";

    /// <summary>
    /// Reads the upload and checks each row against the database as it is now. <paramref name="plan"/> and the period
    /// are the ones the page shows; the file must be theirs.
    /// </summary>
    public async Task<BulkPreview> PreviewAsync(ClaimsPrincipal user, Domain.Plan plan, int year, PeriodKind period, byte[] file, string? fileName, CancellationToken cancellationToken = default)
    {
        var read = Read(file, fileName);
        if (read.Error is { } error)
        {
            return BulkPreview.Fail(error);
        }

        var control = read.Control!;
        if (control.PlanId != plan.Id || control.Year != year || control.Period != period)
        {
            var filePlan = control.PlanId == plan.Id ? plan.Code : await db.Plans.AsNoTracking().Where(p => p.Id == control.PlanId).Select(p => p.Code).SingleOrDefaultAsync(cancellationToken) ?? "otro plan";
            return BulkPreview.Fail(OtherPeriodMessage($"plan {filePlan}, {BulkEntryWorkbook.PeriodLabel(control.Year, control.Period)}", $"plan {plan.Code}, {BulkEntryWorkbook.PeriodLabel(year, period)}"));
        }

        var issues = new List<BulkIssue>();
        var rows = new List<BulkRow>();
        foreach (var row in read.Rows)
        {
            rows.Add(await CheckRowAsync(user, row, year, period, issues, cancellationToken));
        }

        db.ChangeTracker.Clear();
        if (rows.Count == 0 && issues.Count == 0)
        {
            issues.Add(new BulkIssue("", null, null, null, NothingMessage));
        }

        if (issues.Count > MaxErrors)
        {
            issues = [.. issues.Take(MaxErrors), new BulkIssue("", null, null, null, MoreErrorsMessage)];
        }

        return new BulkPreview { Rows = rows, Errors = issues, Year = year, Period = period };
    }

    /// <summary>
    /// Saves the previewed rows with the chosen action, all or none: a row refused at this moment (someone saved a
    /// value in between) rolls back the others. Answers null when everything was saved, otherwise why not.
    /// </summary>
    public async Task<string?> ConfirmAsync(ClaimsPrincipal user, BulkPreview preview, WorkflowAction action, CancellationToken cancellationToken = default)
    {
        var rows = preview.ToSave(action == WorkflowAction.Enviar);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var row in rows)
            {
                var result = await entry.SubmitAsync(user, row.Submission! with { Action = action, Version = row.CurrentVersion }, cancellationToken);
                if (!result.Succeeded)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    return $"Hoja {row.Sheet}, fila {row.Row.ToString(CultureInfo.InvariantCulture)} ({row.Code}): {result.Summary()} No se guardó ninguna fila del archivo.";
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return null;
        });
    }

    private async Task<BulkRow> CheckRowAsync(ClaimsPrincipal user, FileRow row, int year, PeriodKind period, List<BulkIssue> issues, CancellationToken cancellationToken)
    {
        var sheet = row.Sheet;
        void Add(int column, string message) =>
            issues.Add(new BulkIssue(sheet.Name, row.Number, XlsxWriter.ColumnName(column), sheet.Headers[column], message));

        var errorsBefore = issues.Count;
        var inputs = sheet.Inputs;
        string? valueText = null;
        Dictionary<string, string?>? variables = null;
        if (sheet.IsValues)
        {
            valueText = ReadFigure(row.Cells, FirstInputColumn, Add);
        }
        else
        {
            variables = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < inputs; i++)
            {
                variables[sheet.VariableCodes[i]] = ReadFigure(row.Cells, FirstInputColumn + i, Add);
            }
        }

        var comment = Text(row.Cells, CommentColumn(inputs));
        var source = Text(row.Cells, SourceColumn(inputs));
        var code = Text(row.Cells, CodeColumn) ?? "";
        var name = Text(row.Cells, NameColumn) ?? "";
        var empty = string.IsNullOrEmpty(valueText) && (variables is null || variables.Values.All(string.IsNullOrEmpty)) && comment is null && source is null;
        if (issues.Count > errorsBefore)
        {
            return new BulkRow(sheet.Name, row.Number, row.IndicatorId, code, name, BulkOutcome.Error, null, null, null, null, 0, null);
        }

        if (empty)
        {
            return new BulkRow(sheet.Name, row.Number, row.IndicatorId, code, name, BulkOutcome.Vacia, null, null, null, null, 0, null);
        }

        var submission = new ValueSubmission(row.IndicatorId, year, period, valueText, comment, source, WorkflowAction.Guardar, null, [], variables);
        var check = await entry.CheckAsync(user, submission, checkVersion: false, cancellationToken);
        var indicator = check.Indicator;
        var existing = check.Existing;
        (code, name) = indicator is null ? (code, name) : (indicator.PublishedCode, indicator.Name);
        var currentVersion = existing?.Version ?? ValueEntryService.NoValueVersion;
        BulkRow Result(BulkOutcome outcome, string? before = null, string? after = null, string? calculation = null) =>
            new(sheet.Name, row.Number, row.IndicatorId, code, name, outcome, before, after, calculation, existing?.Status, currentVersion, submission);

        if (check.SameData)
        {
            return Result(BulkOutcome.SinCambios, Describe(existing!, indicator!), Describe(existing!, indicator!));
        }

        if (check.Failure is { Status: WriteStatus.NotFound } || (check.Failure is { Status: WriteStatus.Refused } refused && refused.Message == ValueEntryService.OtherUnitMessage))
        {
            Add(CodeColumn, check.Failure.Message!);
            return Result(BulkOutcome.Error);
        }

        if (currentVersion != row.Version)
        {
            Add(CurrentColumn, ConflictMessage(existing is null ? "sin valor" : ValueEntryService.Describe(existing, indicator!)));
            return Result(BulkOutcome.Error);
        }

        if (check.Failure is { Status: WriteStatus.Refused } closedOrSent)
        {
            Add(existing?.Status is ValueStatus.Enviado or ValueStatus.Validado ? StateColumn : PeriodColumn, closedOrSent.Message!);
            return Result(BulkOutcome.Error);
        }

        if (check.Failure is { } invalid)
        {
            foreach (var (field, message) in invalid.Errors)
            {
                Add(ColumnOf(field, sheet), message);
            }

            return Result(BulkOutcome.Error);
        }

        var after = ValueEntryService.DescribeData(check.Value, check.Figures, check.Comment, check.DataSource, indicator!);
        var calculation = check.Figures.Count > 0
            ? indicator!.ParsedFormula.Text + " " + indicator.ParsedFormula.Evaluate(check.Figures.ToDictionary(f => f.Code, f => (decimal?)f.Figure), Indicator.MaxDecimals).Explanation
            : null;
        return Result(existing is null ? BulkOutcome.Nuevo : BulkOutcome.Cambia, existing is null ? null : Describe(existing, indicator!), after, calculation);
    }

    private static string Describe(IndicatorValue value, Indicator indicator) =>
        ValueEntryService.DescribeData(value.Value, value.Variables, value.Comment, value.DataSource, indicator);

    /// <summary>The column a field of the entry form is read from.</summary>
    private static int ColumnOf(string field, SheetInfo sheet)
    {
        if (field.StartsWith("Variables[", StringComparison.Ordinal) && field.EndsWith(']'))
        {
            var index = sheet.VariableCodes.IndexOf(field["Variables[".Length..^1]);
            return index >= 0 ? FirstInputColumn + index : FirstInputColumn;
        }

        return field switch
        {
            ValueEntryService.CommentField => CommentColumn(sheet.Inputs),
            "MedioVerificacion" => SourceColumn(sheet.Inputs),
            ValueEntryService.PeriodField => PeriodColumn,
            _ => FirstInputColumn,
        };
    }

    /// <summary>A figure as the entry form would receive it (invariant text), or null with the cell's problem reported.</summary>
    internal static string? ReadFigure(IReadOnlyDictionary<int, XlsxUpload.SheetCell> cells, int column, Action<int, string> add)
    {
        if (!cells.TryGetValue(column, out var cell) || cell.Kind == XlsxUpload.CellKind.Empty)
        {
            return null;
        }

        if (cell.Kind == XlsxUpload.CellKind.Text)
        {
            if (!DecimalText.TryParse(cell.Text, out _, out var textError))
            {
                add(column, NotANumberMessage(cell.Text, textError!));
                return null;
            }

            return cell.Text.Trim();
        }

        if (XlsxUpload.ReadNumber(cell, out var value) is { } error)
        {
            add(column, error);
            return null;
        }

        return DecimalText.Show(value);
    }

    internal static string? Text(IReadOnlyDictionary<int, XlsxUpload.SheetCell> cells, int column) =>
        cells.TryGetValue(column, out var cell) && cell.Kind != XlsxUpload.CellKind.Empty && cell.Text.Trim() is { Length: > 0 } text ? text : null;

    /// <summary>"12,5%" → "12.5": what the person most likely meant, when it reads as a number.</summary>
    private static string? Suggestion(string text)
    {
        var cleaned = text.Replace("%", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim();
        if (cleaned.Count(c => c == ',') == 1 && !cleaned.Contains('.'))
        {
            cleaned = cleaned.Replace(',', '.');
        }

        return cleaned != text.Trim() && DecimalText.TryParse(cleaned, out var value, out _) && value is not null ? cleaned : null;
    }

    private sealed record SheetInfo(string Name, int Index, IReadOnlyList<string> Headers, List<string> VariableCodes)
    {
        public bool IsValues => Index == 0;

        public int Inputs => IsValues ? 1 : VariableCodes.Count;
    }

    private sealed record FileRow(SheetInfo Sheet, int Number, int IndicatorId, uint Version, IReadOnlyDictionary<int, XlsxUpload.SheetCell> Cells);

    private sealed record FileContent(BulkEntryControl? Control, IReadOnlyList<FileRow> Rows, string? Error)
    {
        public static FileContent Fail(string message) => new(null, [], message);
    }

    private FileContent Read(byte[] file, string? fileName) => Open(file, fileName, ReadWorkbook, FileContent.Fail);

    /// <summary>Opens an uploaded planilla within the size limits and reads it, or answers why it cannot be read.</summary>
    internal static T Open<T>(byte[] file, string? fileName, Func<SpreadsheetDocument, T> read, Func<string, T> fail)
    {
        var (document, problem) = XlsxUpload.Open(file, fileName, MaxFileBytes, MaxPartBytes);
        using (document)
        {
            return problem switch
            {
                XlsxUploadProblem.TooLarge => fail(FileTooLargeMessage),
                XlsxUploadProblem.PartTooLarge => fail(PartTooLargeMessage),
                XlsxUploadProblem.None => XlsxUpload.Guard(() => read(document!), () => fail(NotXlsxMessage)),
                _ => fail(NotXlsxMessage),
            };
        }
    }

    /// <summary>The titles of a sheet's header row, cell by cell from column A.</summary>
    internal static List<string> HeaderTexts(IEnumerable<XlsxUpload.SheetRow> rows)
    {
        var header = rows.FirstOrDefault(r => r.Number == HeaderRow);
        return header is null ? [] : Enumerable.Range(0, header.Cells.Keys.DefaultIfEmpty(-1).Max() + 1).Select(header.Text).ToList();
    }

    /// <summary>
    /// Why a sheet's column titles are not the planilla's (the first column that differs, or a sheet without any
    /// input column), or null when they are.
    /// </summary>
    internal static string? WrongHeaders(string sheet, IReadOnlyList<string> found, IReadOnlyList<string> expected, bool missingInputs)
    {
        var wrong = Enumerable.Range(0, Math.Max(expected.Count, found.Count))
            .FirstOrDefault(c => !string.Equals(c < found.Count ? found[c] : "", c < expected.Count ? expected[c] : "", StringComparison.OrdinalIgnoreCase), -1);
        if (wrong < 0 && !missingInputs)
        {
            return null;
        }

        wrong = Math.Max(wrong, FirstInputColumn);
        return WrongColumnsMessage(sheet, XlsxWriter.ColumnName(wrong), wrong < found.Count && found[wrong].Length > 0 ? found[wrong] : "(vacía)", wrong < expected.Count ? expected[wrong] : "(nada)");
    }

    private FileContent ReadWorkbook(SpreadsheetDocument document)
    {
        if (document.WorkbookPart is not { } workbookPart)
        {
            return FileContent.Fail(NotXlsxMessage);
        }

        if (XlsxUpload.Sheet(workbookPart, ValuesSheet) is not { } valuesPart)
        {
            return FileContent.Fail(MissingSheetMessage(ValuesSheet));
        }

        var valuesRows = XlsxUpload.Rows(workbookPart, valuesPart, VersionColumn(1) + 1, MaxRows);
        if (valuesRows is null)
        {
            return FileContent.Fail(TooManyRowsMessage);
        }

        var control = BulkEntryControl.Unprotect(protection, valuesRows.FirstOrDefault(r => r.Number == 1)?.Text(KeyColumn(1)));
        if (control is null)
        {
            return FileContent.Fail(NotOurFileMessage);
        }

        var promised = control.Rows.GroupBy(r => r.IndicatorId).ToDictionary(g => g.Key, g => g.First());
        var sheetCount = control.Rows.Select(r => r.Sheet).DefaultIfEmpty(0).Max() + 1;
        var rows = new List<FileRow>();
        var seen = new HashSet<int>();
        for (var index = 0; index < sheetCount; index++)
        {
            var name = index == 0 ? ValuesSheet : VariablesSheetName(index);
            List<XlsxUpload.SheetRow>? sheetRows;
            if (index == 0)
            {
                sheetRows = valuesRows;
            }
            else if (XlsxUpload.Sheet(workbookPart, name) is { } part)
            {
                sheetRows = XlsxUpload.Rows(workbookPart, part, 200, MaxRows);
            }
            else
            {
                return FileContent.Fail(MissingSheetMessage(name));
            }

            if (sheetRows is null)
            {
                return FileContent.Fail(TooManyRowsMessage);
            }

            var found = HeaderTexts(sheetRows);
            var codes = index == 0 ? [] : found.Skip(FirstInputColumn).TakeWhile(h => h != CommentHeader).Select(VariableCode).ToList();
            var expected = Headers(index == 0 ? [ValueHeader] : found.Skip(FirstInputColumn).Take(codes.Count));
            if (WrongHeaders(name, found, expected, missingInputs: index > 0 && codes.Count == 0) is { } wrongHeaders)
            {
                return FileContent.Fail(wrongHeaders);
            }

            var sheet = new SheetInfo(name, index, expected, codes);
            foreach (var row in sheetRows.Where(r => r.Number > HeaderRow))
            {
                var key = row.Text(KeyColumn(sheet.Inputs));
                var version = row.Text(VersionColumn(sheet.Inputs));
                if (key.Length == 0 && version.Length == 0)
                {
                    continue;
                }

                if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    || !uint.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var stamp)
                    || !promised.TryGetValue(id, out var entry) || entry.Version != stamp || entry.Sheet != index || !seen.Add(id))
                {
                    return FileContent.Fail(TamperedMessage);
                }

                rows.Add(new FileRow(sheet, row.Number, id, stamp, row.Cells));
            }
        }

        return new FileContent(control, rows, null);
    }
}
