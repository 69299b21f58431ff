using System.Globalization;
using System.Security.Claims;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Points;
using PeiTracker.Web.Data;
using PeiTracker.Web.Entry;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Imports;
using PeiTracker.Web.Writes;
using static PeiTracker.Web.Imports.BulkEntryLayout;

namespace PeiTracker.Web.Points;

/// <summary>One row of a point's planilla and what confirming would do with it.</summary>
public sealed record PointBulkRow(
    string Sheet,
    int Row,
    int IndicatorId,
    string Code,
    string Name,
    string Point,
    BulkOutcome Outcome,
    string? Before,
    string? After,
    string? Calculation,
    PointSubmissionStatus? State,
    uint CurrentVersion,
    PointEntry? Entry) : IBulkRow
{
    public bool Sendable => Outcome == BulkOutcome.SinCambios && State is PointSubmissionStatus.Borrador or PointSubmissionStatus.Observado;

    public string Fingerprint => string.Join("|", IndicatorId.ToString(CultureInfo.InvariantCulture), Point, Outcome, Before, After, State, CurrentVersion.ToString(CultureInfo.InvariantCulture));
}

/// <summary>The preview of a point's planilla.</summary>
public sealed class PointBulkPreview : BulkPreviewOf<PointBulkRow>
{
    public static PointBulkPreview Fail(string message) => new() { Errors = [new BulkIssue("", null, null, null, message)] };
}

/// <summary>
/// The bulk entry of reporting points' figures by Excel: reads a planilla of <see cref="PointBulkWorkbook"/>, checks
/// every row by the point form's rules (<see cref="PointEntryService.CheckAsync"/>, nothing saved) and, once confirmed,
/// saves the rows through <see cref="PointEntryService.SubmitAsync"/>, all in one transaction or none: the messages,
/// limits and checks of the planilla of values (<see cref="BulkEntryImport"/>, ADR 0020).
/// </summary>
public sealed class PointBulkImport(AppDbContext db, PointEntryService points, IDataProtectionProvider protection)
{
    public const string NotOurFileMessage =
        "El archivo no es una planilla de cifras por punto de registro descargada de PeiTracker, o se cambió su control oculto. Descargue la planilla de esta página y complétela sin cambiar sus columnas ocultas. No se guardó nada.";

    public const string TamperedMessage =
        "Se cambiaron las columnas ocultas («Clave interna» o «Versión») o se movieron filas entre hojas: no se sabe a qué indicador, punto de registro o versión corresponde cada fila. Descargue la planilla de nuevo y complete solo las columnas blancas. No se guardó nada.";

    public const string NothingMessage = "La planilla no tiene filas de cifras: no hay nada que cargar.";

    public const string ValuesPlanillaMessage =
        "El archivo es una planilla de valores de la unidad orgánica, no de cifras por punto de registro: cárguela en Registro → Carga por Excel, o descargue aquí la planilla de sus puntos. No se guardó nada.";

    public static string ConflictMessage(string current) =>
        $"Las cifras cambiaron desde que descargó el archivo (ahora: {current}): no se sobrescriben. Descargue la planilla de nuevo, revise las cifras y vuelva a cargarla.";

