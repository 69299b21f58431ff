namespace PeiTracker.Web.Notices;

/// <summary>
/// Runs in every instance of the app: every minute (PEI_REMINDER_POLL_SECONDS) it runs a <see cref="ReminderScheduler"/>
/// pass, which writes the reminders and digests due by then. Instances share the work through a PostgreSQL advisory
/// lock, and what a pass wrote is never written again (ADR 0021). Off with PEI_REMINDER_WORKER=false.
/// </summary>
public sealed class ReminderWorker(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<ReminderWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(5, configuration.GetValue("PEI_REMINDER_POLL_SECONDS", 60)));
        await PeriodicPass.RunAsync<ReminderScheduler>(scopes, interval, clock, logger, (scheduler, token) => scheduler.RunAsync(token), stoppingToken);
    }
}
