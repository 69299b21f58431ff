using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace PeiTracker.Browser.Tests;

[Collection(BrowserCollection.Name)]
public class PlanJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task Administrator_SignsIn_LandsOnTheReviewQueueThenBrowsesThePlanTree()
    {
        var page = await app.SignedInPageAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Registro/Revision$"));
        await Assertions.Expect(page.Locator("[data-testid=administracion]")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Plan", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Plan$"));
        await Assertions.Expect(page.Locator("section.card-oei")).ToHaveCountAsync(11);
        await BrowserFixture.ScreenshotAsync(page, "01-arbol-del-plan");

        var firstIndicator = page.Locator("ul.indicator-list a").First;
        var code = (await firstIndicator.Locator(".code").InnerTextAsync()).Trim();
        await firstIndicator.ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(code);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ficha técnica" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Línea base y logros esperados" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "02-indicador");
    }

    [Fact]
    public async Task WrongPassword_ShowsTheSpanishMessage()
    {
        var context = await app.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/Plan");

        await page.GetByLabel("Correo institucional").FillAsync(BrowserFixture.AdminEmail);
        await page.GetByLabel("Contraseña").FillAsync("equivocada");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();

        await Assertions.Expect(page.Locator(".alert-danger")).ToContainTextAsync("Correo o contraseña incorrectos");
        await BrowserFixture.ScreenshotAsync(page, "00-ingreso-fallido");
    }
}
