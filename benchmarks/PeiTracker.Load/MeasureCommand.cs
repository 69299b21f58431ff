using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace PeiTracker.Load;

/// <summary>
/// Generic: GET one URL from C concurrent clients for D seconds after W seconds of warm-up, optionally
/// signed in through the login form, and print one line of figures (and JSON if asked).
/// </summary>
public static class MeasureCommand
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var url = new Uri(args.Required("url"));
        var concurrency = args.Int("concurrency", 8);
        var duration = TimeSpan.FromSeconds(args.Double("duration", 20));
        var warmup = TimeSpan.FromSeconds(args.Double("warmup", 5));
        var email = args.Text("login-email");
        var password = args.Text("login-password");
        var jsonPath = args.Text("json");
        var timeout = TimeSpan.FromSeconds(args.Double("timeout", 30));
        args.RejectUnknown();

        var baseAddress = new Uri(url.GetLeftPart(UriPartial.Authority));
        using var stop = new CancellationTokenSource(warmup + duration + TimeSpan.FromSeconds(60));
        var clients = new List<HttpClient>();
        for (var i = 0; i < concurrency; i++)
        {
            var client = Web.Client(baseAddress, timeout, email is null ? null : new CookieContainer());
            if (email is not null)
            {
                // One session per virtual user, as real people would have.
                await Web.LoginAsync(client, email, password ?? throw new ArgumentException("--login-password is required with --login-email."), stop.Token);
            }

            clients.Add(client);
        }

        var recorder = new LatencyRecorder();
        var measureFrom = DateTimeOffset.UtcNow + warmup;
        var until = measureFrom + duration;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            while (DateTimeOffset.UtcNow < until && !stop.IsCancellationRequested)
            {
                var (sample, _) = await Web.TimedAsync(client, "get", () => new HttpRequestMessage(HttpMethod.Get, url), stop.Token);
                if (sample.Started >= measureFrom)
                {
                    recorder.Record(sample);
                }
            }
        })));
        var elapsed = watch.Elapsed - warmup;
        var summary = LatencyRecorder.Summarise("measure", recorder.Samples, elapsed);
        Console.WriteLine($"url={url} concurrency={concurrency} warmup={warmup.TotalSeconds}s {summary.ToLine()}");
        foreach (var group in recorder.Samples.Where(s => s.Error is not null).GroupBy(s => s.Error).Take(5))
        {
            Console.WriteLine($"  error x{group.Count()}: {group.Key}");
        }

        if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(new { url = url.ToString(), concurrency, warmupSeconds = warmup.TotalSeconds, summary }, Json.Options));
        }

        clients.ForEach(c => c.Dispose());
        return summary.Errors == 0 ? 0 : 1;
    }
}

public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
