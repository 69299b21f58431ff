using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Serialization;

namespace PeiTracker.Load;

/// <summary>One timed HTTP exchange. <see cref="Error"/> is null when it succeeded.</summary>
public sealed record Sample(string Kind, DateTimeOffset Started, double Milliseconds, string? Error);

/// <summary>
/// Collects samples from any number of concurrent virtual users and summarises them. Kept free of
/// the scenario so a benchmark can reuse it: record, then <see cref="Summarise"/> what it needs.
/// </summary>
public sealed class LatencyRecorder
{
    private readonly ConcurrentQueue<Sample> samples = new();

    public void Record(Sample sample) => samples.Enqueue(sample);

    public IReadOnlyList<Sample> Samples => [.. samples];

    public static Summary Summarise(string name, IReadOnlyCollection<Sample> samples, TimeSpan elapsed)
    {
        var times = samples.Select(s => s.Milliseconds).Order().ToArray();
        return new Summary(
            name,
            samples.Count,
            samples.Count(s => s.Error is not null),
            Math.Round(elapsed.TotalSeconds, 1),
            elapsed.TotalSeconds > 0 ? Math.Round(samples.Count / elapsed.TotalSeconds, 1) : 0,
            Percentile(times, 0.50),
            Percentile(times, 0.95),
            Percentile(times, 0.99),
            times.Length == 0 ? 0 : Math.Round(times[^1], 1));
    }

    /// <summary>Nearest-rank percentile of sorted values, in milliseconds rounded to 0.1.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(p * sorted.Length);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)], 1);
    }
}

public sealed record Summary(
    string Name,
    int Requests,
    int Errors,
    double Seconds,
    [property: JsonPropertyName("throughputPerSecond")] double Throughput,
    [property: JsonPropertyName("medianMs")] double Median,
    [property: JsonPropertyName("p95Ms")] double P95,
    [property: JsonPropertyName("p99Ms")] double P99,
    [property: JsonPropertyName("maxMs")] double Max)
{
    public string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-8} requests={Requests} errors={Errors} seconds={Seconds} throughput={Throughput}/s median={Median} ms p95={P95} ms p99={P99} ms max={Max} ms");
}
