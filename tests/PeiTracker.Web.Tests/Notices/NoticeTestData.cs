using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Notices;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Notices;

public static class NoticeTestData
{
    /// <summary>One dispatcher pass of the fixture's application, as its background worker would run it.</summary>
    public static async Task<int> DispatchAsync(this AppFixture app) => await DispatchAsync(app.Factory.Services);

    public static async Task<int> DispatchAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync();
    }

    /// <summary>
    /// Sends whatever earlier tests left in the outbox, including notices waiting out a backoff (the clock moves
    /// past the longest one), so a test's dispatcher passes see only its own notices.
    /// </summary>
    public static async Task DrainOutboxAsync(this MailFixture app)
    {
        app.Clock.Advance(OutboxDispatcher.LongestRetry + TimeSpan.FromMinutes(1));
        await app.DispatchAsync();
    }

    /// <summary>A pending notice, due now, of an event of its own unless one is given.</summary>
    public static OutboxNotice NewNotice(TimeProvider clock, string recipient, Guid? eventId = null) => new()
    {
        EventId = eventId ?? Guid.NewGuid(),
        Kind = NoticeKind.ValorEnviado,
        Recipient = recipient,
        RecipientName = "Persona de prueba",
        Subject = "Aviso de prueba para " + recipient,
        Body = "Texto del aviso de prueba.",
        CreatedAt = clock.GetUtcNow(),
        NextAttemptAt = clock.GetUtcNow(),
    };

    /// <summary>Pending notices to fresh addresses, due now; returns their ids in order.</summary>
    public static async Task<List<long>> AddNoticesAsync(this AppFixture app, TimeProvider clock, params string[] recipients)
    {
        var notices = recipients.Select(r => NewNotice(clock, r)).ToList();
        await app.QueryAsync(async db =>
        {
            // About an indicator of the ministry's plan, so the ministry's administrators see them (notices follow their indicator's institution).
            var indicatorId = await db.Indicators.Where(i => i.Plan!.Code == "MRE-PEI-2025-2030").OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
            notices.ForEach(n => n.IndicatorId = indicatorId);
            db.OutboxNotices.AddRange(notices);
            return await db.SaveChangesAsync();
        });
        return notices.Select(n => n.Id).ToList();
    }

    /// <summary>
    /// A value a new Registrador sent through the API, in a plan of its own, after the outbox was emptied, so
    /// the notices that follow are the test's own. The Registrador's browser is signed in.
    /// </summary>
    public static async Task<(ValueTestPlan Plan, string Registrador, HttpClient Browser, IndicatorValue Value)> SentValueAsync(this MailFixture app)
    {
        await app.DrainOutboxAsync();
        var plan = await ValueTestPlan.CreateAsync(app);
        var (email, browser, api) = await plan.RegistradorAsync(app);
        var response = await api.PostAsJsonAsync($"/api/v1/indicadores/{plan.Indicators[0]}/valores", new { anio = 2025, periodo = "A", valor = ValueTestPlan.OnTarget, enviar = true });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (plan, email, browser, await app.StoredValueAsync(plan));
    }

    public static Task<IndicatorValue> StoredValueAsync(this AppFixture app, ValueTestPlan plan) =>
        app.QueryAsync(db => db.Values.AsNoTracking().SingleAsync(v => v.IndicatorId == plan.Indicators[0] && v.Year == 2025 && v.Period == PeriodKind.Anual));

    /// <summary>A new Planificador validates or observes the value on the review page.</summary>
    public static async Task<HttpResponseMessage> ReviewAsync(this AppFixture app, ValueTestPlan plan, IndicatorValue value, string handler, string reason = "")
    {
        var planner = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        return await planner.SubmitFormAsync($"/Registro/Revision?plan={plan.Code}",
            new Dictionary<string, string> { ["valueId"] = value.Id.ToString(), ["version"] = value.Version.ToString(), ["reason"] = reason },
            $"form[action*='handler={handler}']");
    }

    public static string[] FreshAddresses(int count, string prefix = "persona") =>
        Enumerable.Range(0, count).Select(_ => $"{prefix}-{Guid.NewGuid():N}@test.local").ToArray();
}
