using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PeiTracker.Domain;
using PeiTracker.Web.Data;

namespace PeiTracker.Browser.Tests;

/// <summary>
/// A percentage collected by reporting point, in Chromium: the planning office marks the indicator on its formula page,
/// three consulates' figures are entered through the form and sent, the unit accepts them, and the indicator page shows
/// the value of the sums (108 / 120 × 100 = 90), its explanation, the breakdown table and the chart.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PointsJourneyTests(BrowserFixture app)
{
    private static readonly (string Code, string A, string B)[] Consulates = [("CG-MIAMI", "36", "40"), ("CG-MADRID", "50", "60"), ("CG-TOKIO", "22", "20")];

    /// <summary>A percentage of the plan whose 2025 value is not with the OGPP (the demo data send or validate some).</summary>
    private async Task<int> PercentageIndicatorAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Indicators
            .Where(i => i.Unit == UnitOfMeasure.Porcentaje && i.Targets.Any(t => t.Year == 2025) && !i.CollectedByPoint
                && !i.Values.Any(v => v.Year == 2025 && v.Period == PeriodKind.Anual))
            .OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
    }

    [Fact]
    public async Task ThreeConsulates_EnteredThroughTheForm_GiveTheValueOfTheSumsWithItsBreakdownAndChart()
    {
        var id = await PercentageIndicatorAsync();
        var page = await app.SignedInPageAsync();

        await page.GotoAsync(app.BaseUrl + $"/Plan/Indicador/{id}/Formula");
        await page.GetByLabel("Se registra por punto de registro").CheckAsync();
        await page.Locator("#Input_Reason").FillAsync("Lo registran los consulados");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar fórmula" }).ClickAsync();

        foreach (var (code, a, b) in Consulates)
        {
            await page.GotoAsync(app.BaseUrl + $"/Registro/Punto/{id}?anio=2025&periodo=A");
            await page.GetByRole(AriaRole.Link, new() { Name = code + " ·", Exact = false }).ClickAsync();
            await page.Locator("#variable-A").FillAsync(a);
            await page.Locator("#variable-B").FillAsync(b);
            await page.GetByRole(AriaRole.Button, new() { Name = "Enviar a la unidad responsable" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=estado-punto]")).ToHaveTextAsync("Enviado a la unidad");
        }

        await page.GotoAsync(app.BaseUrl + $"/Registro/Puntos/{id}?anio=2025&periodo=A");
        await BrowserFixture.ScreenshotAsync(page, "60-revision-puntos");
        foreach (var (code, _, _) in Consulates)
        {
            var row = page.Locator("[data-testid=revision-puntos] tbody tr", new() { HasText = code });
            await row.GetByRole(AriaRole.Button, new() { Name = "Aceptar" }).ClickAsync();
            await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync(code + ": cifras aceptadas");
        }

        await page.GotoAsync(app.BaseUrl + $"/Plan/Indicador/{id}?anio=2025&periodo=A");
        var breakdown = page.Locator("[data-testid=desglose]");
        await Assertions.Expect(breakdown.Locator("[data-testid=desglose-total]")).ToContainTextAsync("A / B × 100 = 108 / 120 × 100 = 90");
        await Assertions.Expect(breakdown.Locator("[data-testid=desglose-puntos] tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(breakdown.Locator("[data-testid=desglose-puntos] tbody tr", new() { HasText = "CG-TOKIO" })).ToContainTextAsync("Asia · Japón");
        await Assertions.Expect(breakdown.Locator("[data-testid=desglose-grafico] rect.bar-accepted")).ToHaveCountAsync(3);
        Assert.Equal("90", await breakdown.Locator("[data-testid=desglose-grafico] line").GetAttributeAsync("data-value"));
        var bar = await breakdown.Locator("[data-testid=desglose-grafico] rect[data-point=CG-TOKIO]").BoundingBoxAsync();
        var shorter = await breakdown.Locator("[data-testid=desglose-grafico] rect[data-point=CG-MADRID]").BoundingBoxAsync();
        Assert.True(bar!.Width > shorter!.Width, "La barra de Tokio (110) debe ser más larga que la de Madrid (83.3).");
        await breakdown.ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "61-desglose-por-punto");
        Assert.Empty(app.ErrorsOf(page));
    }
}
