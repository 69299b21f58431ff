using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Notices;
using PeiTracker.Web.Pages.Avisos;
using PeiTracker.Web.Tests.Infrastructure;
using PeiTracker.Web.Tests.Notices;

namespace PeiTracker.Web.Tests.Avisos;

/// <summary>Per-person preferences per kind of notice, the daily digest and the unsubscribe link, with a real SMTP server on loopback.</summary>
[Collection(MailCollection.Name)]
public partial class PreferenciasTests(MailFixture app)
{
    private const string Url = "/Avisos/Preferencias";

    [GeneratedRegex(@"https://pei\.example\.test/Avisos/Baja\?t=\S+")]
    private static partial Regex UnsubscribeLink();

    /// <summary>A plan whose deadline is ahead, and a Registrador of its late unit, signed in.</summary>
    private async Task<(ReminderTestPlan Plan, string Email, HttpClient Browser)> RegistradorAsync()
    {
        await app.DrainOutboxAsync();
        var plan = await ReminderTestPlan.CreateAsync(app, app.Today().AddDays(10));
        var email = await ReminderTestPlan.PersonAsync(app, Roles.Registrador, [plan.UnitA]);
        return (plan, email, await app.LoginAsync(email));
    }

    private static Task<HttpResponseMessage> ChooseAsync(HttpClient browser, NoticeKind kind, NoticeDelivery delivery) =>
        browser.PostFormAsync(Url, [($"Delivery[{kind}]", delivery.ToString())], "#preferences-form");

    /// <summary>The 7-day reminder sent to the Registrador, and the unsubscribe link its e-mail carries.</summary>
    private async Task<(string Email, MimeKit.MimeMessage Mail, string Link)> RemindedAsync()
    {
        var (plan, email, _) = await RegistradorAsync();
        app.MoveTo(plan.Due.AddDays(-7));
        await app.ScheduleAsync();
        await app.DispatchAsync();
        var mail = Assert.Single(app.Smtp.To(email));
        return (email, mail, UnsubscribeLink().Match(mail.TextBody!).Value);
    }

    private Task<List<NoticePreference>> PreferencesOfAsync(string email) =>
        app.QueryAsync(db => db.NoticePreferences.IgnoreQueryFilters().Where(p => db.Users.Any(u => u.Id == p.UserId && u.Email == email)).ToListAsync());

