using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Points;
using PeiTracker.Web.Data;
using PeiTracker.Web.Entry;
using PeiTracker.Web.Points;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Points;

/// <summary>
/// A percentage collected by reporting point, as people meet it: each consulate sends its variables through the API,
/// the responsible unit accepts them on its review page, and the indicator's value, explanation and breakdown read
/// the sums (36/40, 50/60, 22/20 → 108/120 = 90), never the mean of the percentages.
/// </summary>
[Collection(AppCollection.Name)]
public class ReportingPointEntryTests(AppFixture app)
{
    private static readonly (string Code, string A, string B)[] Consulates = [("CG-MIAMI", "36", "40"), ("CG-MADRID", "50", "60"), ("CG-TOKIO", "22", "20")];

    private static object Figures(string code, string a, string b, bool send = true, uint? version = null) =>
        new { anio = 2025, periodo = "A", puntoDeRegistro = code, variables = new Dictionary<string, string> { ["A"] = a, ["B"] = b }, enviar = send, version };

    private async Task<HttpResponseMessage> ReviewAsync(HttpClient reviewer, int indicatorId, string pointCode, string handler, string? reason = null)
    {
        var url = $"/Registro/Puntos/{indicatorId}?anio=2025&periodo=A";
        var page = await reviewer.GetDocumentAsync(url);
        var row = page.QuerySelectorAll("[data-testid=revision-puntos] tbody tr").Single(r => r.QuerySelector("th .code")!.TextContent == pointCode);
        var form = row.QuerySelector("form")!;
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Submission"] = form.QuerySelector("input[name=Submission]")!.GetAttribute("value")!,
            ["Version"] = form.QuerySelector("input[name=Version]")!.GetAttribute("value")!,
            ["Anio"] = "2025",
            ["Periodo"] = "A",
            ["Motivo"] = reason ?? "",
        };
        return await reviewer.PostAsync($"/Registro/Puntos/{indicatorId}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    private async Task<(PointTestPlan Plan, HttpClient Reviewer)> ThreeConsulatesSentAsync()
    {
        var plan = await PointTestPlan.CreateAsync(app);
        foreach (var (code, a, b) in Consulates)
        {
            var (_, _, api) = await PointTestPlan.PointRegistradorAsync(app, code);
            var sent = await api.PostAsJsonAsync($"/api/v1/indicadores/{plan.IndicatorId}/valores", Figures(code, a, b));
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        var (_, reviewer, _) = await plan.Plan.RegistradorAsync(app);
        return (plan, reviewer);
    }

    [Fact]
    public async Task PostFigures_ForItsPoint_AnswersThePointsOwnValueAndState()
    {
        var plan = await PointTestPlan.CreateAsync(app);
        var (_, _, api) = await PointTestPlan.PointRegistradorAsync(app, "CG-TOKIO");

        var response = await api.PostAsJsonAsync($"/api/v1/indicadores/{plan.IndicatorId}/valores", Figures("CG-TOKIO", "22", "20"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(110m, saved.GetProperty("value").GetDecimal());
        Assert.Equal("Enviado", saved.GetProperty("status").GetString());
        Assert.Equal("CG-TOKIO", saved.GetProperty("puntoDeRegistro").GetString());
        Assert.False(await app.QueryAsync(db => db.Values.AnyAsync(v => v.IndicatorId == plan.IndicatorId)));
    }

    [Fact]
    public async Task ThreePointsAccepted_TheIndicatorsValueIsTheFormulaOnTheSums_WithItsExplanation()
    {
        var (plan, reviewer) = await ThreeConsulatesSentAsync();

        foreach (var (code, _, _) in Consulates)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(reviewer, plan.IndicatorId, code, "Accept")).StatusCode);
        }

        var value = await app.QueryAsync(db => db.Values.Include(v => v.Variables).SingleAsync(v => v.IndicatorId == plan.IndicatorId && v.Year == 2025));
        Assert.Equal(90m, value.Value);
        Assert.Equal(ValueStatus.Borrador, value.Status);
        // Written at the first acceptance and rewritten at each one: it counts the points the value is made of.
        Assert.Equal("Calculado de las cifras de 3 puntos de registro aceptados.", value.Comment);
        Assert.Equal("A = 108; B = 120", Indicator.DescribeFigures(value.Variables.OrderBy(v => v.Code)));
        var page = await reviewer.GetDocumentAsync($"/Plan/Indicador/{plan.IndicatorId}?anio=2025&periodo=A");
        Assert.Contains("A / B × 100 = 108 / 120 × 100 = 90", page.QuerySelector("[data-testid=desglose-total]")!.TextContent);
        var history = await app.QueryAsync(db => db.AuditEntries.Where(a => a.IndicatorId == plan.IndicatorId && a.Kind == AuditKind.ValorPunto && a.Field.EndsWith("CG-TOKIO")).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal("A = 22; B = 20 (aceptado)", history[^1].After);
    }

    [Fact]
    public async Task IndicatorPage_ShowsEachPointsRowRegionAndBar()
    {
        var (plan, reviewer) = await ThreeConsulatesSentAsync();
        await ReviewAsync(reviewer, plan.IndicatorId, "CG-MIAMI", "Accept");
        await ReviewAsync(reviewer, plan.IndicatorId, "CG-MADRID", "Accept");

        var page = await reviewer.GetDocumentAsync($"/Plan/Indicador/{plan.IndicatorId}?anio=2025&periodo=A");

        var rows = page.QuerySelectorAll("[data-testid=desglose-puntos] tbody tr")
            .Select(r => string.Join(" | ", r.Children.Select(c => c.TextContent.Trim()))).ToList();
        Assert.Equal(
        [
            "CG-MIAMI Consulado General del Perú en Miami | América · Estados Unidos | 36 | 40 | 90.0 | Aceptado",
            "CG-TOKIO Consulado General del Perú en Tokio | Asia · Japón | 22 | 20 | 110.0 | Enviado a la unidad",
            "CG-MADRID Consulado General del Perú en Madrid | Europa · España | 50 | 60 | 83.3 | Aceptado",
        ], rows);
        // Two accepted: (36 + 50) / (40 + 60) = 86; Tokio's sent figures do not count until accepted.
        Assert.Contains("= 86 / 100 × 100 = 86", page.QuerySelector("[data-testid=desglose-total]")!.TextContent);
        var bars = page.QuerySelectorAll("[data-testid=desglose-grafico] rect").ToDictionary(r => r.GetAttribute("data-point")!, r => r.GetAttribute("class"));
        Assert.Equal(new Dictionary<string, string?> { ["CG-MIAMI"] = "bar bar-accepted", ["CG-TOKIO"] = "bar bar-pending", ["CG-MADRID"] = "bar bar-accepted" }, bars);
        Assert.Equal("86", page.QuerySelector("[data-testid=desglose-grafico] line")!.GetAttribute("data-value"));
        var regions = page.QuerySelectorAll("[data-testid=desglose-regiones] tbody tr").Select(r => string.Join(" | ", r.Children.Select(c => c.TextContent.Trim()))).ToList();
        Assert.Equal(["América | (todos) | 1 | 36 | 40 | 90.0", "América | Estados Unidos | 1 | 36 | 40 | 90.0", "Europa | (todos) | 1 | 50 | 60 | 83.3", "Europa | España | 1 | 50 | 60 | 83.3"], regions);
    }

    [Fact]
    public async Task IndicatorPage_AfterAnotherPointIsAccepted_ShowsTheNewBreakdownNotTheKeptOne()
    {
        var (plan, reviewer) = await ThreeConsulatesSentAsync();
        await ReviewAsync(reviewer, plan.IndicatorId, "CG-MIAMI", "Accept");
        var url = $"/Plan/Indicador/{plan.IndicatorId}?anio=2025&periodo=A";
        string Total(AngleSharp.Dom.IDocument page) => page.QuerySelector("[data-testid=desglose-total]")!.TextContent;
        Assert.Contains("= 36 / 40 × 100 = 90", Total(await reviewer.GetDocumentAsync(url)));
        // Asked again without changes: the kept breakdown, the same figures.
        Assert.Contains("= 36 / 40 × 100 = 90", Total(await reviewer.GetDocumentAsync(url)));

        await ReviewAsync(reviewer, plan.IndicatorId, "CG-MADRID", "Accept");

        var after = await reviewer.GetDocumentAsync(url);
        Assert.Contains("= 86 / 100 × 100 = 86", Total(after));
        Assert.Equal(2, after.QuerySelectorAll("[data-testid=desglose-grafico] rect.bar-accepted").Length);
    }

    [Fact]
    public async Task Breakdown_Api_ListsPointsRegionsAndTheSummedValue()
    {
        var (plan, reviewer) = await ThreeConsulatesSentAsync();
        foreach (var (code, _, _) in Consulates)
        {
            await ReviewAsync(reviewer, plan.IndicatorId, code, "Accept");
        }

        var (_, _, api) = await plan.Plan.RegistradorAsync(app);
        var json = await api.GetFromJsonAsync<JsonElement>($"/api/v1/indicadores/{plan.IndicatorId}/desglose?anio=2025&periodo=Anual");

        Assert.Equal(90m, json.GetProperty("valor").GetDecimal());
        Assert.Equal("= 108 / 120 × 100 = 90", json.GetProperty("explicacion").GetString());
        Assert.Equal(3, json.GetProperty("puntosAceptados").GetInt32());
        // The figures as typed, not at the column's scale (108.000000).
        Assert.Equal("{\"A\":108,\"B\":120}", json.GetProperty("variables").GetRawText());
        Assert.Equal("{\"A\":36,\"B\":40}", json.GetProperty("puntos")[0].GetProperty("variables").GetRawText());
        var points = json.GetProperty("puntos").EnumerateArray().Select(p => (p.GetProperty("codigo").GetString(), p.GetProperty("valor").GetDecimal(), p.GetProperty("estado").GetString())).ToList();
        Assert.Equal([("CG-MIAMI", 90m, "Aceptado"), ("CG-TOKIO", 110m, "Aceptado"), ("CG-MADRID", 83.3333m, "Aceptado")], points);
        var continents = json.GetProperty("continentes").EnumerateArray().Select(c => (c.GetProperty("continente").GetString(), c.GetProperty("valor").GetDecimal())).ToList();
        Assert.Equal([("América", 90m), ("Asia", 110m), ("Europa", 83.3333m)], continents);
        var missing = json.GetProperty("sinReporte").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("EMB-ARGENTINA", missing);
        Assert.DoesNotContain("CG-MIAMI", missing);
    }

    [Fact]
    public async Task Registro_ForAPointsRegistrador_LinksEachIndicatorCollectedByPointToTheirPointsForm()
    {
        var plan = await PointTestPlan.CreateAsync(app);
        var (_, browser, _) = await PointTestPlan.PointRegistradorAsync(app, "CG-MIAMI");

        var page = await browser.GetDocumentAsync($"/Registro?plan={plan.Plan.Code}&anio=2025&periodo=A");

        var links = page.QuerySelectorAll("[data-testid=por-punto] a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Equal([("CG-MIAMI", $"/Registro/Punto/{plan.IndicatorId}?punto=CG-MIAMI&anio=2025&periodo=A")], links);
        // A consulate's account has no unit: it is told what it does enter, and offered its points' planilla, not the unit's.
        Assert.NotNull(page.QuerySelector("[data-testid=solo-puntos]"));
        Assert.Null(page.QuerySelector(".bulk-entry-link"));
        Assert.Equal($"/Registro/CargaPuntos?plan={plan.Plan.Code}&anio=2025&periodo=A", page.QuerySelector(".point-bulk-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Registrador_OfAnotherPoint_CannotEnterForThisOne()
    {
        var plan = await PointTestPlan.CreateAsync(app);
        var (_, browser, api) = await PointTestPlan.PointRegistradorAsync(app, "CG-MIAMI");

        var response = await api.PostAsJsonAsync($"/api/v1/indicadores/{plan.IndicatorId}/valores", Figures("CG-MADRID", "1", "2"));
        var page = await browser.GetAsync($"/Registro/Punto/{plan.IndicatorId}?punto=CG-MADRID&anio=2025&periodo=A");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(PointEntryService.OtherPointMessage, await response.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
        Assert.False(await app.QueryAsync(db => db.PointSubmissions.AnyAsync(s => s.IndicatorId == plan.IndicatorId)));
    }

    [Fact]
    public async Task Registrador_OfAPoint_CannotEnterTheIndicatorsOwnValueNorReviewPoints()
    {
        var plan = await PointTestPlan.CreateAsync(app);
        var (_, browser, api) = await PointTestPlan.PointRegistradorAsync(app, "CG-MIAMI");

        var value = await api.PostAsJsonAsync($"/api/v1/indicadores/{plan.IndicatorId}/valores", new { anio = 2025, periodo = "A", variables = new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" } });
        var review = await browser.GetAsync($"/Registro/Puntos/{plan.IndicatorId}?anio=2025&periodo=A");

        Assert.Equal(HttpStatusCode.Forbidden, value.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, review.StatusCode);
    }

    [Fact]
    public async Task Point_OfAnotherInstitution_IsUnknown()
    {
        var other = await OtherInstitution.CreateAsync(app);
        var plan = await PointTestPlan.CreateAsync(app);
        await app.QueryAsync(async db =>
        {
            var unit = await db.OrganizationalUnits.FirstAsync(u => u.InstitutionId == other.InstitutionId);
            db.ReportingPoints.Add(new ReportingPoint { InstitutionId = other.InstitutionId, Code = "OTRA-ODE", Name = "Oficina de otra institución", Kind = ReportingPointKind.OficinaDesconcentrada, UnitId = unit.Id, Continent = "América", Country = "Perú", Department = "Lima" });
            return await db.SaveChangesAsync();
        });
        var (_, _, api) = await PointTestPlan.PointRegistradorAsync(app, "CG-MIAMI");

        var response = await api.PostAsJsonAsync($"/api/v1/indicadores/{plan.IndicatorId}/valores", Figures("OTRA-ODE", "1", "2"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(PointEntryService.UnknownPoint("OTRA-ODE"), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TwoFirstEntriesOfOnePointAndPeriod_TheSecondIsAConflictNeverAnOverwrite()
    {
        var plan = await PointTestPlan.CreateAsync(app);
        var (_, _, first) = await PointTestPlan.PointRegistradorAsync(app, "CG-MIAMI");
        var (_, _, second) = await PointTestPlan.PointRegistradorAsync(app, "CG-MIAMI");

        var saved = await first.PostAsJsonAsync($"/api/v1/indicadores/{plan.IndicatorId}/valores", Figures("CG-MIAMI", "36", "40", send: false, version: 0));
        var late = await second.PostAsJsonAsync($"/api/v1/indicadores/{plan.IndicatorId}/valores", Figures("CG-MIAMI", "1", "2", send: false, version: 0));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("A = 36; B = 40 (borrador)", await late.Content.ReadAsStringAsync());
        var stored = await app.QueryAsync(db => db.PointSubmissions.Include(s => s.Figures).SingleAsync(s => s.IndicatorId == plan.IndicatorId));
        Assert.Equal("A = 36; B = 40", PointSubmission.DescribeFigures(stored.Figures.OrderBy(f => f.Code)));
    }

    [Fact]
    public async Task Accepting_AfterTheUnitsValueWasSent_IsRefusedAndChangesNothing()
    {
        var (plan, reviewer) = await ThreeConsulatesSentAsync();
        await ReviewAsync(reviewer, plan.IndicatorId, "CG-MIAMI", "Accept");
        var value = await app.QueryAsync(db => db.Values.SingleAsync(v => v.IndicatorId == plan.IndicatorId));
        var (_, _, unitApi) = await plan.Plan.RegistradorAsync(app);
        var sent = await unitApi.PostAsJsonAsync($"/api/v1/indicadores/{plan.IndicatorId}/valores",
            new { anio = 2025, periodo = "A", variables = new Dictionary<string, string> { ["A"] = "36", ["B"] = "40" }, enviar = true, version = value.Version, comentario = "Cifras de Miami" });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        var response = await ReviewAsync(reviewer, plan.IndicatorId, "CG-MADRID", "Accept");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains("No se aceptaron las cifras de CG-MADRID · Consulado General del Perú en Madrid: el valor anual 2025 del indicador ya está enviado", page.QuerySelector("[data-testid=revision-error]")!.TextContent);
        Assert.Equal(90m, (await app.QueryAsync(db => db.Values.SingleAsync(v => v.IndicatorId == plan.IndicatorId))).Value);
        Assert.Equal(PointSubmissionStatus.Enviado, (await app.QueryAsync(db => db.PointSubmissions.SingleAsync(s => s.IndicatorId == plan.IndicatorId && s.Point!.Code == "CG-MADRID"))).Status);
    }

    [Fact]
    public async Task TheUnitsOwnFigures_ForAnIndicatorCollectedByPoint_AreRefused_TheComputedValueIsSentAsItIs()
    {
        var (plan, reviewer) = await ThreeConsulatesSentAsync();
        var (_, _, unitApi) = await plan.Plan.RegistradorAsync(app);
        object Own(string a, string b, uint? version) => new { anio = 2025, periodo = "A", variables = new Dictionary<string, string> { ["A"] = a, ["B"] = b }, enviar = true, version };

        var typedFirst = await unitApi.PostAsJsonAsync($"/api/v1/indicadores/{plan.IndicatorId}/valores", Own("99", "100", 0));
        await ReviewAsync(reviewer, plan.IndicatorId, "CG-MIAMI", "Accept");
        var value = await app.QueryAsync(db => db.Values.SingleAsync(v => v.IndicatorId == plan.IndicatorId));
        var changed = await unitApi.PostAsJsonAsync($"/api/v1/indicadores/{plan.IndicatorId}/valores", Own("37", "40", value.Version));
        var form = await reviewer.GetDocumentAsync($"/Registro/Valor/{plan.IndicatorId}?anio=2025&periodo=A");
        var sentAsItIs = await unitApi.PostAsJsonAsync($"/api/v1/indicadores/{plan.IndicatorId}/valores", Own("36", "40", value.Version));

        Assert.NotEqual(HttpStatusCode.OK, typedFirst.StatusCode);
        Assert.Contains(ValueEntryService.ByPointMessage, await typedFirst.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains(ValueEntryService.ByPointMessage, await changed.Content.ReadAsStringAsync());
        Assert.NotNull(form.QuerySelector("[data-testid=por-punto] a[href^='/Registro/Puntos/']"));
        Assert.True(form.QuerySelector("#variable-A")!.HasAttribute("readonly"));
        Assert.Equal(HttpStatusCode.OK, sentAsItIs.StatusCode);
        var stored = await app.QueryAsync(db => db.Values.SingleAsync(v => v.IndicatorId == plan.IndicatorId));
        Assert.Equal((90m, ValueStatus.Enviado), (stored.Value, stored.Status));
    }

    [Fact]
    public async Task Observing_WithoutReason_IsRefused_WithOne_ReturnsTheFiguresToThePoint()
    {
        var (plan, reviewer) = await ThreeConsulatesSentAsync();

        var without = await ReviewAsync(reviewer, plan.IndicatorId, "CG-TOKIO", "Observe");
        var with = await ReviewAsync(reviewer, plan.IndicatorId, "CG-TOKIO", "Observe", "Más atendidos que población: revise B");

        Assert.Contains("el motivo es obligatorio", (await HttpClientExtensions.ParseAsync(await without.Content.ReadAsStringAsync())).QuerySelector("[data-testid=revision-error]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, with.StatusCode);
        var stored = await app.QueryAsync(db => db.PointSubmissions.SingleAsync(s => s.IndicatorId == plan.IndicatorId && s.Point!.Code == "CG-TOKIO"));
        Assert.Equal((PointSubmissionStatus.Observado, "Más atendidos que población: revise B"), (stored.Status, stored.ReviewNote));
    }

    [Fact]
    public async Task SeguimientoReport_WithTheBreakdownChosen_HasASheetOfPointsAndTheSummedTotal()
    {
        var (plan, reviewer) = await ThreeConsulatesSentAsync();
        foreach (var (code, _, _) in Consulates)
        {
            await ReviewAsync(reviewer, plan.IndicatorId, code, "Accept");
        }

        var planner = await app.LoginAsync();
        var bytes = await planner.GetByteArrayAsync($"/Reportes/Seguimiento?plan={plan.Plan.Code}&anio=2025&periodo=A&desglose=true");
        var without = new XlsxReader(await planner.GetByteArrayAsync($"/Reportes/Seguimiento?plan={plan.Plan.Code}&anio=2025&periodo=A"), "Seguimiento");

        var sheet = new XlsxReader(bytes, "Desglose por punto de registro");
        Assert.DoesNotContain("Desglose por punto de registro", without.SheetNames);
        Assert.Equal("Código del punto", sheet.Text(2, 1));
        Assert.Equal(["CG-MIAMI", "CG-TOKIO", "CG-MADRID", "Total"], Enumerable.Range(3, 4).Select(r => sheet.Text(r, 1)));
        Assert.Equal(("Asia", "Japón", "A = 22; B = 20", 110m, "Aceptado"), (sheet.Text(4, 4), sheet.Text(4, 5), sheet.Text(4, 7), sheet.Number(4, 8)!.Value, sheet.Text(4, 9)));
        Assert.Equal(("A = 108; B = 120", 90m), (sheet.Text(6, 7), sheet.Number(6, 8)!.Value));
        Assert.Contains("A / B × 100 = 108 / 120 × 100 = 90", sheet.Text(6, 2));
    }

    [Fact]
    public async Task SeededPoints_AreTheMinistrysOrgansAbroadAndDecentralisedOffices()
    {
        var counts = await app.QueryAsync(db => db.ReportingPoints.Where(p => p.Institution!.PliegoCode == HomeInstitution.PliegoCode)
            .GroupBy(p => p.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));

        Assert.Equal(new Dictionary<ReportingPointKind, int>
        {
            [ReportingPointKind.Consulado] = 70,
            [ReportingPointKind.Embajada] = 65,
            [ReportingPointKind.RepresentacionPermanente] = 6,
            [ReportingPointKind.OficinaDesconcentrada] = 13,
        }, counts);
        var miami = await app.QueryAsync(db => db.ReportingPoints.Include(p => p.Unit).SingleAsync(p => p.Code == "CG-MIAMI" && p.Institution!.PliegoCode == HomeInstitution.PliegoCode));
        Assert.Equal(("DGC", "América · Estados Unidos"), (miami.Unit!.Acronym, miami.Region));
        // The PEI (section on the institution): offices in Arequipa, Cajamarca, Cusco, Iquitos, Piura, Puno, Tacna,
        // Trujillo, Tumbes, Madre de Dios, Ucayali, Amazonas and Moquegua; Iquitos is in Loreto, Trujillo in La Libertad.
        var offices = await app.QueryAsync(db => db.ReportingPoints.Where(p => p.Institution!.PliegoCode == HomeInstitution.PliegoCode && p.Kind == ReportingPointKind.OficinaDesconcentrada)
            .Select(p => p.Department!).ToListAsync());
        Assert.Equal(["Amazonas", "Arequipa", "Cajamarca", "Cusco", "La Libertad", "Loreto", "Madre de Dios", "Moquegua", "Piura", "Puno", "Tacna", "Tumbes", "Ucayali"], offices.Order(StringComparer.Ordinal));
    }
}
