using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Data.Seed;

namespace PeiTracker.Browser.Tests;

/// <summary>
/// The demo Registrador of the DGA enters IOEI.03.02 for the I semestre 2026 (logro esperado 53): a comma is refused
/// once, 95.5 reads as 180 % of the target with a warning, sending asks first, and a sent value can be withdrawn.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ValueFormJourneyTests(BrowserFixture app)
{
    private const string Code = "IOEI.03.02";

    [Fact]
    public async Task Registrador_TypesSendsAndWithdraws_OneErrorPerFieldUncappedAvanceAndConfirmation()
    {
        int indicatorId;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            indicatorId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Indicators.Where(i => i.PublishedCode == Code).Select(i => i.Id).SingleAsync();
        }

        var page = await app.SignedInPageAsync("demo.registrador@peitracker.local", DemoDataSeeder.DemoPassword);
        try
        {
            var answers = new Queue<bool>([false, true]);
            var dialogs = new List<string>();
            page.Dialog += async (_, dialog) =>
            {
                dialogs.Add(dialog.Message);
                await (answers.Dequeue() ? dialog.AcceptAsync() : dialog.DismissAsync());
            };
            await page.GotoAsync(app.BaseUrl + $"/Registro/Valor/{indicatorId}?anio=2026&periodo=S1");

            await page.Locator("#Valor").FillAsync("95,5");
            await page.GetByRole(AriaRole.Button, new() { Name = "Guardar borrador" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-valmsg-for=Valor]")).ToContainTextAsync("punto como separador decimal");
            await Assertions.Expect(page.GetByText(new Regex("punto como separador decimal"))).ToHaveCountAsync(1);

            await page.Locator("#Valor").FillAsync("95.5");
            await Assertions.Expect(page.Locator("#preview")).ToContainTextAsync("avance 100.0 % (180.2 % del logro esperado, sin tope)");
            await Assertions.Expect(page.Locator("[data-testid=aviso-valor]")).ToContainTextAsync("equivale al 180.2 % del logro esperado");
            await Assertions.Expect(page.Locator("[data-valmsg-for=Valor]")).ToBeEmptyAsync();
            await page.SetViewportSizeAsync(1280, 900);
            await BrowserFixture.ScreenshotAsync(page, "40-valor-180-por-ciento-1280");
            await page.SetViewportSizeAsync(768, 1024);
            await BrowserFixture.ScreenshotAsync(page, "41-valor-180-por-ciento-768");

            var send = page.GetByRole(AriaRole.Button, new() { Name = "Enviar a la OGPP" });
            await send.ClickAsync();
            await Assertions.Expect(page.Locator("#Valor")).ToBeVisibleAsync();
            await send.ClickAsync();
            await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("valor de I semestre 2026 enviado a la OGPP");
            Assert.Equal(2, dialogs.Count);
            Assert.StartsWith($"¿Enviar a la OGPP el valor de {Code} (I semestre 2026)?", dialogs[0]);

            await page.GotoAsync(app.BaseUrl + $"/Registro/Valor/{indicatorId}?anio=2026&periodo=S1");
            await Assertions.Expect(page.Locator("[data-testid=valor-leido]")).ToContainTextAsync("180.2 % del logro esperado, sin tope");
            await Assertions.Expect(page.Locator("input[type=file]")).ToHaveCountAsync(0);
            await BrowserFixture.ScreenshotAsync(page, "42-valor-enviado-solo-lectura-768");
            await page.GetByRole(AriaRole.Button, new() { Name = "Retirar el envío para corregirlo" }).ClickAsync();
            await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("retirado");
            await Assertions.Expect(page.Locator("#Valor")).ToHaveValueAsync("95.5");
            Assert.Empty(app.ErrorsOf(page));
        }
        finally
        {
            // Other journeys read IOEI.03.02 without a value in this period (the demo data).
            await using var scope = app.Factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Values
                .Where(v => v.IndicatorId == indicatorId && v.Year == 2026 && v.Period == PeriodKind.PrimerSemestre).ExecuteDeleteAsync();
        }
    }
}
