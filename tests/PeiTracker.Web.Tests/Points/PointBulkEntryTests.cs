using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Points;
using PeiTracker.Web.Data;
using PeiTracker.Web.Imports;
using PeiTracker.Web.Points;
using PeiTracker.Web.Tests.Infrastructure;
using PeiTracker.Web.Tests.Registro;

namespace PeiTracker.Web.Tests.Points;

/// <summary>
/// The reporting points' planilla (/Registro/CargaPuntos) as a consulate's Registrador uses it: download the pending
/// figures of the indicator collected by point, one row per point, fill them as Excel saves them, upload, read the
/// preview, confirm; the unit accepts and the indicator's value is the formula on the sums (108 / 120 × 100 = 90).
/// </summary>
[Collection(AppCollection.Name)]
public class PointBulkEntryTests(AppFixture app)
{
    private const string Sheet = "Cifras 1";

    // The rows follow the points' codes: CG-MADRID (6), CG-MIAMI (7), CG-TOKIO (8). G = A, H = B, I = Comentario.
    private static readonly (string Code, int Row, decimal A, decimal B)[] Consulates = [("CG-MADRID", 6, 50, 60), ("CG-MIAMI", 7, 36, 40), ("CG-TOKIO", 8, 22, 20)];

    private static string PageUrl(string plan, string? point = null) => $"/Registro/CargaPuntos?plan={plan}&anio=2025&periodo=A" + (point is null ? "" : "&punto=" + point);

    private static async Task<byte[]> DownloadAsync(HttpClient client, string plan, string? point = null)
    {
        var response = await client.GetAsync(PageUrl(plan, point) + "&handler=Descargar");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static (string, object?)[] AllFigures() =>
        [.. Consulates.SelectMany(c => new (string, object?)[] { ($"G{c.Row}", c.A), ($"H{c.Row}", c.B) })];

    private static Task<IDocument> UploadAsync(HttpClient client, string plan, byte[] bytes) => BulkEntryFiles.UploadAsync(client, PageUrl(plan), bytes, "cifras.xlsx");

    private static string Outcome(IDocument preview, string point) =>
        preview.QuerySelectorAll("tr.bulk-row").Single(r => r.QuerySelector(".point")!.TextContent.StartsWith(point + " ", StringComparison.Ordinal)).QuerySelector(".outcome")!.TextContent.Trim();

    private async Task<(PointTestPlan Plan, HttpClient Browser, HttpClient Api)> ThreeConsulatesAsync()
    {
        var plan = await PointTestPlan.CreateAsync(app);
        var (_, browser, api) = await PointTestPlan.PointRegistradorAsync(app, [.. Consulates.Select(c => c.Code)]);
        return (plan, browser, api);
    }

    private Task<List<PointSubmission>> SubmissionsAsync(int indicatorId) =>
        app.QueryAsync(db => db.PointSubmissions.Include(s => s.Figures).Include(s => s.Point).Where(s => s.IndicatorId == indicatorId).OrderBy(s => s.Point!.Code).ToListAsync());

    [Fact]
    public async Task Download_HasOneRowPerOwnPoint_WithTheVariablesAsColumnsAndTheHiddenKeys()
    {
        var (plan, browser, _) = await ThreeConsulatesAsync();

        var cells = new XlsxReader(await DownloadAsync(browser, plan.Plan.Code), Sheet);

        Assert.Equal(["Código", "Indicador", "Punto de registro", "Periodo", "Cifras actuales", "Estado", "A · Personas atendidas", "B · Población consular", "Comentario", "Clave interna (no cambiar)", "Versión (no cambiar)"],
            Enumerable.Range(0, 11).Select(c => cells.Text(BulkEntryLayout.HeaderRow, c)));
        Assert.Equal(8, cells.LastRow);
        Assert.Equal(Consulates.Select(c => c.Code), Enumerable.Range(6, 3).Select(r => cells.Text(r, PointBulkLayout.PointColumn).Split(' ')[0]));
        Assert.All(Enumerable.Range(6, 3), r => Assert.Equal("Sin registrar", cells.Text(r, BulkEntryLayout.StateColumn)));
        var tokio = await app.QueryAsync(db => db.ReportingPoints.SingleAsync(p => p.Code == "CG-TOKIO" && p.Institution!.PliegoCode == HomeInstitution.PliegoCode));
        Assert.Equal($"{plan.IndicatorId}-{tokio.Id}", cells.Text(8, PointBulkLayout.KeyColumn(2)));
    }

    [Fact]
    public async Task ThreePointsByExcel_SentAndAccepted_TheValueIsTheFormulaOnTheSums_AndTheSameFileAgainChangesNothing()
    {
        var (plan, browser, _) = await ThreeConsulatesAsync();
        var file = BulkEntryFiles.Fill(await DownloadAsync(browser, plan.Plan.Code), Sheet, [.. AllFigures(), ("I8", "Incluye la sección consular de Osaka")]);

        var preview = await UploadAsync(browser, plan.Plan.Code, file);

        Assert.Empty(BulkEntryFiles.Errors(preview));
        Assert.All(Consulates, c => Assert.Equal("Cifras nuevas", Outcome(preview, c.Code)));
        Assert.Contains("Cálculo del punto: A / B × 100 = 22 / 20 × 100 = 110", preview.QuerySelectorAll(".calculation").Select(c => c.TextContent));
        Assert.Empty(await SubmissionsAsync(plan.IndicatorId));
        var confirmed = await BulkEntryFiles.ConfirmAsync(browser, preview, "Enviar");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var saved = await SubmissionsAsync(plan.IndicatorId);
        Assert.Equal(["CG-MADRID A = 50; B = 60 Enviado", "CG-MIAMI A = 36; B = 40 Enviado", "CG-TOKIO A = 22; B = 20 Enviado"],
            saved.Select(s => $"{s.Point!.Code} {PointSubmission.DescribeFigures(s.Figures.OrderBy(f => f.Code))} {s.Status}"));
        Assert.Equal("Incluye la sección consular de Osaka", saved[2].Comment);
        var audits = await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.IndicatorId == plan.IndicatorId));

