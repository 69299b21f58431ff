using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Imports;
using PeiTracker.Web.Tests.Infrastructure;
using static PeiTracker.Web.Tests.Registro.BulkEntryFiles;

namespace PeiTracker.Web.Tests.Registro;

/// <summary>
/// Bulk entry by Excel (/Registro/Carga): the downloaded workbook's cells, the preview's changes and errors located by
/// sheet, row and column, the values and audit rows saved through the one write path, idempotence, conflicts and
/// permissions, and values computed from formula variables.
/// </summary>
[Collection(AppCollection.Name)]
public class BulkEntryTests(AppFixture app)
{
    private const int Year = ValueTestPlan.Year;
    private const string Period = "S1";

    private Task<List<IndicatorValue>> ValuesAsync(ValueTestPlan plan) =>
        app.QueryAsync(db => db.Values.AsNoTracking().Include(v => v.Variables).Where(v => v.Indicator!.Plan!.Code == plan.Code).OrderBy(v => v.IndicatorId).ToListAsync());

    private Task<int> AuditCountAsync(ValueTestPlan plan) =>
        app.QueryAsync(db => db.AuditEntries.AsNoTracking().CountAsync(a => a.Kind == AuditKind.Valor && db.Plans.Any(p => p.Id == a.PlanId && p.Code == plan.Code)));

    /// <summary>Makes the plan's second indicator a percentage entered as A / B × 100 (numerador over denominador).</summary>
    private async Task<int> PercentageAsync(ValueTestPlan plan)
    {
        var id = plan.Indicators[1];
        await app.QueryAsync(async db =>
        {
            var indicator = await db.Indicators.Include(i => i.Variables).SingleAsync(i => i.Id == id);
            indicator.Unit = UnitOfMeasure.Porcentaje;
            indicator.StartFormula();
            return await db.SaveChangesAsync();
        });
        return id;
    }

