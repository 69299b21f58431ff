namespace PeiTracker.Web.Notices;

/// <summary>
/// Runs in every instance of the app: every few seconds (PEI_MAIL_POLL_SECONDS) it sends what the outbox holds.
/// Instances share the work through the database's row locks (<see cref="OutboxDispatcher"/>). Without an SMTP
/// server configured it does nothing and notices wait, so none is lost when one is configured later.
/// </summary>
public sealed class OutboxWorker(IServiceScopeFactory scopes, MailSettings settings, TimeProvider clock, IConfiguration configuration, ILogger<OutboxWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.IsConfigured)
        {
            logger.LogWarning("PEI_SMTP_HOST is not set: notices stay in the outbox until an SMTP server is configured.");
            return;
        }

        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("PEI_MAIL_POLL_SECONDS", 10)));
        logger.LogInformation("Sending notices through {Host}:{Port} every {Interval}.", settings.Host, settings.Port, interval);
        await PeriodicPass.RunAsync<OutboxDispatcher>(scopes, interval, clock, logger, (dispatcher, token) => dispatcher.DispatchDueAsync(token), stoppingToken);
    }
}
