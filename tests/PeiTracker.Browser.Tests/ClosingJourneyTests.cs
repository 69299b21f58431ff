using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace PeiTracker.Browser.Tests;

/// <summary>The planning office closes a period that still has open values, and nothing is left stuck.</summary>
[Collection(BrowserCollection.Name)]
public class ClosingJourneyTests(BrowserFixture app)
{
    /// <summary>A period's row of Registro › Periodos y plazos.</summary>
    internal static ILocator PeriodRow(IPage page, string label) =>
        page.Locator("table.periods-table tbody tr", new() { Has = page.Locator("th", new() { HasTextRegex = new Regex("^" + Regex.Escape(label) + "$") }) });

    [Fact]
    public async Task Planner_ClosesAPeriodWithPendingValues_ThroughTheConfirmationAndReopensIt()
    {
        var page = await app.SignedInPageAsync();
        await page.GotoAsync(app.BaseUrl + "/Registro/Periodos");

        await PeriodRow(page, "I semestre 2026").GetByRole(AriaRole.Link, new() { Name = "Cerrar periodo…" }).ClickAsync();

        // The demo's IOEI.03.03 was sent for the I semestre 2026 and not validated.
        var confirmation = page.Locator("[data-testid=confirmar-cierre]");
        await Assertions.Expect(confirmation.Locator("h2")).ToHaveTextAsync("¿Cerrar I semestre 2026?");
        await Assertions.Expect(confirmation.Locator("tr", new() { Has = page.Locator("td.code", new() { HasTextString = "IOEI.03.03" }) }))
            .ToContainTextAsync("Enviado, pendiente de validación → no presentado");
        await BrowserFixture.ScreenshotAsync(page, "30-cerrar-periodo-confirmacion");
        await page.GetByLabel("Nota de cierre (opcional, hasta 1000 caracteres)").FillAsync("Consolidado para el reporte semestral");
        await confirmation.GetByRole(AriaRole.Button, new() { Name = "Cerrar I semestre 2026" }).ClickAsync();

        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("quedan como «no presentado»");
        await Assertions.Expect(PeriodRow(page, "I semestre 2026")).ToContainTextAsync("Cerrado por");

        await page.GotoAsync(app.BaseUrl + "/Registro?anio=2026&periodo=S1");
        var row = page.Locator("table.entry-table tbody tr", new() { Has = page.Locator("td.code", new() { HasTextString = "IOEI.03.03" }) });
        await Assertions.Expect(row.Locator("td.not-presented")).ToHaveTextAsync("No presentado (periodo cerrado; estaba enviado)");
        await Assertions.Expect(row.GetByRole(AriaRole.Link)).ToHaveTextAsync("Ver");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("No presentado (periodo cerrado)");
        await Assertions.Expect(page.Locator("input[name=Valor]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=valor-leido]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "31-valor-no-presentado");

        await page.GotoAsync(app.BaseUrl + "/Registro/Periodos");
        await PeriodRow(page, "I semestre 2026").GetByPlaceholder("Motivo (obligatorio)").FillAsync("Validar lo pendiente antes del reporte");
        await PeriodRow(page, "I semestre 2026").GetByRole(AriaRole.Button, new() { Name = "Reabrir" }).ClickAsync();

        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("reabierto");
        await page.GotoAsync(app.BaseUrl + "/Registro?anio=2026&periodo=S1");
        await Assertions.Expect(row.Locator("td").Nth(5)).ToHaveTextAsync("Enviado");
        Assert.Empty(app.ErrorsOf(page));
    }
}
