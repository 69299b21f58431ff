using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>Pending notices to fresh addresses, due now; returns their ids in order.</summary>
    public static async Task<List<long>> AddNoticesAsync(this AppFixture app, TimeProvider clock, params string[] recipients)
    {
        var notices = recipients.Select(r => new OutboxNotice
        {
            EventId = Guid.NewGuid(),
            Kind = NoticeKind.ValorEnviado,
            Recipient = r,
            RecipientName = "Persona de prueba",
            Subject = "Aviso de prueba para " + r,
            Body = "Texto del aviso de prueba.",
            CreatedAt = clock.GetUtcNow(),
            NextAttemptAt = clock.GetUtcNow(),
        }).ToList();
        await app.QueryAsync(db =>
        {
            db.OutboxNotices.AddRange(notices);
            return db.SaveChangesAsync();
        });
        return notices.Select(n => n.Id).ToList();
    }

    public static string[] FreshAddresses(int count, string prefix = "persona") =>
        Enumerable.Range(0, count).Select(_ => $"{prefix}-{Guid.NewGuid():N}@test.local").ToArray();
}
