using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using PeiTracker.Domain;
using PeiTracker.Web.Data;

namespace PeiTracker.Browser.Tests;

/// <summary>
/// The review conversation, in Chromium, with the e-mails of every step read from the SMTP server the app sends to:
/// a unit sends a value, the planning office observes it, the unit answers in the conversation with a file, corrects
/// and sends again, the planning office validates, which resolves the conversation. The pages of the conversation
/// pass axe and do not scroll sideways at 768 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ConversationJourneyTests(BrowserFixture app)
{
    private const string Password = "Conversa2025pei";
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    private async Task<string> AccountAsync(string role, string email, string name, int? unitId = null)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var institution = await HomeInstitution.EnsureAsync(db);
        var user = new AppUser { UserName = email, Email = email, FullName = name, EmailConfirmed = true, InstitutionId = institution };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        await users.AddToRoleAsync(user, role);
        if (unitId is { } unit)
        {
            db.UserUnits.Add(new UserUnit { UserId = user.Id, UnitId = unit });
            await db.SaveChangesAsync();
        }

        return email;
    }

    /// <summary>
    /// An indicator of the official plan, of one unit (not the DGA's, which other journeys use) and not collected by point (another journey marks one), with a 2026
    /// logro esperado; its demo value of 2026, if any, is taken away so the unit enters the value itself.
    /// </summary>
    private async Task<(int Id, string Code, int UnitId, decimal Target)> IndicatorAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var found = await db.Indicators
            .Where(i => i.Plan!.Code == "MRE-PEI-2025-2030" && !i.CollectedByPoint && i.ResponsibleUnits.Count == 1 && i.ResponsibleUnits.All(u => u.Unit!.Acronym != "DGA") && i.Targets.Any(t => t.Year == 2026)
                && i.Values.Where(v => v.Year == 2026 && v.Period == PeriodKind.Anual).All(v => v.IsDemo))
            .OrderByDescending(i => i.Id)
            .Select(i => new ValueTuple<int, string, int, decimal>(i.Id, i.PublishedCode, i.ResponsibleUnits.First().UnitId, i.Targets.First(t => t.Year == 2026).Value))
            .FirstAsync();
        await db.Values.Where(v => v.IndicatorId == found.Item1 && v.Year == 2026 && v.Period == PeriodKind.Anual).ExecuteDeleteAsync();
        return found;
    }

    private async Task<MimeMessage> MailAsync(string to, string subject)
    {
        await app.Smtp.WaitUntilAsync(all => all.Any(m => Is(m, to, subject)), MailWait);
        return app.Smtp.Received.Single(m => Is(m, to, subject));
    }

    private static bool Is(MimeMessage message, string to, string subject) =>
        message.Subject == subject && message.To.Mailboxes.Any(a => a.Address == to);

    /// <summary>The link of an e-mail: the address the person clicks.</summary>
    private static string LinkOf(MimeMessage message) =>
        (message.TextBody ?? "").Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("http", StringComparison.Ordinal));

    private async Task CheckPageAsync(IPage page, string what)
    {
        var axe = await page.RunAxe(AccessibilityJourneyTests.Wcag21);
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{what}: {v.Id}"));
        // Opened again at tablet width, as TabletJourneyTests does: a chart drawn at 1280 px shrinks only when redrawn.
        await page.SetViewportSizeAsync(TabletJourneyTests.Tablet.Width, TabletJourneyTests.Tablet.Height);
        await page.ReloadAsync();
        Assert.Null(await TabletJourneyTests.SidewaysScrollOfAsync(page, what));
        await page.SetViewportSizeAsync(1280, 900);
    }

    [Fact]
    public async Task UnitSends_OfficeObserves_UnitAnswersInTheThread_OfficeValidates_EachStepMailed()
    {
        var (indicatorId, code, unitId, target) = await IndicatorAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var registrador = await AccountAsync(Roles.Registrador, $"unidad-{tag}@browser.local", "Rosa Registradora", unitId);
        var planner = await AccountAsync(Roles.Planificador, $"ogpp-{tag}@browser.local", "Pedro Planificador");
        var valuePath = $"/Registro/Valor/{indicatorId}?anio=2026&periodo=A";
        var subjectEnd = $"{code} · Anual 2026";

        // The unit sends its 2026 value.
        var unit = await app.SignedInPageAsync(registrador, Password);
        unit.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await unit.GotoAsync(app.BaseUrl + valuePath);
        await unit.Locator("#Valor").FillAsync(target.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await unit.Locator("#Comentario").FillAsync("Valor del informe anual de la unidad");
        await unit.GetByRole(AriaRole.Button, new() { Name = "Enviar a la OGPP" }).ClickAsync();
        await Assertions.Expect(unit.Locator(".alert-success")).ToContainTextAsync("enviado a la OGPP");
        var sent = await MailAsync(planner, $"Valor enviado para revisión: {subjectEnd}");

        // The planning office opens the link of its e-mail and observes the value.
        var office = await app.SignedInPageAsync(planner, Password);
        await office.GotoAsync(LinkOf(sent));
        var row = office.Locator("table.review-table tbody tr", new() { HasText = code });
        await row.Locator("textarea[name=reason]").FillAsync("Adjunte el acta de conformidad firmada");
        await row.GetByRole(AriaRole.Button, new() { Name = "Observar" }).ClickAsync();
        await Assertions.Expect(office.Locator(".alert-success")).ToContainTextAsync("observado");
        var observed = await MailAsync(registrador, $"Valor observado: {subjectEnd}");
        Assert.Contains("Motivo: Adjunte el acta de conformidad firmada", observed.TextBody);

        // The unit follows its e-mail to the value, reads the observation in the conversation and answers with the file.
        await unit.GotoAsync(LinkOf(observed));
        var thread = unit.Locator("[data-testid=conversacion]");
        await Assertions.Expect(thread.Locator("[data-testid=mensaje]").First).ToContainTextAsync("Adjunte el acta de conformidad firmada");
        await unit.Locator("#mensaje").FillAsync("Adjuntamos el acta firmada por la dirección.");
        await unit.Locator("#adjuntos").SetInputFilesAsync(new FilePayload { Name = "acta-conformidad.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes("%PDF-1.7\nacta\n%%EOF") });
        await unit.GetByRole(AriaRole.Button, new() { Name = "Responder" }).ClickAsync();
        await Assertions.Expect(unit.Locator(".alert-success")).ToContainTextAsync("mensaje enviado en la conversación");
        await Assertions.Expect(thread.Locator("[data-testid=mensaje]").Nth(1)).ToContainTextAsync("Adjuntamos el acta firmada por la dirección.");
        await Assertions.Expect(thread.GetByRole(AriaRole.Link, new() { Name = "acta-conformidad.pdf" })).ToBeVisibleAsync();
        await CheckPageAsync(unit, valuePath);
        await BrowserFixture.ScreenshotAsync(unit, "60-conversacion-del-valor");
        var reply = await MailAsync(planner, $"Nuevo mensaje sobre el valor {subjectEnd}");
        Assert.Contains("Adjuntamos el acta firmada por la dirección.", reply.TextBody);

        // The unit sends the value again; the planning office reads the reply from its e-mail and validates.
        await unit.GetByRole(AriaRole.Button, new() { Name = "Enviar a la OGPP" }).ClickAsync();
        await Assertions.Expect(unit.Locator(".alert-success")).ToContainTextAsync("enviado a la OGPP");
        await office.GotoAsync(LinkOf(reply));
        await Assertions.Expect(office.Locator("[data-testid=conversacion]")).ToContainTextAsync("Adjuntamos el acta firmada por la dirección.");
        await office.GotoAsync(app.BaseUrl + "/Registro/Revision");
        await office.Locator("table.review-table tbody tr", new() { HasText = code }).GetByRole(AriaRole.Button, new() { Name = "Validar" }).ClickAsync();
        await Assertions.Expect(office.Locator(".alert-success")).ToContainTextAsync("validado");
        var validated = await MailAsync(registrador, $"Valor validado: {subjectEnd}");
        Assert.Contains(code, validated.TextBody);

        // Validating resolved the conversation: the indicator page shows it, resolved, in the value's history.
        await office.GotoAsync(app.BaseUrl + $"/Plan/Indicador/{indicatorId}");
        var conversations = office.Locator("[data-testid=conversaciones]");
        await Assertions.Expect(conversations.Locator("[data-testid=estado-hilo]")).ToContainTextAsync("Resuelta");
        await Assertions.Expect(conversations.Locator("[data-testid=mensaje]").Last).ToContainTextAsync("Valor validado.");
        await CheckPageAsync(office, $"/Plan/Indicador/{indicatorId}");
        await BrowserFixture.ScreenshotAsync(office, "61-conversacion-resuelta");
        Assert.Empty(app.ErrorsOf(unit));
        Assert.Empty(app.ErrorsOf(office));
    }
}
