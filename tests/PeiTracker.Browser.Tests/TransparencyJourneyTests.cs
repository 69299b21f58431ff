using System.Security.Cryptography;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PeiTracker.Web.Data;
using PeiTracker.Web.Data.Seed;

namespace PeiTracker.Browser.Tests;

/// <summary>
/// CEPLAN's cycle end to end: the planning office closes a period, writes its Informe, its head approves it, it is
/// published, and a visitor without an account (and without JavaScript) finds it on /Transparencia and downloads a
/// file whose SHA-256 is the one printed next to it.
/// </summary>
[Collection(BrowserCollection.Name)]
public class TransparencyJourneyTests(BrowserFixture app)
{
    private const string PlannerEmail = "demo.planificador@peitracker.local";

    private static async Task SaveSectionAsync(IPage page, string section, string label, string text)
    {
        var form = page.Locator($"#seccion-{section} form.narrative-form");
        await form.GetByLabel($"Editar: {label}").FillAsync(text);
        await form.GetByRole(AriaRole.Button, new() { Name = $"Guardar {label}" }).ClickAsync();
        await Assertions.Expect(form.Locator(".narrative-result")).ToHaveTextAsync($"{char.ToUpperInvariant(label[0])}{label[1..]} guardado.");
    }

    [Fact]
    public async Task ClosedEvaluatedApprovedPublished_AnonymousVisitorSeesItAndTheDownloadMatchesItsSha256()
    {
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var plannerId = await db.Users.Where(u => u.Email == PlannerEmail).Select(u => u.Id).SingleAsync();
            var admin = await app.SignedInPageAsync();
            await admin.GotoAsync(app.BaseUrl + $"/Administracion/Editar/{plannerId}");
            await admin.GetByLabel("Jefatura de la OGPP: aprueba el informe de evaluación (solo rol Planificador)").CheckAsync();
            await admin.GetByRole(AriaRole.Button, new() { Name = "Guardar cambios" }).ClickAsync();
            await Assertions.Expect(admin.Locator(".alert-success")).ToContainTextAsync("Se guardaron 1 cambio(s)");
        }

        var page = await app.SignedInPageAsync(PlannerEmail, DemoDataSeeder.DemoPassword);
        await page.GotoAsync(app.BaseUrl + "/Registro/Periodos");
        await ClosingJourneyTests.PeriodRow(page, "II semestre 2025").GetByRole(AriaRole.Link, new() { Name = "Cerrar periodo…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cerrar II semestre 2025" }).ClickAsync();
        await Assertions.Expect(ClosingJourneyTests.PeriodRow(page, "II semestre 2025")).ToContainTextAsync("Cerrado por");

        await page.GotoAsync(app.BaseUrl + "/Reportes/Informe?anio=2025&periodo=S2");
        await SaveSectionAsync(page, "ResumenEjecutivo", "resumen ejecutivo", "En el II semestre 2025 el PEI avanzó según lo previsto en sus objetivos prioritarios.");
        await SaveSectionAsync(page, "Conclusiones", "conclusiones", "Los objetivos prioritarios avanzan; dos indicadores requieren atención.");
        await SaveSectionAsync(page, "Recomendaciones", "recomendaciones", "Que la DGA acelere el registro de sus valores.");
        var commitment = page.Locator("form.commitment-form");
        await commitment.GetByLabel("Recomendación del informe").FillAsync("Que la DGA acelere el registro de sus valores.");
        await commitment.GetByLabel("Compromiso (acción a realizar)").FillAsync("Registrar los valores del semestre antes del cierre");
        await commitment.GetByLabel("Plazo").FillAsync("2026-06-30");
        await commitment.GetByRole(AriaRole.Button, new() { Name = "Agregar compromiso" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.commitments-table")).ToContainTextAsync("Registrar los valores del semestre antes del cierre");

        await page.GetByRole(AriaRole.Button, new() { Name = "Aprobar el informe" }).ClickAsync();
        await Assertions.Expect(page.Locator(".approval-record")).ToContainTextAsync("Oficina General de Planeamiento y Presupuesto (OGPP)");
        await Assertions.Expect(page.Locator("form.narrative-form")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "60-informe-aprobado");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publicar en Transparencia" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("publicada en Transparencia");

        // A visitor without an account and without JavaScript.
        var visitor = await (await app.Browser.NewContextAsync(new() { JavaScriptEnabled = false, AcceptDownloads = true })).NewPageAsync();
        await visitor.GotoAsync(app.BaseUrl + "/Cuenta/Ingresar");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Portal de transparencia" }).ClickAsync();
        await visitor.GetByRole(AriaRole.Link, new() { Name = "II semestre 2025" }).First.ClickAsync();
        await Assertions.Expect(visitor.Locator("[data-testid=publicacion]")).ToContainTextAsync("Oficina General de Planeamiento y Presupuesto (OGPP)");
        var row = visitor.Locator("table.public-files tbody tr").First;
        var shown = await row.Locator("code.sha256").TextContentAsync();
        var download = await visitor.RunAndWaitForDownloadAsync(() => row.GetByRole(AriaRole.Link).ClickAsync());
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(shown, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        await Assertions.Expect(visitor.Locator("table.public-figures tbody tr")).Not.ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(visitor, "61-transparencia-periodo");

        var checker = await (await app.Browser.NewContextAsync()).NewPageAsync();
        await checker.GotoAsync(visitor.Url);
        var violations = (await checker.RunAxe(AccessibilityJourneyTests.Wcag21)).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id);
        Assert.Empty(violations);

        // Leave the period as other journeys expect it: the Informe and the period reopened, with their reasons.
        await page.GotoAsync(app.BaseUrl + "/Reportes/Informe?anio=2025&periodo=S2");
        await page.GetByLabel("Motivo de la reapertura").FillAsync("Corrección de cifras de la DGA");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reabrir el informe" }).ClickAsync();
        await Assertions.Expect(page.Locator(".approval-record")).ToContainTextAsync("Corrección de cifras de la DGA");
        await page.GotoAsync(app.BaseUrl + "/Registro/Periodos");
        await ClosingJourneyTests.PeriodRow(page, "II semestre 2025").GetByPlaceholder("Motivo (obligatorio)").FillAsync("Corrección de cifras de la DGA");
        await ClosingJourneyTests.PeriodRow(page, "II semestre 2025").GetByRole(AriaRole.Button, new() { Name = "Reabrir" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("reabierto");
        Assert.Empty(app.ErrorsOf(page));
    }
}