    private async Task<HttpClient> PlannerAsync() => await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));

    [Fact]
    public async Task Download_HasThePendingIndicatorsOfTheUnit_WithLockedReadOnlyColumnsHiddenVersionsAndInstructions()
    {
        var plan = await ValueTestPlan.CreateAsync(app, 3);
        var percentage = await PercentageAsync(plan);
        var (_, browser, _) = await plan.RegistradorAsync(app);
        await OpenedValueForm.OpenAsync(browser, plan.Indicators[0], Year, Period).ContinueWith(t => t.Result.SaveAsync("100", "Borrador previo")).Unwrap();
        var draft = (await ValuesAsync(plan)).Single();

        var bytes = await DownloadAsync(browser, plan.Code, Year, Period);

        var values = new XlsxReader(bytes, BulkEntryLayout.ValuesSheet);
        Assert.Equal([BulkEntryLayout.ValuesSheet, "Variables 1", BulkEntryLayout.InstructionsSheet], values.SheetNames);
        Assert.Equal(["Código", "Indicador", "Unidad de medida", "Periodo", "Valor actual", "Estado", "Valor", "Comentario", "Medio de verificación", "Clave interna (no cambiar)", "Versión (no cambiar)"],
            Enumerable.Range(0, 11).Select(c => values.Text(5, c)));
        // The unit's two indicators entered as one figure, in order; the other unit's indicator is not there.
        Assert.Equal(7, values.LastRow);
        Assert.Equal(["IOEI.01.01", "IOEI.01.03"], new[] { values.Text(6, 0), values.Text(7, 0) });
        Assert.Equal("I semestre 2025", values.Text(6, 3));
        Assert.Equal("Borrador", values.Text(6, 5));
        Assert.Equal(100m, values.Number(6, 6));
        Assert.Equal("Borrador previo", values.Text(6, 7));
        Assert.Equal(plan.Indicators[0], (int)values.Number(6, 9)!.Value);
        Assert.Equal(draft.Version, (uint)values.Number(6, 10)!.Value);
        Assert.Equal("Sin registrar", values.Text(7, 5));
        Assert.Equal(0m, values.Number(7, 10));
        Assert.DoesNotContain(plan.OtherUnitIndicator, Enumerable.Range(6, 2).Select(r => (int)values.Number(r, 9)!.Value));

        var variables = new XlsxReader(bytes, "Variables 1");
        Assert.Equal(["A · Numerador", "B · Denominador", "Comentario"], new[] { variables.Text(5, 6), variables.Text(5, 7), variables.Text(5, 8) });
        Assert.Equal(percentage, (int)variables.Number(6, 10)!.Value);
        Assert.Contains("A / B × 100", variables.Text(3, 0));

        var instructions = new XlsxReader(bytes, BulkEntryLayout.InstructionsSheet);
        Assert.Contains("punto como separador decimal", string.Join(" ", Enumerable.Range(1, instructions.LastRow).Select(r => instructions.Text(r, 0))));

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var worksheet = ((WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().First().Id!)).Worksheet;
        Assert.True(worksheet.Descendants<SheetProtection>().Single().Sheet?.Value);
        var hidden = worksheet.Descendants<Column>().Where(c => c.Hidden?.Value == true).Select(c => (int)c.Min!.Value).ToList();
        Assert.Equal([10, 11], hidden);
        var formats = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        bool Locked(string reference) => formats[(int)worksheet.Descendants<Cell>().Single(c => c.CellReference == reference).StyleIndex!.Value].Protection?.Locked?.Value != false;
        Assert.True(Locked("A6"));
        Assert.True(Locked("F6"));
        Assert.False(Locked("G6"));
        Assert.False(Locked("H6"));
        Assert.False(Locked("I6"));
        Assert.True(Locked("J6"));
    }

    [Fact]
    public async Task Upload_WithErrors_ListsEachBySheetRowAndColumn_AndSavesNothing()
    {
        var plan = await ValueTestPlan.CreateAsync(app, 4);
        var percentage = await PercentageAsync(plan);
        var (_, browser, _) = await plan.RegistradorAsync(app);
        var bytes = await DownloadAsync(browser, plan.Code, Year, Period);
        bytes = Fill(bytes, BulkEntryLayout.ValuesSheet, ("G6", "12,5%"), ("G7", 100.25m), ("G8", 100m), ("H8", "Correcto"));
        bytes = Fill(bytes, "Variables 1", ("G6", 36m), ("H6", 0m), ("I6", "Sin atenciones"));

        var preview = await UploadAsync(browser, plan.Code, Year, Period, bytes);

        var errors = Errors(preview);
        Assert.Contains("Hoja Valores, fila 6, columna G (Valor): «12,5%» no es un número; escriba 12.5.", errors);
        Assert.Contains(errors, e => e.StartsWith("Hoja Valores, fila 7, columna G (Valor): ", StringComparison.Ordinal) && e.Contains("entero", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Hoja Variables 1, fila 6, columna G (A · Numerador): ", StringComparison.Ordinal) && e.Contains("no calculable", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(3, errors.Count);
        Assert.Null(preview.QuerySelector("form.confirm-form"));
        Assert.Equal("Nuevo valor", Outcome(preview, plan.Indicators[3]));
        Assert.Equal("Con errores", Outcome(preview, percentage));
        Assert.Empty(await ValuesAsync(plan));
        Assert.Equal(0, await AuditCountAsync(plan));
    }

    [Fact]
    public async Task Confirm_SavesDraftsThroughTheWritePath_AndTheSameFileAgainChangesNothing()
    {
        var plan = await ValueTestPlan.CreateAsync(app, 2);
        var (_, browser, _) = await plan.RegistradorAsync(app);
        var bytes = Fill(await DownloadAsync(browser, plan.Code, Year, Period), BulkEntryLayout.ValuesSheet,
            ("G6", 100m), ("H6", "Meta cumplida"), ("I6", "Informe de gestión"), ("G7", "120"));

        var preview = await UploadAsync(browser, plan.Code, Year, Period, bytes);
        Assert.Empty(Errors(preview));
        Assert.Equal("Nuevo valor", Outcome(preview, plan.Indicators[0]));
        Assert.Empty(await ValuesAsync(plan));
        var confirmed = await ConfirmAsync(browser, preview, "Guardar");

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var values = await ValuesAsync(plan);
        Assert.Equal([100m, 120m], values.Select(v => v.Value));
        Assert.All(values, v => Assert.Equal(ValueStatus.Borrador, v.Status));
        Assert.Equal("Meta cumplida", values[0].Comment);
        Assert.Equal("Informe de gestión", values[0].DataSource);
        var audit = await app.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.IndicatorId == plan.Indicators[0] && a.Kind == AuditKind.Valor).ToListAsync());
        var row = Assert.Single(audit);
        Assert.Null(row.Before);
        Assert.Contains("Meta cumplida", row.After);
        var registro = await browser.GetDocumentAsync($"/Registro?plan={plan.Code}&anio={Year}&periodo={Period}");
        Assert.Contains("120", registro.QuerySelector("table.entry-table")!.TextContent);

        // The same file again: every row reads «Sin cambios», and confirming as draft writes nothing.
        var again = await UploadAsync(browser, plan.Code, Year, Period, bytes);
        Assert.Empty(Errors(again));
        Assert.StartsWith("Sin cambios", Outcome(again, plan.Indicators[0]));
        Assert.StartsWith("Sin cambios", Outcome(again, plan.Indicators[1]));
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(browser, again, "Guardar")).StatusCode);
        Assert.Equal(2, await AuditCountAsync(plan));
        Assert.Equal(values.Select(v => v.Version), (await ValuesAsync(plan)).Select(v => v.Version));

        // «Guardar y enviar» sends the unchanged drafts; after that the same file has nothing left to do.
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(browser, await UploadAsync(browser, plan.Code, Year, Period, bytes), "Enviar")).StatusCode);
        Assert.All(await ValuesAsync(plan), v => Assert.Equal(ValueStatus.Enviado, v.Status));
        Assert.Equal(4, await AuditCountAsync(plan));
        var last = await UploadAsync(browser, plan.Code, Year, Period, bytes);
        Assert.Equal("Sin cambios", Outcome(last, plan.Indicators[0]));
        Assert.Null(last.QuerySelector("form.confirm-form"));
        Assert.NotNull(last.QuerySelector(".no-changes"));
        Assert.Equal(4, await AuditCountAsync(plan));
    }

    [Fact]
    public async Task Upload_OfAValueChangedSinceTheDownload_IsAConflictOnItsRow_NeverAnOverwrite()
    {
        var plan = await ValueTestPlan.CreateAsync(app, 2);
        var (_, browser, _) = await plan.RegistradorAsync(app);
        var bytes = Fill(await DownloadAsync(browser, plan.Code, Year, Period), BulkEntryLayout.ValuesSheet, ("G6", 100m), ("G7", 100m));
        var form = await OpenedValueForm.OpenAsync(browser, plan.Indicators[0], Year, Period);
        Assert.Equal(HttpStatusCode.Redirect, (await form.SaveAsync("101", "Desde el formulario")).StatusCode);

        var preview = await UploadAsync(browser, plan.Code, Year, Period, bytes);

        var error = Assert.Single(Errors(preview));
        Assert.StartsWith("Hoja Valores, fila 6, columna E (Valor actual): El valor cambió desde que descargó el archivo (ahora: 101.0 (borrador)", error);
        Assert.Contains("no se sobrescribe", error);
        Assert.Null(preview.QuerySelector("form.confirm-form"));
        var stored = Assert.Single(await ValuesAsync(plan));
        Assert.Equal(101m, stored.Value);
        Assert.Equal(1, await AuditCountAsync(plan));
    }

    [Fact]
    public async Task Upload_ByARegistrador_OfAnotherUnitsIndicator_IsRefusedOnItsRow()
    {
        var plan = await ValueTestPlan.CreateAsync(app, 1);
        var planner = await PlannerAsync();
        var bytes = await DownloadAsync(planner, plan.Code, Year, Period);
        var all = new XlsxReader(bytes, BulkEntryLayout.ValuesSheet);
        Assert.Equal(plan.OtherUnitIndicator, (int)all.Number(7, 9)!.Value);
        bytes = Fill(bytes, BulkEntryLayout.ValuesSheet, ("G6", 100m), ("G7", 100m));
        var (_, browser, _) = await plan.RegistradorAsync(app);

        var preview = await UploadAsync(browser, plan.Code, Year, Period, bytes);

        Assert.Equal([$"Hoja Valores, fila 7, columna A (Código): {Web.Entry.ValueEntryService.OtherUnitMessage}"], Errors(preview));
        Assert.Null(preview.QuerySelector("form.confirm-form"));
        Assert.Empty(await ValuesAsync(plan));
    }

    [Fact]
    public async Task Upload_OfVariables_ComputesTheValue_AndSendsIt()
    {
        var plan = await ValueTestPlan.CreateAsync(app, 2);
        var percentage = await PercentageAsync(plan);
        var (_, browser, _) = await plan.RegistradorAsync(app);
        var bytes = Fill(await DownloadAsync(browser, plan.Code, Year, Period), "Variables 1", ("G6", 36m), ("H6", 40m), ("I6", "Menos atenciones por el cierre temporal"), ("J6", "Registro consular"));

        var preview = await UploadAsync(browser, plan.Code, Year, Period, bytes);

        Assert.Empty(Errors(preview));
        var row = preview.QuerySelector($"tr.bulk-row[data-indicator='{percentage}']")!;
        Assert.Contains("90", row.QuerySelector("td:nth-child(5)")!.TextContent);
        Assert.Contains("A / B × 100 = 36 / 40 × 100 = 90", row.QuerySelector(".calculation")!.TextContent);
        Assert.Equal("Vacía: no cambia nada", Outcome(preview, plan.Indicators[0]));
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(browser, preview, "Enviar")).StatusCode);

        var stored = Assert.Single(await ValuesAsync(plan));
        Assert.Equal(percentage, stored.IndicatorId);
        Assert.Equal(90m, stored.Value);
        Assert.Equal(ValueStatus.Enviado, stored.Status);
        Assert.Equal(["A = 36", "B = 40"], stored.Variables.OrderBy(v => v.Code).Select(v => $"{v.Code} = {v.Figure:0.##}"));
    }

    [Fact]
    public async Task Upload_OfAFileThatIsNotTheDownloadedOne_IsRefusedWithAClearMessage()
    {
        var plan = await ValueTestPlan.CreateAsync(app, 1);
        var (_, browser, _) = await plan.RegistradorAsync(app);
        var downloaded = await DownloadAsync(browser, plan.Code, Year, Period);

        var notXlsx = await UploadAsync(browser, plan.Code, Year, Period, "no es un libro"u8.ToArray(), "valores.csv");
        Assert.Contains(BulkEntryImport.NotXlsxMessage, notXlsx.QuerySelector(".bulk-errors")!.TextContent);

        var otherPeriod = await UploadAsync(browser, plan.Code, Year, "S2", Fill(downloaded, BulkEntryLayout.ValuesSheet, ("G6", 100m)));
        Assert.Contains("El archivo es de otro plan o periodo (plan " + plan.Code + ", I semestre 2025)", otherPeriod.QuerySelector(".bulk-errors")!.TextContent);

        var tampered = await UploadAsync(browser, plan.Code, Year, Period, Fill(downloaded, BulkEntryLayout.ValuesSheet, ("G6", 100m), ("K6", 12345m)));
        Assert.Contains(BulkEntryImport.TamperedMessage, tampered.QuerySelector(".bulk-errors")!.TextContent);

        var otherIndicator = await UploadAsync(browser, plan.Code, Year, Period, Fill(downloaded, BulkEntryLayout.ValuesSheet, ("G6", 100m), ("J6", plan.OtherUnitIndicator)));
        Assert.Contains(BulkEntryImport.TamperedMessage, otherIndicator.QuerySelector(".bulk-errors")!.TextContent);

        var tooLarge = await UploadAsync(browser, plan.Code, Year, Period, [.. downloaded, .. new byte[BulkEntryImport.MaxFileBytes]]);
        Assert.Contains(BulkEntryImport.FileTooLargeMessage, tooLarge.QuerySelector(".bulk-errors")!.TextContent);

        var noControl = await UploadAsync(browser, plan.Code, Year, Period, Fill(downloaded, BulkEntryLayout.ValuesSheet, ("G6", 100m), ("J1", "inventado")));
        Assert.Contains(BulkEntryImport.NotOurFileMessage, noControl.QuerySelector(".bulk-errors")!.TextContent);

        Assert.All(new[] { notXlsx, otherPeriod, tampered, otherIndicator, tooLarge, noControl }, p => Assert.Null(p.QuerySelector("form.confirm-form")));
        Assert.Empty(await ValuesAsync(plan));
    }

    [Fact]
    public async Task Confirm_AfterSomeoneSavedAValueSinceThePreview_SavesNoRow_AndShowsTheConflict()
    {
        var plan = await ValueTestPlan.CreateAsync(app, 2);
        var (_, browser, _) = await plan.RegistradorAsync(app);
        var bytes = Fill(await DownloadAsync(browser, plan.Code, Year, Period), BulkEntryLayout.ValuesSheet, ("G6", 100m), ("G7", 100m));
        var preview = await UploadAsync(browser, plan.Code, Year, Period, bytes);
        Assert.Empty(Errors(preview));
        var form = await OpenedValueForm.OpenAsync(browser, plan.Indicators[1], Year, Period);
        Assert.Equal(HttpStatusCode.Redirect, (await form.SaveAsync("101", "Desde el formulario")).StatusCode);

        var answer = await ConfirmAsync(browser, preview, "Enviar");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var page = await HttpClientExtensions.ParseAsync(await answer.Content.ReadAsStringAsync());
        Assert.Equal(Web.Pages.Registro.CargaModel.ValuesChangedMessage, page.QuerySelector(".conflict")?.TextContent.Trim());
        Assert.Contains(Errors(page), e => e.StartsWith("Hoja Valores, fila 7, columna E (Valor actual): El valor cambió desde que descargó el archivo", StringComparison.Ordinal));
        Assert.Null(page.QuerySelector("form.confirm-form"));
        var stored = Assert.Single(await ValuesAsync(plan));
        Assert.Equal((plan.Indicators[1], 101m, ValueStatus.Borrador), (stored.IndicatorId, stored.Value!.Value, stored.Status));
        Assert.Equal(1, await AuditCountAsync(plan));
    }
}