        var again = await UploadAsync(browser, plan.Plan.Code, file);

        Assert.All(Consulates, c => Assert.Equal("Sin cambios", Outcome(again, c.Code)));
        Assert.Null(again.QuerySelector("form.confirm-form"));
        Assert.NotNull(again.QuerySelector(".no-changes"));
        Assert.Equal(audits, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.IndicatorId == plan.IndicatorId)));

        var (_, reviewer, _) = await plan.Plan.RegistradorAsync(app);
        foreach (var submission in saved)
        {
            var page = await reviewer.GetDocumentAsync($"/Registro/Puntos/{plan.IndicatorId}?anio=2025&periodo=A");
            var form = page.QuerySelectorAll("[data-testid=revision-puntos] tbody tr").Single(r => r.QuerySelector("th .code")!.TextContent == submission.Point!.Code).QuerySelector("form")!;
            var fields = form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
            Assert.Equal(HttpStatusCode.Redirect, (await reviewer.PostAsync($"/Registro/Puntos/{plan.IndicatorId}?handler=Accept", new FormUrlEncodedContent(fields))).StatusCode);
        }

        var value = await app.QueryAsync(db => db.Values.Include(v => v.Variables).SingleAsync(v => v.IndicatorId == plan.IndicatorId && v.Year == 2025 && v.Period == PeriodKind.Anual));
        Assert.Equal(90m, value.Value);
        Assert.Equal("A = 108; B = 120", Indicator.DescribeFigures(value.Variables.OrderBy(v => v.Code)));
        var indicatorPage = await reviewer.GetDocumentAsync($"/Plan/Indicador/{plan.IndicatorId}?anio=2025&periodo=A");
        Assert.Contains("A / B × 100 = 108 / 120 × 100 = 90", indicatorPage.QuerySelector("[data-testid=desglose-total]")!.TextContent);
    }

    [Fact]
    public async Task SavedAsDraft_ThenTheSameFileSent_SendsTheUnchangedDrafts()
    {
        var (plan, browser, _) = await ThreeConsulatesAsync();
        var file = BulkEntryFiles.Fill(await DownloadAsync(browser, plan.Plan.Code), Sheet, AllFigures());
        Assert.Equal(HttpStatusCode.Redirect, (await BulkEntryFiles.ConfirmAsync(browser, await UploadAsync(browser, plan.Plan.Code, file), "Guardar")).StatusCode);
        Assert.All(await SubmissionsAsync(plan.IndicatorId), s => Assert.Equal(PointSubmissionStatus.Borrador, s.Status));

        var again = await UploadAsync(browser, plan.Plan.Code, file);

        Assert.StartsWith("Sin cambios (en borrador", Outcome(again, "CG-MIAMI"));
        Assert.Equal(HttpStatusCode.Redirect, (await BulkEntryFiles.ConfirmAsync(browser, again, "Enviar")).StatusCode);
        Assert.All(await SubmissionsAsync(plan.IndicatorId), s => Assert.Equal(PointSubmissionStatus.Enviado, s.Status));
        // Nothing is left to fill: the page says so and offers no empty planilla.
        var page = await browser.GetDocumentAsync(PageUrl(plan.Plan.Code));
        Assert.Contains("No hay cifras pendientes de año 2025 en sus puntos de registro", page.QuerySelector(".empty-state")!.TextContent);
        Assert.Null(page.QuerySelector(".download-link"));
    }

    [Fact]
    public async Task Preview_ReportsEachErrorBySheetRowAndColumn_AndSavesNothing()
    {
        var (plan, browser, _) = await ThreeConsulatesAsync();
        var file = BulkEntryFiles.Fill(await DownloadAsync(browser, plan.Plan.Code), Sheet, ("G6", "12,5%"), ("H6", 60m), ("G7", 36m), ("H7", null), ("G8", 22m), ("H8", 20m));

        var preview = await UploadAsync(browser, plan.Plan.Code, file);

        var errors = BulkEntryFiles.Errors(preview);
        Assert.Contains("Hoja Cifras 1, fila 6, columna G (A · Personas atendidas): «12,5%» no es un número; escriba 12.5.", errors);
        Assert.Contains(errors, e => e.StartsWith("Hoja Cifras 1, fila 7, columna H (B · Población consular): ", StringComparison.Ordinal));
        Assert.Equal(2, errors.Count);
        Assert.Equal("Cifras nuevas", Outcome(preview, "CG-TOKIO"));
        Assert.Null(preview.QuerySelector("form.confirm-form"));
        Assert.Empty(await SubmissionsAsync(plan.IndicatorId));
    }

    [Fact]
    public async Task Upload_AfterThePointsFiguresChangedThroughTheApi_IsAConflict_AndOverwritesNothing()
    {
        var (plan, browser, api) = await ThreeConsulatesAsync();
        var file = BulkEntryFiles.Fill(await DownloadAsync(browser, plan.Plan.Code), Sheet, AllFigures());
        var sent = await api.PostAsJsonAsync($"/api/v1/indicadores/{plan.IndicatorId}/valores",
            new { anio = 2025, periodo = "A", puntoDeRegistro = "CG-MIAMI", variables = new Dictionary<string, string> { ["A"] = "30", ["B"] = "40" }, enviar = false });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        var preview = await UploadAsync(browser, plan.Plan.Code, file);

        Assert.Equal(["Hoja Cifras 1, fila 7, columna E (Cifras actuales): " + PointBulkImport.ConflictMessage("A = 30; B = 40 (borrador)")], BulkEntryFiles.Errors(preview));
        Assert.Null(preview.QuerySelector("form.confirm-form"));
        Assert.Equal(["CG-MIAMI A = 30; B = 40"], (await SubmissionsAsync(plan.IndicatorId)).Select(s => $"{s.Point!.Code} {PointSubmission.DescribeFigures(s.Figures.OrderBy(f => f.Code))}"));
    }

    [Fact]
    public async Task AnotherPointsPlanilla_UploadedByAConsulate_IsRefusedOnThePointsColumn()
    {
        var plan = await PointTestPlan.CreateAsync(app);
        var (_, planner, _) = await plan.Plan.RegistradorAsync(app);
        var (_, miami, _) = await PointTestPlan.PointRegistradorAsync(app, "CG-MIAMI");
        var admin = await app.LoginAsync(AppFixture.AdminEmail);
        var tokioFile = BulkEntryFiles.Fill(await DownloadAsync(admin, plan.Plan.Code, "CG-TOKIO"), Sheet, ("G6", 22m), ("H6", 20m));

        var preview = await UploadAsync(miami, plan.Plan.Code, tokioFile);

        Assert.Equal(["Hoja Cifras 1, fila 6, columna C (Punto de registro): " + PointEntryService.OtherPointMessage], BulkEntryFiles.Errors(preview));
        Assert.Empty(await SubmissionsAsync(plan.IndicatorId));
        Assert.Equal(HttpStatusCode.OK, (await planner.GetAsync(PageUrl(plan.Plan.Code))).StatusCode);
    }

    [Fact]
    public async Task ChangedHiddenKey_OrAPlanillaOfValues_IsRefusedAsNotTheDownloadedFile()
    {
        var (plan, browser, _) = await ThreeConsulatesAsync();
        var file = await DownloadAsync(browser, plan.Plan.Code);
        var cells = new XlsxReader(file, Sheet);
        var otherKey = cells.Text(7, PointBulkLayout.KeyColumn(2));

        var tampered = await UploadAsync(browser, plan.Plan.Code, BulkEntryFiles.Fill(file, Sheet, ("G6", 1m), ("H6", 2m), ("J6", otherKey)));
        var admin = await app.LoginAsync(AppFixture.AdminEmail);
        var values = await UploadAsync(admin, plan.Plan.Code, await BulkEntryFiles.DownloadAsync(admin, plan.Plan.Code, 2025, "A"));

        Assert.Equal([PointBulkImport.TamperedMessage], BulkEntryFiles.Errors(tampered));
        Assert.Equal([PointBulkImport.ValuesPlanillaMessage], BulkEntryFiles.Errors(values));
        Assert.Empty(await SubmissionsAsync(plan.IndicatorId));
    }

    [Fact]
    public async Task PageOfARegistradorWithoutPoints_SaysSo_AndOffersNoDownload()
    {
        var plan = await PointTestPlan.CreateAsync(app);
        var (_, unit, _) = await plan.Plan.RegistradorAsync(app);

        var page = await unit.GetDocumentAsync(PageUrl(plan.Plan.Code));

        Assert.Contains("Su cuenta no registra cifras de ningún punto de registro", page.QuerySelector(".empty-state")!.TextContent);
        Assert.Null(page.QuerySelector(".download-link"));
        Assert.Null(page.QuerySelector("form.upload-form"));
    }
}
