using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Web.Notices;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Notices;

/// <summary>The outbox's promise, against a real SMTP server on loopback: never lost, never sent twice.</summary>
[Collection(MailCollection.Name)]
public class OutboxDispatcherTests(MailFixture app)
{
    private Task<List<OutboxNotice>> NoticesAsync(List<long> ids) =>
        app.QueryAsync(db => db.OutboxNotices.AsNoTracking().Where(n => ids.Contains(n.Id)).OrderBy(n => n.Id).ToListAsync());

    [Fact]
    public async Task DispatchDueAsync_SmtpServerDown_KeepsEveryNoticeAndSendsEachOnceWhenItReturns()
    {
        await app.DrainOutboxAsync();
        var people = NoticeTestData.FreshAddresses(3);
        var ids = await app.AddNoticesAsync(app.Clock, people);
        var start = app.Clock.GetUtcNow();

        await app.Smtp.StopAsync();
        try
        {
            Assert.Equal(0, await app.DispatchAsync());
            var first = (await NoticesAsync(ids))[0];
            Assert.Equal((NoticeStatus.Pendiente, 1), (first.Status, first.Attempts));
            Assert.Contains("No se pudo entregar al servidor SMTP", first.LastError);
            Assert.Equal(start + OutboxDispatcher.FirstRetry, first.NextAttemptAt);

            // Before its backoff ends the first notice is not tried again (the next one is, and waits in turn).
            app.Clock.Advance(TimeSpan.FromSeconds(10));
            Assert.Equal(0, await app.DispatchAsync());
            var afterSecondPass = await NoticesAsync(ids);
            Assert.Equal([1, 1, 0], afterSecondPass.Select(n => n.Attempts));
            Assert.All(afterSecondPass, n => Assert.Equal(NoticeStatus.Pendiente, n.Status));
        }
        finally
        {
            await app.Smtp.StartAsync();
        }

        app.Clock.Advance(OutboxDispatcher.FirstRetry);
        Assert.Equal(3, await app.DispatchAsync());
        Assert.Equal(0, await app.DispatchAsync());

        Assert.All(people, person => Assert.Single(app.Smtp.To(person)));
        Assert.All(await NoticesAsync(ids), n =>
        {
            Assert.Equal(NoticeStatus.Enviado, n.Status);
            Assert.Equal(app.Clock.GetUtcNow(), n.SentAt);
            Assert.Null(n.LastError);
        });
    }

    [Fact]
    public async Task DispatchDueAsync_TwoInstancesOnOneDatabase_NeverSendTheSameNotice()
    {
        await app.DrainOutboxAsync();
        var people = NoticeTestData.FreshAddresses(30);
        var ids = await app.AddNoticesAsync(app.Clock, people);
        await using var second = app.Factory.WithWebHostBuilder(_ => { });

        // A slow server keeps each claimed row locked a while, so the two instances really overlap.
        app.Smtp.Latency = TimeSpan.FromMilliseconds(20);
        int[] sent;
        try
        {
            sent = await Task.WhenAll(
                Task.Run(() => NoticeTestData.DispatchAsync(app.Factory.Services)),
                Task.Run(() => NoticeTestData.DispatchAsync(second.Services)));
        }
        finally
        {
            app.Smtp.Latency = TimeSpan.Zero;
        }

        Assert.Equal(30, sent.Sum());
        Assert.All(sent, count => Assert.True(count > 0, $"Both instances should have sent part of the outbox: {string.Join(" + ", sent)}."));
        Assert.All(people, person => Assert.Single(app.Smtp.To(person)));
        Assert.All(await NoticesAsync(ids), n => Assert.Equal(NoticeStatus.Enviado, n.Status));
    }

    [Fact]
    public async Task DispatchDueAsync_MailboxRefusedForGood_MarksItFailedAndSendsTheRest()
    {
        await app.DrainOutboxAsync();
        var refused = $"{LoopbackSmtpServer.RefusedMailboxPrefix}-{Guid.NewGuid():N}@test.local";
        var fine = NoticeTestData.FreshAddresses(1)[0];
        var ids = await app.AddNoticesAsync(app.Clock, refused, fine);

        Assert.Equal(1, await app.DispatchAsync());
        app.Clock.Advance(OutboxDispatcher.LongestRetry * 2);
        Assert.Equal(0, await app.DispatchAsync());

        var notices = await NoticesAsync(ids);
        Assert.Equal((NoticeStatus.Fallido, 1), (notices[0].Status, notices[0].Attempts));
        Assert.Contains("rechazó", notices[0].LastError);
        Assert.Equal(NoticeStatus.Enviado, notices[1].Status);
        Assert.Empty(app.Smtp.To(refused));
        Assert.Single(app.Smtp.To(fine));
    }

    [Fact]
    public async Task OutboxWorker_RunningInTheApp_SendsWhatTheOutboxHolds()
    {
        await app.DrainOutboxAsync();
        var person = NoticeTestData.FreshAddresses(1)[0];
        var ids = await app.AddNoticesAsync(app.Clock, person);

        await using var instance = app.Factory.WithWebHostBuilder(builder => builder.UseSetting("PEI_MAIL_WORKER", "true"));
        _ = instance.Server;
        await app.Smtp.WaitUntilAsync(received => received.Any(m => m.To.Mailboxes.Any(a => a.Address == person)), TimeSpan.FromSeconds(60));

        var mail = Assert.Single(app.Smtp.To(person));
        Assert.Equal($"<{(await NoticesAsync(ids))[0].MessageId}>", $"<{mail.MessageId}>");
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(7, 1920)]
    [InlineData(8, 3600)]
    [InlineData(40, 3600)]
    public void Backoff_Attempts_DoublesFrom30SecondsUpToAnHour(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), OutboxDispatcher.Backoff(attempts));
}