    [Fact]
    public async Task None_ReminderDue_IsNotEmailedButShowsUnderTheBell()
    {
        var (plan, email, browser) = await RegistradorAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await ChooseAsync(browser, NoticeKind.PlazoProximo, NoticeDelivery.Ninguno)).StatusCode);

        app.MoveTo(plan.Due.AddDays(-7));
        await app.ScheduleAsync();
        await app.DispatchAsync();

        Assert.Empty(app.Smtp.To(email));
        var notice = Assert.Single(await app.NoticesToAsync(email));
        Assert.Equal(NoticeStatus.Omitido, notice.Status);
        // Days went by: the session ended, the person signs in again.
        browser = await app.LoginAsync(email);
        Assert.Contains(notice.Subject, (await browser.GetDocumentAsync("/Avisos")).QuerySelector("#my-notices")!.TextContent);
        var page = await browser.GetDocumentAsync(Url);
        Assert.NotNull(page.QuerySelector($"#pref-{NoticeKind.PlazoProximo}-{NoticeDelivery.Ninguno}[checked]"));
    }

    [Fact]
    public async Task Daily_TwoRemindersOfTheDay_AreEmailedAsOneDigestTheNextMorning()
    {
        await app.DrainOutboxAsync();
        var due = app.Today().AddDays(10);
        var first = await ReminderTestPlan.CreateAsync(app, due);
        var second = await ReminderTestPlan.CreateAsync(app, due);
        var email = await ReminderTestPlan.PersonAsync(app, Roles.Registrador, [first.UnitA, second.UnitA]);
        var browser = await app.LoginAsync(email);
        await ChooseAsync(browser, NoticeKind.PlazoProximo, NoticeDelivery.ResumenDiario);

        app.MoveTo(due.AddDays(-7));
        await app.ScheduleAsync();
        await app.DispatchAsync();
        Assert.Empty(app.Smtp.To(email));
        var held = await app.NoticesToAsync(email);
        Assert.Equal([NoticeStatus.EnResumen, NoticeStatus.EnResumen], held.Select(n => n.Status));

        // The next morning at 07:00 Lima: one digest of both, and nothing more the same day.
        app.MoveTo(due.AddDays(-6), hour: 7);
        await app.ScheduleAsync();
        await app.ScheduleAsync();
        await app.DispatchAsync();

        var mail = Assert.Single(app.Smtp.To(email));
        Assert.Equal($"Resumen diario de avisos del {due.AddDays(-6):dd/MM/yyyy}: 2 aviso(s)", mail.Subject);
        Assert.All(held, n => Assert.Contains(n.Subject, mail.TextBody!));
        Assert.Contains(first.Code, held[0].Body + held[1].Body);
        Assert.Contains(second.Code, held[0].Body + held[1].Body);
        var after = await app.NoticesToAsync(email);
        var digest = Assert.Single(after, n => n.Kind == NoticeKind.ResumenDiario);
        Assert.All(after.Where(n => n.Kind != NoticeKind.ResumenDiario), n => Assert.Equal((NoticeStatus.Resumido, digest.Id), (n.Status, n.DigestId!.Value)));
        // The bell shows the two notices, not the digest that repeats them.
        Assert.Equal(2, (await (await app.LoginAsync(email)).GetDocumentAsync("/Avisos")).QuerySelectorAll("#my-notices > li").Length);
    }

    [Theory]
    [InlineData(NoticeKind.ValorObservado, NoticeDelivery.Ninguno)]
    [InlineData(NoticeKind.PlazoEscalado, NoticeDelivery.ResumenDiario)]
    public async Task LockedKind_SetOffOrDeferred_IsRefusedWithASpanishMessageAndNothingSaved(NoticeKind kind, NoticeDelivery delivery)
    {
        var (_, email, browser) = await RegistradorAsync();

        var response = await browser.PostFormAsync(Url, [($"Delivery[{kind}]", delivery.ToString()), ($"Delivery[{NoticeKind.PlazoProximo}]", nameof(NoticeDelivery.Ninguno))], "#preferences-form");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal(NoticePreferences.LockedMessage(kind), page.QuerySelector("#preferences-error")!.TextContent.Trim());
        Assert.StartsWith("El aviso «", NoticePreferences.LockedMessage(kind));
        Assert.Empty(await PreferencesOfAsync(email));
        Assert.True((await browser.GetDocumentAsync(Url)).QuerySelector($"#pref-{kind}-{delivery}")!.HasAttribute("disabled"));
    }

    [Fact]
    public async Task UnsubscribeLink_OpenedWithoutSigningIn_SetsTheKindToNoneAfterConfirmation()
    {
        var (email, mail, link) = await RemindedAsync();
        Assert.Equal($"<{link}>", mail.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        var path = new Uri(link).PathAndQuery;
        var anonymous = app.CreateClient();

        var opened = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Empty(await PreferencesOfAsync(email));
        var confirmed = await anonymous.SubmitFormAsync(path, new Dictionary<string, string>(), "#unsubscribe-form");

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var page = await HttpClientExtensions.ParseAsync(await confirmed.Content.ReadAsStringAsync());
        Assert.Contains("Ya no recibirá por correo los avisos «Plazo de reporte próximo»", page.QuerySelector("#unsubscribe-done")!.TextContent);
        var preference = Assert.Single(await PreferencesOfAsync(email));
        Assert.Equal((NoticeKind.PlazoProximo, NoticeDelivery.Ninguno), (preference.Kind, preference.Delivery));
    }

    [Fact]
    public async Task UnsubscribeLink_OneClickPostFromTheMailClient_SetsTheKindToNone()
    {
        var (email, _, link) = await RemindedAsync();

        var response = await app.CreateClient().PostAsync(new Uri(link).PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(NoticeDelivery.Ninguno, Assert.Single(await PreferencesOfAsync(email)).Delivery);
    }

    [Fact]
    public async Task UnsubscribeLink_TamperedToken_IsRefusedAndChangesNothing()
    {
        var (email, _, link) = await RemindedAsync();
        var token = Uri.UnescapeDataString(link[(link.IndexOf("t=", StringComparison.Ordinal) + 2)..]);
        var tampered = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];
        var anonymous = app.CreateClient();

        var opened = await anonymous.GetAsync("/Avisos/Baja?t=" + Uri.EscapeDataString(tampered));
        var posted = await anonymous.PostAsync("/Avisos/Baja?t=" + Uri.EscapeDataString(tampered), new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (opened.StatusCode, posted.StatusCode));
        var page = await HttpClientExtensions.ParseAsync(await opened.Content.ReadAsStringAsync());
        Assert.Equal(BajaModel.InvalidMessage, page.QuerySelector("#unsubscribe-invalid")!.TextContent.Trim());
        Assert.Empty(await PreferencesOfAsync(email));
    }

    [Fact]
    public async Task UnsubscribeLink_OfALockedKind_ExplainsItCannotBeSwitchedOff()
    {
        await app.DrainOutboxAsync();
        var plan = await ReminderTestPlan.CreateAsync(app, app.Today().AddDays(-3));
        var head = await ReminderTestPlan.PersonAsync(app, Roles.Consulta, [plan.UnitA], headsUnit: true);
        await app.ScheduleAsync();
        await app.DispatchAsync();
        var mail = Assert.Single(app.Smtp.To(head), m => m.Subject!.StartsWith("Reporte atrasado", StringComparison.Ordinal));
        Assert.Null(mail.Headers["List-Unsubscribe"]);
        var link = UnsubscribeLink().Match(mail.TextBody!).Value;
        Assert.Contains("Este tipo de aviso no se puede desactivar", mail.TextBody!);

        var response = await app.CreateClient().GetAsync(new Uri(link).PathAndQuery);

        var page = await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal(NoticePreferences.LockedMessage(NoticeKind.PlazoEscalado), page.QuerySelector("#unsubscribe-locked")!.TextContent.Trim());
        Assert.Empty(await PreferencesOfAsync(head));
    }

    [Fact]
    public async Task PreferencesPage_LinkedFromTheNoticesPageAndTheAccountMenu()
    {
        var (_, _, browser) = await RegistradorAsync();
        var notices = await browser.GetDocumentAsync("/Avisos");

        Assert.Equal(Url, notices.QuerySelector("#preferences-link")!.GetAttribute("href"));
        Assert.Equal(Url, notices.QuerySelector("#account-notice-preferences")!.GetAttribute("href"));
    }
}
