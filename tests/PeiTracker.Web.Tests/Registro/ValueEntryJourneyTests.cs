using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Registro;

/// <summary>What the unit reads around a value: the uncapped avance, the read-only view of a sent value, withdrawing it before review.</summary>
[Collection(AppCollection.Name)]
public class ValueEntryJourneyTests(AppFixture app)
{
    private const int Year = ValueTestPlan.Year;

    private static async Task SendAsync(HttpClient browser, int indicatorId, string value)
    {
        var sent = await (await OpenedValueForm.OpenAsync(browser, indicatorId, Year, "A")).SaveAsync(value, "Informe anual", "Send");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
    }

    private Task<IndicatorValue> StoredAsync(int indicatorId) =>
        app.QueryAsync(db => db.Values.AsNoTracking().SingleAsync(v => v.IndicatorId == indicatorId && v.Year == Year && v.Period == PeriodKind.Anual));

    private static Task<HttpResponseMessage> WithdrawAsync(HttpClient browser, AngleSharp.Dom.IDocument page, int indicatorId) =>
        browser.PostAsync($"/Registro/Valor/{indicatorId}?handler=Withdraw", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.QuerySelector("form[action*='handler=Withdraw'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Version"] = page.QuerySelector("form[action*='handler=Withdraw'] input[name=Version]")!.GetAttribute("value")!,
            ["Anio"] = Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Periodo"] = "A",
        }));

    [Theory]
    [InlineData("180", "100.0 %", "180.0 %", true)]
    [InlineData("120", "100.0 %", "120.0 %", false)]
    [InlineData("90", "90.0 %", null, false)]
    public async Task Preview_ValueBeyondTheTarget_ShowsTheUncappedAvanceAndWarnsWhenImplausible(string value, string capped, string? uncapped, bool warns)
    {
        var plan = await ValueTestPlan.CreateAsync(app);
        var (_, browser, _) = await plan.RegistradorAsync(app);

        var json = await browser.GetStringAsync($"/Registro/Valor/{plan.Indicators[0]}?handler=Preview&anio={Year}&periodo=A&valor={value}");
        var preview = JsonDocument.Parse(json).RootElement;

        Assert.Equal(capped, preview.GetProperty("avance").GetString());
        Assert.Equal(uncapped, preview.GetProperty("uncapped").GetString());
        Assert.Equal(warns, preview.GetProperty("warning").GetString() is { } warning && warning.Contains("equivale al 180.0 % del logro esperado"));
    }

    [Fact]
    public async Task SentValue_OpenedAgain_IsShownReadOnlyWithItsUncappedAvance()
    {
        var plan = await ValueTestPlan.CreateAsync(app);
        var (_, browser, _) = await plan.RegistradorAsync(app);
        await SendAsync(browser, plan.Indicators[0], "180");

        var page = await browser.GetDocumentAsync($"/Registro/Valor/{plan.Indicators[0]}?anio={Year}&periodo=A");

        Assert.Empty(page.QuerySelectorAll("main input:not([type=hidden]), main textarea, main input[type=file]"));
        Assert.DoesNotContain("Use punto decimal", page.QuerySelector("main")!.TextContent);
        Assert.Equal("100.0 % (180.0 % del logro esperado, sin tope)", System.Text.RegularExpressions.Regex.Replace(page.QuerySelector("[data-testid=avance-valor]")!.TextContent.Trim(), @"\s+", " "));
        Assert.NotNull(page.QuerySelector("form[action*='handler=Withdraw'] button"));
    }

    [Fact]
    public async Task Withdraw_SentValueNotYetReviewed_ReturnsToBorradorWithItsAuditRow()
    {
        var plan = await ValueTestPlan.CreateAsync(app);
        var (email, browser, _) = await plan.RegistradorAsync(app);
        await SendAsync(browser, plan.Indicators[0], "90");
        var page = await browser.GetDocumentAsync($"/Registro/Valor/{plan.Indicators[0]}?anio={Year}&periodo=A");

        var response = await WithdrawAsync(browser, page, plan.Indicators[0]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await StoredAsync(plan.Indicators[0]);
        Assert.Equal((ValueStatus.Borrador, 90m), (stored.Status, stored.Value!.Value));
        var audit = await app.QueryAsync(db => db.AuditEntries.Where(a => a.IndicatorId == plan.Indicators[0]).OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal(("Estado del valor anual 2025", "Enviado", "Borrador", email), (audit.Field, audit.Before, audit.After, audit.UserName));
        var reopened = await browser.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("retirado", reopened.QuerySelector(".alert-success")!.TextContent);
        Assert.NotNull(reopened.QuerySelector("input[name=Valor]"));
    }

    [Fact]
    public async Task Withdraw_ValueValidatedMeanwhile_IsRefusedAndChangesNothing()
    {
        var plan = await ValueTestPlan.CreateAsync(app);
        var (_, browser, _) = await plan.RegistradorAsync(app);
        await SendAsync(browser, plan.Indicators[0], "90");
        var page = await browser.GetDocumentAsync($"/Registro/Valor/{plan.Indicators[0]}?anio={Year}&periodo=A");
        await app.QueryAsync(db => db.Values.Where(v => v.IndicatorId == plan.Indicators[0]).ExecuteUpdateAsync(u => u.SetProperty(v => v.Status, ValueStatus.Validado)));

        var response = await WithdrawAsync(browser, page, plan.Indicators[0]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ValueStatus.Validado, (await StoredAsync(plan.Indicators[0])).Status);
        // The form's version is older than the validation, so the person is shown what is stored now.
        Assert.Contains("Otra persona guardó este valor", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Registrador_OtherUnitsIndicator_IsToldItIsTheUnitNotTheRole()
    {
        var plan = await ValueTestPlan.CreateAsync(app);
        var (_, browser, _) = await plan.RegistradorAsync(app);

        var response = await browser.GetAsync($"/Registro/Valor/{plan.OtherUnitIndicator}?anio={Year}&periodo=A");
        var page = await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var message = page.QuerySelector("[data-testid=otra-unidad]")!.TextContent;
        Assert.StartsWith("Este indicador pertenece a ", message);
        Assert.DoesNotContain("rol", message);
        Assert.Null(page.QuerySelector("input[name=Valor]"));
    }
}
