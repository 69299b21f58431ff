using Microsoft.Playwright;
using PeiTracker.Web.Data.Seed;

namespace PeiTracker.Browser.Tests;

/// <summary>A director reads the first semester of 2026 with the demo data, on screen and printed.</summary>
[Collection(BrowserCollection.Name)]
public class PeriodsJourneyTests(BrowserFixture app)
{
    private async Task<IPage> DirectorAt1280Async()
    {
        var page = await app.SignedInPageAsync("demo.consulta@peitracker.local", DemoDataSeeder.DemoPassword);
        await page.SetViewportSizeAsync(1280, 900);
        return page;
    }

    /// <summary>What the screen shows (the whole dashboard is fourteen screens long).</summary>
    private static Task ViewportAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png") });

    private static ILocator Row(IPage page, string code) =>
        page.Locator("table.indicator-table tbody tr", new() { Has = page.Locator("a.code", new() { HasTextString = code }) });

    [Fact]
    public async Task Director_FirstSemester_SeesSinDatoCoverageAndTheSemesterExpectation()
    {
        var page = await DirectorAt1280Async();

        await page.GotoAsync(app.BaseUrl + "/Tablero?anio=2026&periodo=S1");

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("I semestre 2026");
        await Assertions.Expect(page.Locator("[data-testid=avance-plan] ~ div [data-testid=cobertura]")).ToContainTextAsync("de 22 indicadores con avance");
        // IOEI.03.02: annual logro esperado 53 and no value; IOEI.03.03: the unit sent 4, not yet validated.
        await Assertions.Expect(Row(page, "IOEI.03.02")).ToContainTextAsync("Sin dato");
        await Assertions.Expect(Row(page, "IOEI.03.03")).ToContainTextAsync("Sin dato (pendiente de validación)");
        // IOEI.01.01 (agregable, 10 a year): the I semestre is judged against 5.
        await Assertions.Expect(Row(page, "IOEI.01.01")).ToContainTextAsync("½ del anual (agregable)");
        await Assertions.Expect(Row(page, "IOEI.01.01")).ToContainTextAsync("60.0 %");
        await Assertions.Expect(page.Locator(".demo-watermark")).ToHaveAttributeAsync("data-mark", "DEMO");
        Assert.Equal("DEMO", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.demo-watermark'), '::before').content.replaceAll('\"', '')"));
        await ViewportAsync(page, "20-tablero-i-semestre-2026");

        await page.Locator("[data-testid=avance-plan] ~ div details summary").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=avance-plan] ~ div details .excluded")).ToContainTextAsync("IOEI.03.02");
        await page.Locator("#card-OEI\\.01").ScrollIntoViewIfNeededAsync();
        await ViewportAsync(page, "21-tablero-i-semestre-2026-fuera-del-promedio");
        await page.Locator("#riesgo").ScrollIntoViewIfNeededAsync();
        await ViewportAsync(page, "22-tablero-i-semestre-2026-riesgo-y-pendientes");
        await Row(page, "IOEI.03.03").ScrollIntoViewIfNeededAsync();
        await page.EvaluateAsync("() => window.scrollBy(0, 300)");
        await ViewportAsync(page, "23-tablero-i-semestre-2026-indicadores");
        Assert.Empty(app.ErrorsOf(page));
    }

    [Fact]
    public async Task PrintedDashboard_WhileDemoValuesExist_KeepsTheBannerAndTheWatermark()
    {
        var page = await DirectorAt1280Async();
        await page.GotoAsync(app.BaseUrl + "/Tablero?anio=2026&periodo=S1");

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await Assertions.Expect(page.Locator(".demo-banner")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".demo-watermark")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("nav.navbar")).ToBeHiddenAsync();
        var pdf = await page.PdfAsync(new() { Format = "A4" });
        Assert.True(pdf.Length > 1000);
        await ViewportAsync(page, "24-tablero-i-semestre-2026-impreso");
    }

    [Fact]
    public async Task Indicator_FlatCount_ProjectionInPlainWordsAndWhyItDiffersFromItsGreenYear()
    {
        var page = await DirectorAt1280Async();
        await page.GotoAsync(app.BaseUrl + "/Tablero?anio=2025&periodo=A");
        await Row(page, "IOEI.03.03").Locator("a.code").ClickAsync();

        // 3 in 2023 and 3 in 2025 against a 2030 target of 5: green in 2025, at risk by 2030.
        await Assertions.Expect(page.Locator("[data-testid=proyeccion]")).ToContainTextAsync("Al ritmo actual llegaría a 3 en 2030; la meta es 5");
        await Assertions.Expect(page.Locator("[data-testid=por-que]")).ToContainTextAsync("y ahí cumple");
        await Assertions.Expect(page.Locator("section[aria-labelledby=avance]")).ToContainTextAsync("estimación de PeiTracker");
        await page.Locator("[data-testid=proyeccion]").ScrollIntoViewIfNeededAsync();
        await ViewportAsync(page, "25-indicador-ioei-03-03-proyeccion");
    }

    [Fact]
    public async Task Planner_EditsTwoAnalysesAndSavesOne_TheOtherStaysAsTyped()
    {
        var page = await app.SignedInPageAsync();
        await page.GotoAsync(app.BaseUrl + "/Reportes/Informe?anio=2025&periodo=A");
        var first = page.Locator("#oei-OEI\\.02");
        var second = page.Locator("#oei-OEI\\.04");

        await first.Locator("textarea").FillAsync("Análisis del OEI.02 escrito en el navegador.");
        await second.Locator("textarea").FillAsync("Análisis del OEI.04 aún sin guardar.");
        await first.GetByRole(AriaRole.Button, new() { Name = "Guardar análisis" }).ClickAsync();

        await Assertions.Expect(first.Locator(".narrative-result")).ToHaveTextAsync("Análisis del OEI.02 guardado.");
        await Assertions.Expect(first.Locator("p.narrative")).ToHaveTextAsync("Análisis del OEI.02 escrito en el navegador.");
        await Assertions.Expect(second.Locator("textarea")).ToHaveValueAsync("Análisis del OEI.04 aún sin guardar.");
        await first.Locator("textarea").FillAsync("Análisis del OEI.02, segunda versión.");
        await first.GetByRole(AriaRole.Button, new() { Name = "Guardar análisis" }).ClickAsync();
        await Assertions.Expect(first.Locator("p.narrative")).ToHaveTextAsync("Análisis del OEI.02, segunda versión.");

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#oei-OEI\\.02 p.narrative")).ToHaveTextAsync("Análisis del OEI.02, segunda versión.");
        Assert.Empty(app.ErrorsOf(page));
    }
}
