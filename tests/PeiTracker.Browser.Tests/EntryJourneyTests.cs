using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PeiTracker.Web.Data;
using PeiTracker.Web.Data.Seed;

namespace PeiTracker.Browser.Tests;

/// <summary>
/// The value-entry journey, in Chromium: an administrator creates a Registrador for the Dirección General de
/// América; that person sends a value with evidence and is refused another unit's indicator; the
/// planning office observes it, the unit corrects it, the planning office validates it; the dashboard
/// and the audit page show it.
/// </summary>
[Collection(BrowserCollection.Name)]
public class EntryJourneyTests(BrowserFixture app)
{
    private const string Code = "IOEI.03.02";

    // Typed by the administrator (the form can also generate one and show it once).
    private const string Email = "registrador.dga@browser.local";
    private const string Password = "Registro2025dga";

    [Fact]
    public async Task Registrador_SendsObservedCorrectedAndValidatedValue_VisibleOnDashboardAndAudit()
    {
        // The administrator creates the Registrador of the DGA.
        var admin = await app.SignedInPageAsync();
        await admin.GotoAsync(app.BaseUrl + "/Administracion/Nuevo");
        await admin.GetByLabel("Correo institucional").FillAsync(Email);
        await admin.GetByLabel("Nombre completo").FillAsync("Ana Registradora (DGA)");
        await admin.SelectOptionAsync("#Input_Role", "Registrador");
        await admin.GetByLabel("Dirección General de América", new() { Exact = false }).First.CheckAsync();
        await admin.Locator("#Input_GeneratePassword").UncheckAsync();
        await admin.Locator("#Input_Password").FillAsync(Password);
        await admin.Locator("#Input_PasswordConfirmation").FillAsync(Password);
        if (await admin.Locator("#Input_MustChangePassword").IsCheckedAsync())
        {
            await admin.Locator("#Input_MustChangePassword").UncheckAsync();
        }

        await admin.GetByRole(AriaRole.Button, new() { Name = "Crear usuario" }).ClickAsync();
        await Assertions.Expect(admin.Locator("main")).ToContainTextAsync(Email);
        await BrowserFixture.ScreenshotAsync(admin, "30-usuario-creado");

        // The Registrador enters the second-semester 2025 value of a DGA indicator, with evidence, and sends it.
        var unit = await app.SignedInPageAsync(Email, Password);
        var confirmations = new List<string>();
        unit.Dialog += async (_, dialog) =>
        {
            confirmations.Add(dialog.Message);
            await dialog.AcceptAsync();
        };
        await unit.GotoAsync(app.BaseUrl + "/Registro?anio=2025&periodo=S2");
        var row = unit.Locator("table.entry-table tbody tr", new() { HasText = Code });
        await row.GetByRole(AriaRole.Link, new() { Name = "Registrar" }).ClickAsync();
        await unit.Locator("#Valor").FillAsync("95,5");
        await Assertions.Expect(unit.Locator("#preview")).ToContainTextAsync("punto como separador decimal");
        await unit.Locator("#Valor").FillAsync("52.5");
        await Assertions.Expect(unit.Locator("#preview")).ToContainTextAsync("Verde");
        await unit.Locator("#MedioVerificacion").FillAsync("Informe semestral de la DGA");
        await unit.Locator("#Evidencias").SetInputFilesAsync(new FilePayload { Name = "informe.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes("%PDF-1.7\n%%EOF") });
        await BrowserFixture.ScreenshotAsync(unit, "31-registro-de-valor");
        await unit.GetByRole(AriaRole.Button, new() { Name = "Enviar a la OGPP" }).ClickAsync();
        await Assertions.Expect(unit.Locator(".alert-success")).ToContainTextAsync("enviado a la OGPP");
        Assert.StartsWith($"¿Enviar a la OGPP el valor de {Code} (II semestre 2025)?", Assert.Single(confirmations));

        // Another unit's indicator is refused, saying it is the unit's, not the role's.
        int otherId;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            otherId = await db.Indicators.Where(i => i.ResponsibleUnits.All(u => u.Unit!.Acronym != "DGA")).Select(i => i.Id).FirstAsync();
        }

        await unit.GotoAsync(app.BaseUrl + $"/Registro/Valor/{otherId}?anio=2025&periodo=S2");
        await Assertions.Expect(unit.Locator("[data-testid=otra-unidad]")).ToContainTextAsync("Este indicador pertenece a");

        // The planning office observes it, with a reason.
        var planner = await app.SignedInPageAsync("demo.planificador@peitracker.local", DemoDataSeeder.DemoPassword);
        await planner.GotoAsync(app.BaseUrl + "/Registro/Revision");
        var pending = planner.Locator("table.review-table tbody tr", new() { HasText = Code });
        await pending.Locator("textarea[name=reason]").FillAsync("Adjunte el acta firmada del comité");
        await pending.GetByRole(AriaRole.Button, new() { Name = "Observar" }).ClickAsync();
        await Assertions.Expect(planner.Locator(".alert-success")).ToContainTextAsync("observado");

        // The unit sees the observation, corrects and sends again.
        await unit.GotoAsync(app.BaseUrl + "/Registro?anio=2025&periodo=S2");
        await Assertions.Expect(unit.Locator(".alert-warning")).ToContainTextAsync("Adjunte el acta firmada del comité");
        await unit.Locator(".alert-warning a", new() { HasText = Code }).ClickAsync();
        await unit.Locator("#Valor").FillAsync("51");
        await unit.Locator("#Evidencias").SetInputFilesAsync(new FilePayload { Name = "acta.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes("%PDF-1.7\nacta\n%%EOF") });
        await unit.GetByRole(AriaRole.Button, new() { Name = "Enviar a la OGPP" }).ClickAsync();
        await Assertions.Expect(unit.Locator(".alert-success")).ToContainTextAsync("enviado a la OGPP");

        // The dashboard does not count it yet (validated values only)...
        var director = await app.SignedInPageAsync("demo.consulta@peitracker.local", DemoDataSeeder.DemoPassword);
        await director.GotoAsync(app.BaseUrl + "/Tablero?anio=2025&periodo=S2");
        var before = await director.Locator("[data-testid=avance-plan]").InnerTextAsync();

        // ...until the planning office validates it.
        await planner.GotoAsync(app.BaseUrl + "/Registro/Revision");
        await planner.Locator("table.review-table tbody tr", new() { HasText = Code }).GetByRole(AriaRole.Button, new() { Name = "Validar" }).ClickAsync();
        await Assertions.Expect(planner.Locator(".alert-success")).ToContainTextAsync("validado");

        await director.ReloadAsync();
        var after = await director.Locator("[data-testid=avance-plan]").InnerTextAsync();
        Assert.NotEqual(before, after);
        Assert.Contains("%", after);
        await BrowserFixture.ScreenshotAsync(director, "32-tablero-tras-validar");

        // The audit page shows every step.
        await planner.GotoAsync(app.BaseUrl + $"/Auditoria?elemento={Code}");
        var audit = planner.Locator("table.audit-table tbody");
        await Assertions.Expect(audit).ToContainTextAsync("Enviado a la OGPP");
        await Assertions.Expect(audit).ToContainTextAsync("Adjunte el acta firmada del comité");
        await Assertions.Expect(audit).ToContainTextAsync("Validado");
        Assert.True(await audit.Locator("tr").CountAsync() >= 6);
        await BrowserFixture.ScreenshotAsync(planner, "33-auditoria");
        await Assertions.Expect(unit).Not.ToHaveURLAsync(new Regex("AccesoDenegado"));
    }
}
