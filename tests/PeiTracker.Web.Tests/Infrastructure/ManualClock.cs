namespace PeiTracker.Web.Tests.Infrastructure;

/// <summary>A clock a test moves by hand: retries and backoff are checked by moving time, never by waiting for it.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
