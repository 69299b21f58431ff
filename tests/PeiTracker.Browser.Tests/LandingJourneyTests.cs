using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PeiTracker.Web.Data;
using PeiTracker.Web.Data.Seed;

namespace PeiTracker.Browser.Tests;

/// <summary>Each demo person signs in and lands on their daily page, readable at desktop and tablet widths.</summary>
[Collection(BrowserCollection.Name)]
public class LandingJourneyTests(BrowserFixture app)
{
    [Theory]
    [InlineData(Roles.Consulta, "/Tablero", "Tablero")]
    [InlineData(Roles.Registrador, "/Registro", "Mis pendientes")]
    [InlineData(Roles.Planificador, "/Registro/Revision", "Por validar")]
    [InlineData(Roles.Administrador, "/Registro/Revision", "Por validar")]
    public async Task SignIn_DemoPersonOfTheRole_LandsOnTheirDailyPage(string role, string landing, string heading)
    {
        var page = await app.SignedInPageAsync($"demo.{role.ToLowerInvariant()}@peitracker.local", DemoDataSeeder.DemoPassword);

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(landing) + "$"));
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(heading);
        await page.SetViewportSizeAsync(1280, 900);
        await BrowserFixture.ScreenshotAsync(page, $"30-inicio-{role.ToLowerInvariant()}-1280");
        await page.SetViewportSizeAsync(768, 1024);
        await BrowserFixture.ScreenshotAsync(page, $"31-inicio-{role.ToLowerInvariant()}-768");
        Assert.Empty(app.ErrorsOf(page));
    }
}
