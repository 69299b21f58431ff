using Microsoft.EntityFrameworkCore;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Notices;

/// <summary>
/// Sends the outbox's due notices, one row per transaction: the row is claimed with FOR UPDATE SKIP LOCKED and
/// stays locked while the SMTP server takes it, so two instances on one database never send the same notice;
/// it is marked sent in the same transaction. A server that cannot be reached ends the pass and puts the notice
/// off with a growing delay; nothing is lost, and the next pass takes up where this one stopped (ADR 0014).
/// </summary>
public sealed class OutboxDispatcher(AppDbContext db, SmtpMailSender sender, NoticePreferences preferences, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan LongestRetry = TimeSpan.FromHours(1);

    private const int MaxErrorLength = 2000;

    private enum Outcome
    {
        NothingDue,
        Sent,

        /// <summary>Not e-mailed now by its recipient's preference: left in the app only, or for the daily digest.</summary>
        SetAside,
        Refused,
        ServerUnavailable,
    }

    /// <summary>Notices the SMTP server accepted in this dispatcher's life: a retried transaction marks them without sending again.</summary>
    private readonly HashSet<long> accepted = [];

    /// <summary>30 s after the first failure, doubling up to an hour.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, FirstRetry.Ticks << Math.Clamp(attempts - 1, 0, 20)));

    /// <summary>Sends every due notice until none is left or the SMTP server is unavailable; returns how many it sent.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var outcome = await DispatchOneAsync(cancellationToken);
            if (outcome == Outcome.Sent)
            {
                sent++;
            }
            else if (outcome is Outcome.NothingDue or Outcome.ServerUnavailable)
            {
                break;
            }
        }

        return sent;
    }

    private Task<Outcome> DispatchOneAsync(CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var claimed = await db.OutboxNotices
                .FromSql($"""
                    SELECT *, xmin FROM outbox_notices
                    WHERE status = {(int)NoticeStatus.Pendiente} AND next_attempt_at <= {now}
                    ORDER BY next_attempt_at, id
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED
                    """)
                // The worker sends every institution's notices; a filter composed around the locking query would also break it.
                .IgnoreQueryFilters()
                .ToListAsync(cancellationToken);
            if (claimed is not [var notice])
            {
                return Outcome.NothingDue;
            }

            var outcome = await SetAsideAsync(notice, cancellationToken) ? Outcome.SetAside : await SendAsync(notice, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return outcome;
        });

    /// <summary>
    /// A notice whose recipient receives its kind in the app only, or in the daily digest, is not e-mailed now
    /// (ADR 0021); an administrator's resend sends it whatever the preference.
    /// </summary>
    private async Task<bool> SetAsideAsync(OutboxNotice notice, CancellationToken cancellationToken)
    {
        if (notice.RecipientUserId is not { } userId || notice.Resends > 0)
        {
            return false;
        }

        var delivery = await preferences.DeliveryAsync(userId, notice.Kind, cancellationToken);
        if (delivery == NoticeDelivery.Inmediato)
        {
            return false;
        }

        notice.Status = delivery == NoticeDelivery.Ninguno ? NoticeStatus.Omitido : NoticeStatus.EnResumen;
        return true;
    }

    private async Task<Outcome> SendAsync(OutboxNotice notice, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            if (!accepted.Contains(notice.Id))
            {
                await sender.SendAsync(notice, cancellationToken);
                accepted.Add(notice.Id);
            }

            notice.Status = NoticeStatus.Enviado;
            notice.SentAt = clock.GetUtcNow();
            notice.LastError = null;
            return Outcome.Sent;
        }
        catch (MailSendException ex)
        {
            notice.Attempts++;
            notice.LastError = ex.Message.Length > MaxErrorLength ? ex.Message[..MaxErrorLength] : ex.Message;
            if (ex.Permanent)
            {
                notice.Status = NoticeStatus.Fallido;
                logger.LogWarning("Notice {NoticeId} to {Recipient} refused for good: {Error}", notice.Id, notice.Recipient, ex.Message);
                return Outcome.Refused;
            }

            notice.NextAttemptAt = now + Backoff(notice.Attempts);
            logger.LogWarning("Notice {NoticeId} not sent (attempt {Attempts}), next try at {NextAttempt:o}: {Error}", notice.Id, notice.Attempts, notice.NextAttemptAt, ex.Message);
            return Outcome.ServerUnavailable;
        }
    }
}
