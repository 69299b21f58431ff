using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Editing;
using PeiTracker.Web.Data;
using PeiTracker.Web.Pages.Plan;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Plan;

[Collection(AppCollection.Name)]
public class TargetsTests(AppFixture app)
{
    private static readonly int CurrentYear = DateTime.UtcNow.AddHours(-5).Year;

    private static Dictionary<string, string> FormOf(Indicator indicator, string reason, Action<Dictionary<int, string>> change)
    {
        var targets = indicator.Targets.ToDictionary(t => t.Year, t => t.Value.ToString(CultureInfo.InvariantCulture));
        change(targets);
        var form = targets.ToDictionary(t => $"Targets[{t.Key}]", t => t.Value);
        form["Reason"] = reason;
        return form;
    }

    private static Task<AnnualTarget> TargetAsync(AppFixture app, int indicatorId, int year) =>
        app.QueryAsync(db => db.Targets.SingleAsync(t => t.IndicatorId == indicatorId && t.Year == year));

    [Fact]
    public async Task Targets_FutureYearChanged_IsSavedWithoutRevision()
    {
        var indicator = await app.IndicatorWithFullDataAsync(5);
        var client = await app.LoginAsync();
        var newValue = indicator.TargetFor(2030)!.Value + 1m;

        var response = await client.SubmitFormAsync($"/Plan/Indicador/{indicator.Id}/Metas",
            FormOf(indicator, "Meta 2030 reprogramada", t => t[2030] = newValue.ToString(CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await TargetAsync(app, indicator.Id, 2030);
        Assert.Equal(newValue, saved.Value);
        Assert.Null(saved.OriginalValue);
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.IndicatorId == indicator.Id && a.Field == "Logro esperado 2030")));
    }

    [Fact]
    public async Task Targets_StartedYearChanged_IsARevisionKeepingTheOriginal()
    {
        var indicator = await app.IndicatorWithFullDataAsync(6);
        var client = await app.LoginAsync();
        var original = indicator.TargetFor(CurrentYear)!.Value;
        // A change that stays within the unit's range: whole counts, 0-100 %, 0-1 indices.
        var revised = indicator.Unit is UnitOfMeasure.Numero or UnitOfMeasure.Cantidad ? original + 1m : Math.Round(original * 0.9m, 3);

        await client.SubmitFormAsync($"/Plan/Indicador/{indicator.Id}/Metas",
            FormOf(indicator, "Revisión por cambio de metodología", t => t[CurrentYear] = revised.ToString(CultureInfo.InvariantCulture)));

        var saved = await TargetAsync(app, indicator.Id, CurrentYear);
        Assert.Equal(revised, saved.Value);
        Assert.Equal(original, saved.OriginalValue);
        Assert.Equal("Revisión por cambio de metodología", saved.RevisionReason);
        var page = await client.GetDocumentAsync($"/Plan/Indicador/{indicator.Id}");
        Assert.Contains("revisada; original", page.QuerySelector("table.table-targets")!.TextContent);
        Assert.Contains("Revisión por cambio de metodología", page.QuerySelector("table.history-table")!.TextContent);
    }

    [Fact]
    public async Task Targets_ErasingAStartedYear_IsRefused()
    {
        var indicator = await app.IndicatorWithFullDataAsync(7);
        var client = await app.LoginAsync();

        var response = await client.SubmitFormAsync($"/Plan/Indicador/{indicator.Id}/Metas",
            FormOf(indicator, "Borrar", t => t[CurrentYear] = ""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(EditMessages.ErasedStartedTarget(CurrentYear), WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(indicator.TargetFor(CurrentYear), (await TargetAsync(app, indicator.Id, CurrentYear)).Value);
    }

    [Fact]
    public async Task Targets_DecimalComma_IsRefusedAndNothingChanges()
    {
        var indicator = await app.IndicatorWithFullDataAsync(7);
        var client = await app.LoginAsync();

        var response = await client.SubmitFormAsync($"/Plan/Indicador/{indicator.Id}/Metas",
            FormOf(indicator, "Coma", t => t[2029] = "95,5"));

        Assert.Contains(DecimalText.CommaMessage, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(indicator.TargetFor(2029), (await TargetAsync(app, indicator.Id, 2029)).Value);
    }

    [Fact]
    public async Task Targets_SomeoneElseSavedInBetween_ConflictIsShownAndTheirValueKept()
    {
        var indicator = await app.IndicatorWithFullDataAsync(8);
        var first = await app.LoginAsync();
        var second = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var secondPage = await second.GetDocumentAsync($"/Plan/Indicador/{indicator.Id}/Metas");
        var staleVersion = secondPage.QuerySelector("input[name=Version]")!.GetAttribute("value")!;

        await first.SubmitFormAsync($"/Plan/Indicador/{indicator.Id}/Metas", FormOf(indicator, "Primero", t => t[2029] = "77"));
        var form = FormOf(indicator, "Segundo", t => t[2029] = "88");
        form["Version"] = staleVersion;
        form["__RequestVerificationToken"] = secondPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await second.PostAsync($"/Plan/Indicador/{indicator.Id}/Metas", new FormUrlEncodedContent(form));

        Assert.Contains(MetasModel.ConflictText, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(77m, (await TargetAsync(app, indicator.Id, 2029)).Value);
    }

    [Fact]
    public async Task Targets_IndicatorWithoutAnyTarget_FirstTargetsAreSaved()
    {
        var id = await app.QueryAsync(db => db.Indicators.Where(i => !i.Targets.Any()).OrderByDescending(i => i.Id).Select(i => i.Id).FirstAsync());
        var client = await app.LoginAsync();

        var response = await client.SubmitFormAsync($"/Plan/Indicador/{id}/Metas", new Dictionary<string, string>
        {
            ["Targets[2029]"] = "12", ["Targets[2030]"] = "15", ["Reason"] = "Metas cargadas por la OGPP",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(2, await app.QueryAsync(db => db.Targets.CountAsync(t => t.IndicatorId == id)));
    }
}
