using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Web.Data;
using PeiTracker.Web.Notices;
using PeiTracker.Web.Tests.Infrastructure;
using PeiTracker.Web.Tests.Notices;

namespace PeiTracker.Web.Tests.Avisos;

/// <summary>The bell and the person's notices page: what reaches them in the app, and marking it read.</summary>
[Collection(MailCollection.Name)]
public class MisAvisosTests(MailFixture app)
{
    private static async Task<string?> UnreadAsync(HttpClient client) =>
        (await client.GetDocumentAsync("/Registro")).QuerySelector("#unread-count")?.TextContent.Trim();

    [Fact]
    public async Task Bell_ValueObserved_CountsItAndThePageShowsItWithReasonAndLinkUntilRead()
    {
        var (plan, _, registrador, value) = await app.SentValueAsync();
        Assert.Null(await UnreadAsync(registrador));

        await app.ReviewAsync(plan, value, "Observe", "Falta el medio de verificación");

        Assert.Equal("1", await UnreadAsync(registrador));
        var page = await registrador.GetDocumentAsync("/Avisos");
        var card = Assert.Single(page.QuerySelectorAll("#my-notices > li"));
        Assert.Contains("Valor observado: IOEI.01.01 · Anual 2025", card.TextContent);
        Assert.Contains("Nuevo", card.TextContent);
        Assert.Contains("Motivo: Falta el medio de verificación", card.QuerySelector(".notice-body")!.TextContent);
        Assert.Equal($"/Registro/Valor/{plan.Indicators[0]}?anio=2025&periodo=A", card.QuerySelector("a")!.GetAttribute("href"));

        var read = await registrador.SubmitFormAsync("/Avisos", new Dictionary<string, string>(), $"#{card.Id} form");

        Assert.Equal(System.Net.HttpStatusCode.Redirect, read.StatusCode);
        Assert.Null(await UnreadAsync(registrador));
        var after = await registrador.GetDocumentAsync("/Avisos");
        Assert.DoesNotContain("Nuevo", after.QuerySelector("#my-notices")!.TextContent);
        Assert.Null(after.QuerySelector("#read-all"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task MarkRead_AnotherPersonsNoticeOrAnIdThatIsNoNumber_MarksNothing(bool othersNotice)
    {
        await app.CreateUserAsync(Roles.Planificador);
        var (plan, _, registrador, value) = await app.SentValueAsync();
        var plannersNotice = await app.QueryAsync(db => db.OutboxNotices.Where(n => n.IndicatorId == plan.Indicators[0] && n.Kind == NoticeKind.ValorEnviado).Select(n => n.Id).FirstAsync());
        await app.ReviewAsync(plan, value, "Validate");
        var token = await registrador.AntiforgeryTokenAsync("/Avisos");

        var response = await registrador.PostAsync("/Avisos?handler=Read", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["id"] = othersNotice ? plannersNotice.ToString() : "todos",
        }));

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(await app.QueryAsync(db => db.OutboxNotices.Where(n => n.Id == plannersNotice).Select(n => n.ReadAt).SingleAsync()));
        Assert.Equal("1", await UnreadAsync(registrador));
    }

    [Fact]
    public async Task MarkAllRead_SeveralUnread_ReadsOnlyThisPersonsNotices()
    {
        await app.CreateUserAsync(Roles.Planificador);
        var (plan, registradorEmail, registrador, value) = await app.SentValueAsync();
        await app.ReviewAsync(plan, value, "Observe", "Corrija la fuente");
        var (_, _, api) = await plan.RegistradorAsync(app);
        await api.PostAsJsonAsync($"/api/v1/indicadores/{plan.Indicators[0]}/valores",
            new { anio = 2025, periodo = "A", valor = ValueTestPlan.OnTarget, enviar = true, version = (await app.StoredValueAsync(plan)).Version });
        await app.ReviewAsync(plan, await app.StoredValueAsync(plan), "Validate");
        Assert.Equal("2", await UnreadAsync(registrador));

        await registrador.SubmitFormAsync("/Avisos", new Dictionary<string, string>(), "#read-all-form");

        Assert.Null(await UnreadAsync(registrador));
        var userId = await app.QueryAsync(db => db.Users.Where(u => u.Email == registradorEmail).Select(u => u.Id).SingleAsync());
        Assert.False(await app.QueryAsync(db => db.OutboxNotices.AnyAsync(n => n.RecipientUserId == userId && n.ReadAt == null)));
        Assert.True(await app.QueryAsync(db => db.OutboxNotices.AnyAsync(n => n.IndicatorId == plan.Indicators[0] && n.Kind == NoticeKind.ValorEnviado && n.ReadAt == null)));
    }
}
