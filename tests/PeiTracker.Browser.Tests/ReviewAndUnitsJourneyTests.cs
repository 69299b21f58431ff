using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Data.Seed;

namespace PeiTracker.Browser.Tests;

/// <summary>
/// The planning office filters "Por validar" by age and observes a value with a saved reason; an administrator adds
/// and renames an organic unit and copies a generated password. axe on every page, screenshots at 1280 and 768 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ReviewAndUnitsJourneyTests(BrowserFixture app)
{
    private const string SavedReason = "Falta medio de verificación";

    private readonly List<string> violations = [];

    private async Task CheckAsync(IPage page, string name)
    {
        var result = await page.RunAxe(AccessibilityJourneyTests.Wcag21);
        violations.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{name}: {v.Id} en {string.Join(" | ", v.Nodes.Select(n => n.Html))}"));
        foreach (var width in new[] { 1280, 768 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await BrowserFixture.ScreenshotAsync(page, $"{name}-{width}");
        }

        await page.SetViewportSizeAsync(1366, 900);
    }

    /// <summary>A demo value sent and not yet reviewed, of an indicator no other journey reviews, made ten days old.</summary>
    private async Task<string> OldSentValueAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var value = await db.Values.Include(v => v.Indicator)
            .Where(v => v.Status == ValueStatus.Enviado && v.Year == 2025 && v.Period == PeriodKind.Anual && !v.Indicator!.PublishedCode.StartsWith("IOEI.03"))
            .OrderBy(v => v.Indicator!.Key)
            .FirstAsync();
        value.CreatedAt = DateTimeOffset.UtcNow.AddDays(-10);
        value.UpdatedAt = null;
        await db.SaveChangesAsync();
        return value.Indicator!.PublishedCode;
    }

    [Fact]
    public async Task Planner_FiltersByAgeAndObservesWithASavedReason_AdministratorManagesUnitsAndCopiesAPassword()
    {
        var code = await OldSentValueAsync();

        // The planning office saves a reason it gives often.
        var planner = await app.SignedInPageAsync("demo.planificador@peitracker.local", DemoDataSeeder.DemoPassword);
        await planner.GotoAsync(app.BaseUrl + "/Registro/Revision");
        await planner.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Motivos de observación guardados") }).ClickAsync();
        await planner.GetByLabel("Motivo", new() { Exact = true }).FillAsync(SavedReason);
        await planner.GetByRole(AriaRole.Button, new() { Name = "Guardar motivo" }).ClickAsync();
        await Assertions.Expect(planner.Locator(".alert-success")).ToContainTextAsync($"Motivo guardado: «{SavedReason}».");
        await CheckAsync(planner, "40-motivos-guardados");

        // It filters the queue to the values sent more than a week ago.
        await planner.GotoAsync(app.BaseUrl + "/Registro/Revision");
        await planner.GetByLabel("Enviado hace").SelectOptionAsync(new SelectOptionValue { Label = "Más de 7 días" });
        await planner.GetByRole(AriaRole.Button, new() { Name = "Filtrar" }).ClickAsync();
        var rows = planner.Locator("table.review-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        var row = rows.Filter(new() { HasText = code });
        await Assertions.Expect(row.Locator("[data-testid=age]")).ToHaveTextAsync("hace 10 días");

        // It chooses the saved reason, which fills the box, completes it and observes the value.
        await row.GetByLabel("Motivo guardado").SelectOptionAsync(new SelectOptionValue { Label = SavedReason });
        var box = row.GetByLabel("Motivo de la observación (obligatorio)");
        await Assertions.Expect(box).ToHaveValueAsync(SavedReason);
        await box.PressSequentiallyAsync(": adjunte el informe anual");
        await CheckAsync(planner, "41-por-validar-antiguedad");
        await row.GetByRole(AriaRole.Button, new() { Name = "Observar" }).ClickAsync();
        await Assertions.Expect(planner.Locator(".alert-success")).ToContainTextAsync($"{code} · ");
        await Assertions.Expect(planner.Locator(".alert-success")).ToContainTextAsync("valor observado");
        await Assertions.Expect(planner.GetByLabel("Enviado hace")).ToHaveValueAsync("7");
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(SavedReason + ": adjunte el informe anual",
                await db.Values.Where(v => v.Indicator!.PublishedCode == code && v.Year == 2025 && v.Period == PeriodKind.Anual).Select(v => v.ReviewNote).SingleAsync());
        }

        // The administrator adds an organic unit and renames it.
        var admin = await app.SignedInPageAsync();
        await admin.GotoAsync(app.BaseUrl + "/Administracion");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Unidades orgánicas" }).ClickAsync();
        await admin.GetByLabel("Siglas", new() { Exact = true }).FillAsync("OAA");
        await admin.GetByLabel("Nombre", new() { Exact = true }).FillAsync("Oficina de Asuntos Antárticos");
        await admin.GetByLabel("Motivo (obligatorio)").FillAsync("Creada por el nuevo ROF");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Agregar unidad" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".alert-success")).ToContainTextAsync("Unidad orgánica creada: OAA · Oficina de Asuntos Antárticos");
        await CheckAsync(admin, "42-unidades-organicas");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Editar OAA" }).ClickAsync();
        await admin.GetByLabel("Nombre", new() { Exact = true }).FillAsync("Dirección de Asuntos Antárticos");
        await admin.GetByLabel("Siglas", new() { Exact = true }).FillAsync("DAA");
        await admin.GetByLabel("Motivo del cambio (obligatorio)").FillAsync("Elevada a dirección");
        await CheckAsync(admin, "43-unidad-renombrar");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Guardar nombre" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".alert-success")).ToContainTextAsync("Unidad orgánica renombrada: DAA · Dirección de Asuntos Antárticos");
        var history = admin.Locator("#history tbody");
        await Assertions.Expect(history.Locator("tr", new() { HasText = "Siglas" })).ToContainTextAsync("OAA");
        await Assertions.Expect(history.Locator("tr", new() { HasText = "Siglas" })).ToContainTextAsync("DAA");

        // ...and creates an account with a generated password, which it copies.
        await admin.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = app.BaseUrl });
        await admin.GotoAsync(app.BaseUrl + "/Administracion/Nuevo");
        await admin.GetByLabel("Correo institucional").FillAsync("consulta.copia@browser.local");
        await admin.GetByLabel("Nombre completo").FillAsync("Consulta de la copia");
        await admin.SelectOptionAsync("#Input_Role", "Consulta");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Crear usuario" }).ClickAsync();
        var password = (await admin.Locator("code.initial-password").InnerTextAsync()).Trim();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Copiar" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".copy-result")).ToHaveTextAsync("Copiado");
        Assert.Equal(password, await admin.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await CheckAsync(admin, "44-contrasena-copiada");

        // The progress rules: every choice reads in full, at either width.
        await admin.GotoAsync(app.BaseUrl + "/Administracion/Configuracion");
        await Assertions.Expect(admin.Locator("main select")).ToHaveCountAsync(0);
        await Assertions.Expect(admin.GetByLabel("Según el tipo de agregación", new() { Exact = false })).ToBeCheckedAsync();
        await CheckAsync(admin, "45-reglas-de-avance");

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.True(app.ErrorsOf(planner).Count == 0, string.Join(Environment.NewLine, app.ErrorsOf(planner)));
        Assert.True(app.ErrorsOf(admin).Count == 0, string.Join(Environment.NewLine, app.ErrorsOf(admin)));
    }
}
