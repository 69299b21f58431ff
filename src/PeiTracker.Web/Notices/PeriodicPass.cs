namespace PeiTracker.Web.Notices;

/// <summary>
/// The loop of the notice workers: a pass in a fresh scope, then a wait on the app's clock. A pass that fails (a
/// database briefly unreachable) is logged and tried again after the interval, so the worker lives as long as the process.
/// </summary>
public static class PeriodicPass
{
    public static async Task RunAsync<TService>(IServiceScopeFactory scopes, TimeSpan interval, TimeProvider clock, ILogger logger, Func<TService, CancellationToken, Task> pass, CancellationToken stoppingToken)
        where TService : notnull
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await pass(scope.ServiceProvider.GetRequiredService<TService>(), stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "{Service} failed; trying again in {Interval}.", typeof(TService).Name, interval);
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
