using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace PeiTracker.Web.Tests.Infrastructure;

/// <summary>
/// The app's log lines as the console shows them (<c>{Message:lj}</c> of the appsettings template), caught by a
/// sink the app picks up from DI. The request line is written after the response has gone, so tests wait for it.
/// </summary>
public sealed class LogCapture : ILogEventSink
{
    private static readonly MessageTemplateTextFormatter Formatter = new("{Message:lj}", CultureInfo.InvariantCulture);

    private readonly ConcurrentQueue<string> lines = new();
    private readonly SemaphoreSlim written = new(0);

    /// <summary>Adds the sink to a test host and lets the request lines through (the Testing settings keep only warnings).</summary>
    public void AttachTo(IWebHostBuilder builder)
    {
        builder.UseSetting("Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware", "Information");
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(this));
    }

    public void Emit(LogEvent logEvent)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Formatter.Format(logEvent, text);
        lines.Enqueue(text.ToString());
        written.Release();
    }

    /// <summary>The request line (Serilog's request logging) that ends with the given reference, waiting up to ten seconds for it.</summary>
    public Task<string> RequestLineAsync(string reference) =>
        LineAsync(l => l.StartsWith("HTTP ", StringComparison.Ordinal) && l.EndsWith($"[ref {reference}]", StringComparison.Ordinal), $"a request line with [ref {reference}]");

    /// <summary>The first request line for <paramref name="method"/> on <paramref name="path"/>, waiting up to ten seconds for it.</summary>
    public Task<string> RequestLineAsync(string method, string path) =>
        LineAsync(l => l.StartsWith($"HTTP {method} {path}", StringComparison.Ordinal), $"a request line for {method} {path}");

    private async Task<string> LineAsync(Func<string, bool> match, string description)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await written.WaitAsync(left))
            {
                throw new TimeoutException($"No log line is {description}. Lines written:\n{string.Join('\n', lines)}");
            }
        }
    }
}
