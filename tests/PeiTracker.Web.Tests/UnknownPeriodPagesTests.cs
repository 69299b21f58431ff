using System.Net;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests;

/// <summary>
/// A hand-edited ?periodo= that names no period never becomes another period silently: pages show their default
/// period with a note that says so, the entry form shows nothing to edit, and posts are refused with nothing saved.
/// </summary>
[Collection(AppCollection.Name)]
public class UnknownPeriodPagesTests(AppFixture app)
{
    public static TheoryData<string> PagesWithAPeriod() =>
    [
        "/Tablero?anio=2025&periodo={0}",
        "/Tablero/Objetivo/{1}?anio=2025&periodo={0}",
        "/Tablero/Unidades?anio=2025&periodo={0}",
        "/Tablero/Nacional?anio=2025&periodo={0}",
        "/Registro?anio=2025&periodo={0}",
        "/Reportes/Informe?anio=2025&periodo={0}",
    ];

    private async Task<(HttpStatusCode Status, string? Note)> OpenAsync(string page, string periodo)
    {
        var objectiveId = await app.QueryAsync(db => db.Objectives.Where(o => o.Plan!.Code == "MRE-PEI-2025-2030").OrderBy(o => o.Priority).Select(o => o.Id).FirstAsync());
        var response = await (await app.LoginAsync()).GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, page, Uri.EscapeDataString(periodo), objectiveId));
        var document = await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.QuerySelector("[data-testid=period-note]")?.TextContent);
    }

    [Theory]
    [MemberData(nameof(PagesWithAPeriod))]
    public async Task Page_UnknownPeriod_ShowsItsDefaultWithANoteSayingSo(string page)
    {
        var (status, note) = await OpenAsync(page, "II");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(note);
        Assert.Contains("«II», que no existe", note);
        Assert.Contains("se muestra", note);
    }

    [Theory]
    [MemberData(nameof(PagesWithAPeriod))]
    public async Task Page_KnownPeriod_HasNoNote(string page)
    {
        var (status, note) = await OpenAsync(page, "S2");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(note);
    }

    [Fact]
    public async Task EntryForm_UnknownPeriod_ShowsNothingToEditAndRefusesThePost()
    {
        var plan = await ValueTestPlan.CreateAsync(app, 1);
        var (_, browser, _) = await plan.RegistradorAsync(app);
        var id = plan.Indicators[0];
        var url = $"/Registro/Valor/{id}?anio=2025&periodo=II";

        var page = await browser.GetDocumentAsync(url);
        var token = await browser.AntiforgeryTokenAsync($"/Registro/Valor/{id}?anio=2025&periodo=A");
        var post = await browser.PostAsync($"/Registro/Valor/{id}?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Anio"] = "2025", ["Periodo"] = "II", ["Version"] = "0", ["Valor"] = ValueTestPlan.OnTarget, ["Comentario"] = "Prueba",
        }));

        Assert.Contains(PeriodText.InvalidMessage, page.QuerySelector("main")!.TextContent);
        Assert.Null(page.QuerySelector("button[formaction*='handler=Save']"));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains(PeriodText.InvalidMessage, await AccountTestData.TextAsync(post));
        Assert.False(await app.QueryAsync(db => db.Values.AnyAsync(v => v.IndicatorId == id)));
    }

    [Fact]
    public async Task Seguimiento_UnknownPeriod_SendsBackWithTheMessageAndNoFile()
    {
        var client = await app.LoginAsync();

        var response = await client.GetAsync("/Reportes/Seguimiento?anio=2025&periodo=II");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(PeriodText.InvalidMessage, await AccountTestData.TextAsync(await client.GetAsync(response.Headers.Location!)));
    }

    [Fact]
    public async Task ClosingAPeriod_UnknownPeriod_IsRefusedAndClosesNothing()
    {
        var client = await app.LoginAsync();
        var before = await app.QueryAsync(db => db.PeriodClosures.CountAsync());
        var token = await client.AntiforgeryTokenAsync("/Registro/Periodos");

        var response = await client.PostAsync("/Registro/Periodos?handler=Close", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["year"] = "2025", ["period"] = "II", ["note"] = "Prueba",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before, await app.QueryAsync(db => db.PeriodClosures.CountAsync()));
        Assert.Contains(PeriodText.InvalidMessage, await AccountTestData.TextAsync(await client.GetAsync(response.Headers.Location!)));
    }

    [Fact]
    public async Task InformeAnalysis_UnknownPeriod_IsRefusedAndSavesNothing()
    {
        var client = await app.LoginAsync();
        var objectiveId = await app.QueryAsync(db => db.Objectives.Where(o => o.Plan!.Code == "MRE-PEI-2025-2030").OrderBy(o => o.Priority).Select(o => o.Id).FirstAsync());
        var token = await client.AntiforgeryTokenAsync("/Reportes/Informe?anio=2025&periodo=A");
        const string Text = "Análisis que no debe guardarse en otro periodo.";

        var response = await client.PostAsync("/Reportes/Informe?anio=2025&periodo=II&handler=Narrative", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["objectiveId"] = objectiveId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["text"] = Text,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await app.QueryAsync(db => db.EvaluationNarratives.AnyAsync(n => n.Text == Text)));
        Assert.Contains(PeriodText.InvalidMessage, await AccountTestData.TextAsync(await client.GetAsync(response.Headers.Location!)));
    }
}