    /// <summary>Reads the upload and checks each row against the database as it is now; the file must be of this plan and period.</summary>
    public async Task<PointBulkPreview> PreviewAsync(ClaimsPrincipal user, Domain.Plan plan, int year, PeriodKind period, byte[] file, string? fileName, CancellationToken cancellationToken = default)
    {
        var read = BulkEntryImport.Open(file, fileName, ReadWorkbook, FileContent.Fail);
        if (read.Error is { } error)
        {
            return PointBulkPreview.Fail(error);
        }

        var control = read.Control!;
        if (control.PlanId != plan.Id || control.Year != year || control.Period != period)
        {
            var filePlan = control.PlanId == plan.Id ? plan.Code : await db.Plans.AsNoTracking().Where(p => p.Id == control.PlanId).Select(p => p.Code).SingleOrDefaultAsync(cancellationToken) ?? "otro plan";
            return PointBulkPreview.Fail(BulkEntryImport.OtherPeriodMessage($"plan {filePlan}, {BulkEntryWorkbook.PeriodLabel(control.Year, control.Period)}", $"plan {plan.Code}, {BulkEntryWorkbook.PeriodLabel(year, period)}"));
        }

        var pointIds = read.Rows.Select(r => r.PointId).ToHashSet();
        var codes = await db.ReportingPoints.AsNoTracking().Where(p => pointIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Code, cancellationToken);
        var issues = new List<BulkIssue>();
        var rows = new List<PointBulkRow>();
        foreach (var row in read.Rows)
        {
            rows.Add(await CheckRowAsync(user, row, codes.GetValueOrDefault(row.PointId), year, period, issues, cancellationToken));
        }

        db.ChangeTracker.Clear();
        if (rows.Count == 0 && issues.Count == 0)
        {
            issues.Add(new BulkIssue("", null, null, null, NothingMessage));
        }

        if (issues.Count > BulkEntryImport.MaxErrors)
        {
            issues = [.. issues.Take(BulkEntryImport.MaxErrors), new BulkIssue("", null, null, null, BulkEntryImport.MoreErrorsMessage)];
        }

        return new PointBulkPreview { Rows = rows, Errors = issues, Year = year, Period = period };
    }

