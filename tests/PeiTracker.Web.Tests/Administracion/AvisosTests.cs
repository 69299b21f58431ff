using System.Net;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Notices;
using PeiTracker.Web.Pages.Administracion;
using PeiTracker.Web.Tests.Infrastructure;
using PeiTracker.Web.Tests.Notices;

namespace PeiTracker.Web.Tests.Administracion;

/// <summary>The outbox as an administrator sees it, and the resend.</summary>
[Collection(MailCollection.Name)]
public class AvisosTests(MailFixture app)
{
    private const string Url = "/Administracion/Avisos";

    private Task<OutboxNotice> NoticeAsync(long id) => app.QueryAsync(db => db.OutboxNotices.AsNoTracking().SingleAsync(n => n.Id == id));

    [Fact]
    public async Task Avisos_NoticeThatCouldNotBeSent_ShowsItsStateAttemptsAndError()
    {
        await app.DrainOutboxAsync();
        var person = NoticeTestData.FreshAddresses(1)[0];
        var id = (await app.AddNoticesAsync(app.Clock, person))[0];
        await app.Smtp.StopAsync();
        try
        {
            await app.DispatchAsync();
        }
        finally
        {
            await app.Smtp.StartAsync();
        }

        var page = await (await app.LoginAsync()).GetDocumentAsync(Url + "?estado=Pendiente");

        var row = page.QuerySelector($"#notice-{id}")!;
        Assert.Contains(person, row.TextContent);
        Assert.Contains("Aviso de prueba para " + person, row.TextContent);
        Assert.StartsWith("Pendiente", row.QuerySelector(".notice-status")!.TextContent.Trim());
        Assert.Contains("próximo intento", row.QuerySelector(".notice-status")!.TextContent);
        Assert.Equal("1", row.QuerySelector(".notice-attempts")!.TextContent.Trim());
        Assert.Contains("No se pudo entregar al servidor SMTP", row.QuerySelector(".notice-error")!.TextContent);
        Assert.Contains("Reintentar ahora", row.QuerySelector("button")!.TextContent);
        Assert.Contains($"127.0.0.1:{app.Smtp.Port}", page.QuerySelector("#mail-server")!.TextContent);
    }

    [Fact]
    public async Task Resend_SentNotice_SendsItAgainAsANewMessageAndIsAudited()
    {
        await app.DrainOutboxAsync();
        var person = NoticeTestData.FreshAddresses(1)[0];
        var id = (await app.AddNoticesAsync(app.Clock, person))[0];
        await app.DispatchAsync();
        var admin = await app.LoginAsync();

        var response = await admin.SubmitFormAsync(Url, new Dictionary<string, string>(), $"#notice-{id} form");
        var afterResend = await NoticeAsync(id);
        await app.DispatchAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal((NoticeStatus.Pendiente, 1), (afterResend.Status, afterResend.Resends));
        Assert.Equal(NoticeStatus.Enviado, (await NoticeAsync(id)).Status);
        var copies = app.Smtp.To(person).ToList();
        Assert.Equal(2, copies.Count);
        Assert.NotEqual(copies[0].MessageId, copies[1].MessageId);
        var audit = await app.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Kind == AuditKind.Aviso && a.Subject == person));
        Assert.Equal(AppFixture.AdminEmail, audit.UserName);
        Assert.StartsWith("Enviado (0 intento(s) fallido(s), enviado ", audit.Before);
        Assert.Equal("Pendiente (reenvío 1)", audit.After);
        Assert.Contains("El aviso a " + person + " se enviará de nuevo", await (await admin.GetAsync(Url)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Resend_NoticeSentWhileThePageWasOpen_IsAConflictAndChangesNothing()
    {
        await app.DrainOutboxAsync();
        var person = NoticeTestData.FreshAddresses(1)[0];
        var id = (await app.AddNoticesAsync(app.Clock, person))[0];
        var admin = await app.LoginAsync();
        var stale = await admin.ReadFormAsync(Url, $"#notice-{id} form");

        await app.DispatchAsync();
        var response = await stale.PostAsync(admin, []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var notice = await NoticeAsync(id);
        Assert.Equal((NoticeStatus.Enviado, 0), (notice.Status, notice.Resends));
        Assert.Single(app.Smtp.To(person));
        Assert.False(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Kind == AuditKind.Aviso && a.Subject == person)));
        Assert.Contains(AvisosModel.ConflictText, await (await admin.GetAsync(Url)).Content.ReadAsStringAsync());
    }
}
