using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Api;

[Collection(AppCollection.Name)]
public class ApiValuesTests(AppFixture app)
{
    private async Task<(Indicator Indicator, HttpClient Api)> RegistradorApiAsync(int n)
    {
        var indicator = await app.IndicatorWithFullDataAsync(n);
        var unitId = await app.QueryAsync(db => db.IndicatorResponsibleUnits.Where(u => u.IndicatorId == indicator.Id).Select(u => u.UnitId).FirstAsync());
        var email = await app.CreateUserAsync(Roles.Registrador);
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var user = await db.Users.SingleAsync(u => u.Email == email);
            db.UserUnits.Add(new UserUnit { UserId = user.Id, UnitId = unitId });
            await db.SaveChangesAsync();
        }

        var browser = await app.LoginAsync(email);
        var created = await browser.SubmitFormAsync("/Cuenta/Tokens", new Dictionary<string, string> { ["Name"] = "Sistema fuente" }, "form[action*='handler=Create']");
        var token = (await HttpClientExtensions.ParseAsync(await created.Content.ReadAsStringAsync())).QuerySelector(".new-token")!.TextContent.Trim();
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (indicator, api);
    }

    [Fact]
    public async Task PostValue_OwnUnit_IsSavedThroughTheSameWorkflow()
    {
        var (indicator, api) = await RegistradorApiAsync(19);

        var response = await api.PostAsJsonAsync($"/api/v1/indicadores/{indicator.Id}/valores",
            new { anio = 2025, periodo = "A", valor = indicator.TargetFor(2025)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), enviar = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Enviado", saved.GetProperty("status").GetString());
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.IndicatorId == indicator.Id && a.Kind == AuditKind.Valor)));
    }

    [Fact]
    public async Task PostValue_DecimalComma_Returns400WithTheSpanishMessage()
    {
        var (indicator, api) = await RegistradorApiAsync(20);

        var response = await api.PostAsJsonAsync($"/api/v1/indicadores/{indicator.Id}/valores", new { anio = 2025, periodo = "A", valor = "95,5" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Use punto como separador decimal", await response.Content.ReadAsStringAsync());
        Assert.False(await app.QueryAsync(db => db.Values.AnyAsync(v => v.IndicatorId == indicator.Id)));
    }

    [Fact]
    public async Task PostValue_OtherUnitsIndicator_Returns403()
    {
        var (mine, api) = await RegistradorApiAsync(21);
        var units = await app.QueryAsync(db => db.IndicatorResponsibleUnits.Where(u => u.IndicatorId == mine.Id).Select(u => u.UnitId).ToListAsync());
        var otherId = await app.QueryAsync(db => db.Indicators.OrderByDescending(i => i.Id).Where(i => !i.ResponsibleUnits.Any(u => units.Contains(u.UnitId))).Select(i => i.Id).FirstAsync());

        var response = await api.PostAsJsonAsync($"/api/v1/indicadores/{otherId}/valores", new { anio = 2025, periodo = "A", valor = "1" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("SegundoSemestre", PeriodKind.SegundoSemestre)]
    [InlineData("PrimerSemestre", PeriodKind.PrimerSemestre)]
    [InlineData("Anual", PeriodKind.Anual)]
    [InlineData("S2", PeriodKind.SegundoSemestre)]
    [InlineData("s1", PeriodKind.PrimerSemestre)]
    [InlineData("a", PeriodKind.Anual)]
    [InlineData(null, PeriodKind.Anual)]
    public async Task PostValue_ItsOwnPeriodLabelsAndTheShortForms_AreFiledInThatPeriod(string? periodo, PeriodKind expected)
    {
        var plan = await ValueTestPlan.CreateAsync(app, 1);
        var (_, _, api) = await plan.RegistradorAsync(app);

        var response = await api.PostAsJsonAsync($"/api/v1/indicadores/{plan.Indicators[0]}/valores", new { anio = 2025, periodo, valor = ValueTestPlan.OnTarget });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected.ToString(), (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("period").GetString());
        Assert.Equal(expected, (await app.QueryAsync(db => db.Values.SingleAsync(v => v.IndicatorId == plan.Indicators[0]))).Period);
    }

    [Theory]
    [InlineData("II")]
    [InlineData("I semestre")]
    [InlineData("Segundo semestre")]
    [InlineData("S3")]
    [InlineData("1")]
    [InlineData("Anuales")]
    public async Task PostValue_UnknownPeriod_Answers400InSpanishAndSavesNothing(string periodo)
    {
        var plan = await ValueTestPlan.CreateAsync(app, 1);
        var (_, _, api) = await plan.RegistradorAsync(app);

        var response = await api.PostAsJsonAsync($"/api/v1/indicadores/{plan.Indicators[0]}/valores", new { anio = 2025, periodo, valor = ValueTestPlan.OnTarget });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(PeriodText.InvalidMessage, problem.GetProperty("errors").GetProperty("periodo")[0].GetString());
        Assert.False(await app.QueryAsync(db => db.Values.AnyAsync(v => v.IndicatorId == plan.Indicators[0])));
    }

    [Theory]
    [InlineData("II")]
    [InlineData("semestre")]
    public async Task PlanProgress_UnknownPeriod_Answers400InSpanish(string periodo)
    {
        var (_, api) = await RegistradorApiAsync(22);

        var response = await api.GetAsync($"/api/v1/planes/MRE-PEI-2025-2030/avance?anio=2025&periodo={Uri.EscapeDataString(periodo)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(PeriodText.InvalidMessage, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PlanProgress_ThePeriodLabelItReturns_IsReadBack()
    {
        var (_, api) = await RegistradorApiAsync(22);

        var progress = await api.GetFromJsonAsync<JsonElement>("/api/v1/planes/MRE-PEI-2025-2030/avance?anio=2025&periodo=SegundoSemestre");

        Assert.Equal("SegundoSemestre", progress.GetProperty("period").GetString());
    }

    [Theory]
    [InlineData("{\"anio\": 2025, \"valor\": ")]
    [InlineData("{\"anio\": \"dos mil\", \"valor\": \"1\"}")]
    [InlineData("[1, 2, 3]")]
    public async Task PostValue_UnreadableJson_Answers400ProblemInSpanish(string body)
    {
        var (indicator, api) = await RegistradorApiAsync(20);

        var response = await api.PostAsync($"/api/v1/indicadores/{indicator.Id}/valores", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("No se pudo leer la solicitud", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PlanProgress_ReturnsRollUpsFromTheEngine()
    {
        var (_, api) = await RegistradorApiAsync(22);

        var progress = await api.GetFromJsonAsync<JsonElement>("/api/v1/planes/MRE-PEI-2025-2030/avance?anio=2025&periodo=A");

        Assert.Equal(11, progress.GetProperty("objectives").GetArrayLength());
        Assert.False(progress.GetProperty("includesPending").GetBoolean());
    }
}
