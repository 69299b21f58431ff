using System.Diagnostics;

namespace PeiTracker.Web.Infrastructure;

/// <summary>
/// One log line per request: method, path (never the query string, which may carry tokens),
/// status, elapsed time and the request id that error pages show as "código de referencia". Stands in for Serilog.AspNetCore's request logging (ADR 0002).
/// </summary>
public sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            logger.LogInformation(
                "HTTP {Method} {Path} responded {StatusCode} in {Elapsed:0.0} ms [ref {RequestId}]",
                context.Request.Method,
                context.Request.Path.Value,
                context.Response.StatusCode,
                elapsed,
                context.TraceIdentifier);
        }
    }
}
