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
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ReminderScheduler>().RunAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // A database that is briefly unreachable must not stop the reminders for the life of the process.
                logger.LogError(ex, "The reminders could not be scheduled; trying again in {Interval}.", interval);
            }

            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
