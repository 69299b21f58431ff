using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PeiTracker.Web.Data.Seed;

namespace PeiTracker.Browser.Tests;

/// <summary>A director (Consulta) reads the dashboard, changes the year, filters by unit and drills down to an indicator.</summary>
[Collection(BrowserCollection.Name)]
public class DirectorJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task Director_ReadsTheDashboard_FiltersAndDrillsDownToAnIndicatorChart()
    {
        var page = await app.SignedInPageAsync("demo.consulta@peitracker.local", DemoDataSeeder.DemoPassword);

        await page.GetByRole(AriaRole.Link, new() { Name = "Tablero", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Tablero");
        await Assertions.Expect(page.Locator(".demo-banner")).ToContainTextAsync("DEMO");
        await Assertions.Expect(page.Locator("[data-testid=avance-plan]")).ToContainTextAsync("%");
        await BrowserFixture.ScreenshotAsync(page, "10-tablero");

        await page.SelectOptionAsync("#anio", "2025");
        await page.SelectOptionAsync("#periodo", "A");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aplicar" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("anio=2025"));
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Año 2025");

        var unitOption = await page.Locator("#unidad option", new() { HasText = "Dirección General de América" }).First.GetAttributeAsync("value");
        await page.SelectOptionAsync("#unidad", unitOption!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aplicar" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"unidad={unitOption}"));
        await Assertions.Expect(page.Locator(".kpi-label").Nth(1)).ToContainTextAsync("según los filtros");
        await BrowserFixture.ScreenshotAsync(page, "11-tablero-filtrado-por-unidad");

        var indicatorLink = page.Locator("table.indicator-table tbody tr", new() { Has = page.Locator(".st-verde, .st-amarillo, .st-rojo") }).Locator("a").First;
        var code = (await indicatorLink.InnerTextAsync()).Trim();
        await indicatorLink.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(code);
        await Assertions.Expect(page.Locator("#indicator-chart")).ToBeVisibleAsync();
        var chartDrawn = await page.EvaluateAsync<bool>("() => { const c = document.getElementById('indicator-chart'); return c.width > 0 && typeof Chart !== 'undefined' && !!Chart.getChart(c); }");
        Assert.True(chartDrawn, "Chart.js did not draw the indicator chart: " + string.Join("; ", app.ErrorsOf(page)));
        await page.Locator("details.how > summary").ClickAsync();
        await Assertions.Expect(page.Locator("details.how")).ToContainTextAsync("Avance Tipo I");
        await BrowserFixture.ScreenshotAsync(page, "12-indicador-con-grafico");
        Assert.Empty(app.ErrorsOf(page));
    }

    [Fact]
    public async Task Dashboard_KeyboardOnly_ReachesTheFiltersAndAppliesThem()
    {
        var page = await app.SignedInPageAsync("demo.consulta@peitracker.local", DemoDataSeeder.DemoPassword);
        await page.GotoAsync(app.BaseUrl + "/Tablero");

        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator(".skip-link")).ToBeFocusedAsync();
        await page.Locator("#semaforo").FocusAsync();
        await page.SelectOptionAsync("#semaforo", "Rojo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aplicar" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("semaforo=Rojo"));
    }
}