    /// <summary>
    /// Saves the previewed rows with the chosen action, all or none: a row refused at this moment (someone saved the
    /// figures in between) rolls back the others. Answers null when everything was saved, otherwise why not.
    /// </summary>
    public async Task<string?> ConfirmAsync(ClaimsPrincipal user, PointBulkPreview preview, PointAction action, CancellationToken cancellationToken = default)
    {
        var rows = preview.ToSave(action == PointAction.Enviar);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var row in rows)
            {
                var result = await points.SubmitAsync(user, row.Entry! with { Action = action, Version = row.CurrentVersion }, cancellationToken);
                if (!result.Succeeded)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    return $"Hoja {row.Sheet}, fila {row.Row.ToString(CultureInfo.InvariantCulture)} ({row.Code}, {row.Point}): {result.Summary()} No se guardó ninguna fila del archivo.";
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return null;
        });
    }

    private async Task<PointBulkRow> CheckRowAsync(ClaimsPrincipal user, FileRow row, string? pointCode, int year, PeriodKind period, List<BulkIssue> issues, CancellationToken cancellationToken)
    {
        var sheet = row.Sheet;
        void Add(int column, string message) =>
            issues.Add(new BulkIssue(sheet.Name, row.Number, XlsxWriter.ColumnName(column), sheet.Headers[column], message));

        var errorsBefore = issues.Count;
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < sheet.VariableCodes.Count; i++)
        {
            variables[sheet.VariableCodes[i]] = BulkEntryImport.ReadFigure(row.Cells, FirstInputColumn + i, Add);
        }

        var comment = BulkEntryImport.Text(row.Cells, PointBulkLayout.CommentColumn(sheet.VariableCodes.Count));
        var code = BulkEntryImport.Text(row.Cells, CodeColumn) ?? "";
        var name = BulkEntryImport.Text(row.Cells, NameColumn) ?? "";
        var pointLabel = BulkEntryImport.Text(row.Cells, PointBulkLayout.PointColumn) ?? pointCode ?? "";
        PointBulkRow Row(BulkOutcome outcome, PointCheck? check = null, string? before = null, string? after = null, string? calculation = null, PointEntry? entry = null) =>
            new(sheet.Name, row.Number, row.IndicatorId, check?.Indicator?.PublishedCode ?? code, check?.Indicator?.Name ?? name, check?.Point?.Label ?? pointLabel,
                outcome, before, after, calculation, check?.Existing?.Status, check?.Existing?.Version ?? ValueEntryService.NoValueVersion, entry);

        if (issues.Count > errorsBefore)
        {
            return Row(BulkOutcome.Error);
        }

        if (variables.Values.All(string.IsNullOrEmpty) && comment is null)
        {
            return Row(BulkOutcome.Vacia);
        }

        if (pointCode is null)
        {
            Add(PointBulkLayout.PointColumn, "El punto de registro de esta fila ya no existe.");
            return Row(BulkOutcome.Error);
        }

        var entry = new PointEntry(row.IndicatorId, pointCode, year, period, variables, comment, PointAction.Guardar, null);
        var check = await points.CheckAsync(user, entry, checkVersion: false, cancellationToken);
        var existing = check.Existing;
        if (check.SameData)
        {
            return Row(BulkOutcome.SinCambios, check, PointEntryService.Describe(existing!), PointEntryService.Describe(existing!), entry: entry);
        }

        if (check.Failure is { Status: WriteStatus.NotFound } || check.Point is null or { IsActive: false } || check.Failure?.Message is PointEntryService.NotByPointMessage or PointEntryService.OtherPointMessage)
        {
            Add(check.Indicator is null || check.Failure?.Message == PointEntryService.NotByPointMessage ? CodeColumn : PointBulkLayout.PointColumn, check.Failure!.Message!);
            return Row(BulkOutcome.Error, check);
        }

        if ((existing?.Version ?? ValueEntryService.NoValueVersion) != row.Version)
        {
            Add(CurrentColumn, ConflictMessage(existing is null ? "sin cifras" : PointEntryService.Describe(existing)));
            return Row(BulkOutcome.Error, check);
        }

        if (check.Failure is { Status: WriteStatus.Refused } refused)
        {
            Add(existing?.Status is PointSubmissionStatus.Enviado or PointSubmissionStatus.Aceptado ? StateColumn : PeriodColumn, refused.Message!);
            return Row(BulkOutcome.Error, check);
        }

        if (check.Failure is { } invalid)
        {
            foreach (var (field, message) in invalid.Errors)
            {
                Add(ColumnOf(field, sheet), message);
            }

            return Row(BulkOutcome.Error, check);
        }

        var indicator = check.Indicator!;
        var after = (PointSubmission.DescribeFigures(check.Figures) ?? "sin cifras") + (check.Comment is null ? "" : $"; comentario: {check.Comment}");
        var calculation = "Cálculo del punto: " + indicator.ParsedFormula.Text + " "
            + indicator.ParsedFormula.Evaluate(check.Figures.ToDictionary(f => f.Code, f => (decimal?)f.Figure), Indicator.MaxDecimals).Explanation;
        return Row(existing is null ? BulkOutcome.Nuevo : BulkOutcome.Cambia, check, existing is null ? null : PointEntryService.Describe(existing), after, calculation, entry);
    }

    /// <summary>The column a field of the point form is read from.</summary>
    private static int ColumnOf(string field, SheetInfo sheet)
    {
        if (field.StartsWith("Variables[", StringComparison.Ordinal) && field.EndsWith(']'))
        {
            var index = sheet.VariableCodes.IndexOf(field["Variables[".Length..^1]);
            return index >= 0 ? FirstInputColumn + index : FirstInputColumn;
        }

        return field switch
        {
            ValueEntryService.CommentField => PointBulkLayout.CommentColumn(sheet.VariableCodes.Count),
            ValueEntryService.PeriodField => PeriodColumn,
            _ => FirstInputColumn,
        };
    }

    private sealed record SheetInfo(string Name, IReadOnlyList<string> Headers, List<string> VariableCodes);

    private sealed record FileRow(SheetInfo Sheet, int Number, int IndicatorId, int PointId, uint Version, IReadOnlyDictionary<int, XlsxUpload.SheetCell> Cells);

    private sealed record FileContent(PointBulkControl? Control, IReadOnlyList<FileRow> Rows, string? Error)
    {
        public static FileContent Fail(string message) => new(null, [], message);
    }

    private FileContent ReadWorkbook(SpreadsheetDocument document)
    {
        if (document.WorkbookPart is not { } workbookPart)
        {
            return FileContent.Fail(BulkEntryImport.NotXlsxMessage);
        }

        var first = PointBulkLayout.SheetName(1);
        if (XlsxUpload.Sheet(workbookPart, first) is not { } firstPart)
        {
            return FileContent.Fail(XlsxUpload.Sheet(workbookPart, ValuesSheet) is null ? BulkEntryImport.MissingSheetMessage(first) : ValuesPlanillaMessage);
        }

        var firstRows = XlsxUpload.Rows(workbookPart, firstPart, 200, BulkEntryImport.MaxRows);
        if (firstRows is null)
        {
            return FileContent.Fail(BulkEntryImport.TooManyRowsMessage);
        }

        // The signed control text is in the first row's hidden key column, wherever the sheet's variables put it.
        var control = firstRows.FirstOrDefault(r => r.Number == 1)?.Cells.Values
            .Select(c => PointBulkControl.Unprotect(protection, c.Text)).FirstOrDefault(c => c is not null);
        if (control is null)
        {
            return FileContent.Fail(NotOurFileMessage);
        }

        if (control.Rows.Count == 0)
        {
            return FileContent.Fail(NothingMessage);
        }

        var promised = control.Rows.GroupBy(r => (r.IndicatorId, r.PointId)).ToDictionary(g => g.Key, g => g.First());
        var rows = new List<FileRow>();
        var seen = new HashSet<(int, int)>();
        for (var index = 0; index <= control.Rows.Max(r => r.Sheet); index++)
        {
            var name = PointBulkLayout.SheetName(index + 1);
            var sheetRows = index == 0 ? firstRows
                : XlsxUpload.Sheet(workbookPart, name) is { } part ? XlsxUpload.Rows(workbookPart, part, 200, BulkEntryImport.MaxRows)
                : null;
            if (index > 0 && XlsxUpload.Sheet(workbookPart, name) is null)
            {
                return FileContent.Fail(BulkEntryImport.MissingSheetMessage(name));
            }

            if (sheetRows is null)
            {
                return FileContent.Fail(BulkEntryImport.TooManyRowsMessage);
            }

            var found = BulkEntryImport.HeaderTexts(sheetRows);
            var codes = found.Skip(FirstInputColumn).TakeWhile(h => h != CommentHeader).Select(VariableCode).ToList();
            var expected = PointBulkLayout.Headers(found.Skip(FirstInputColumn).Take(codes.Count));
            if (BulkEntryImport.WrongHeaders(name, found, expected, missingInputs: codes.Count == 0) is { } wrongHeaders)
            {
                return FileContent.Fail(wrongHeaders);
            }

            var sheet = new SheetInfo(name, expected, codes);
            foreach (var row in sheetRows.Where(r => r.Number > HeaderRow))
            {
                var key = row.Text(PointBulkLayout.KeyColumn(codes.Count));
                var version = row.Text(PointBulkLayout.VersionColumn(codes.Count));
                if (key.Length == 0 && version.Length == 0)
                {
                    continue;
                }

                if (!PointBulkLayout.TryParseKey(key, out var indicatorId, out var pointId)
                    || !uint.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var stamp)
                    || !promised.TryGetValue((indicatorId, pointId), out var entry) || entry.Version != stamp || entry.Sheet != index || !seen.Add((indicatorId, pointId)))
                {
                    return FileContent.Fail(TamperedMessage);
                }

                rows.Add(new FileRow(sheet, row.Number, indicatorId, pointId, stamp, row.Cells));
            }
        }

        return new FileContent(control, rows, null);
    }
}
