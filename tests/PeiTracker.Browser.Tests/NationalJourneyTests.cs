using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PeiTracker.Web.Data.Seed;
using PeiTracker.Web.Synthetic;

namespace PeiTracker.Browser.Tests;

/// <summary>A director follows many entities at once: national view, one sector, then one entity's dashboard.</summary>
[Collection(BrowserCollection.Name)]
public class NationalJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task Director_OpensTheNationalView_FiltersASectorAndDrillsDownToAnEntity()
    {
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SyntheticPlans>().LoadAsync(40);
        }

        var page = await app.SignedInPageAsync("demo.consulta@peitracker.local", DemoDataSeeder.DemoPassword);
        await page.GotoAsync(app.BaseUrl + "/Tablero?anio=2025&periodo=A");
        await page.GetByRole(AriaRole.Link, new() { Name = "Vista nacional (todas las entidades)" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Vista nacional · Año 2025");
        await Assertions.Expect(page.Locator("[data-testid=sectores]")).ToContainTextAsync("Gobiernos Regionales");
        await Assertions.Expect(page.Locator("[data-testid=sectores]")).ToContainTextAsync("Relaciones Exteriores");
        await BrowserFixture.ScreenshotAsync(page, "40-vista-nacional");

        await page.SelectOptionAsync("#sector", "Gobiernos Regionales");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aplicar" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sector=Gobiernos"));
        var entity = page.Locator("details[open] tbody tr a").First;
        var name = (await entity.InnerTextAsync()).Trim();
        Assert.StartsWith("Gobierno Regional de", name);
        await BrowserFixture.ScreenshotAsync(page, "41-vista-nacional-un-sector");

        await entity.ClickAsync();
        await Assertions.Expect(page.Locator(".page-header")).ToContainTextAsync(name);
        await Assertions.Expect(page.Locator("[data-testid=avance-plan]")).ToContainTextAsync("%");
        await BrowserFixture.ScreenshotAsync(page, "42-tablero-entidad-sintetica");
        Assert.Empty(app.ErrorsOf(page));
    }
}
