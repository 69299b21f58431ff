using Serilog.AspNetCore;

namespace PeiTracker.Web.Infrastructure;

/// <summary>
/// Serilog's request logging, one line per request: method, path (never the query string, which may
/// carry tokens), status, elapsed time and the request id that error pages show as "código de
/// referencia", so the reference a person reads out leads to the line of their request.
/// </summary>
public static class RequestLogging
{
    public const string MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms [ref {RequestId}]";

    /// <summary>
    /// Writes through the host's own logger: left unset, Serilog would use the static <c>Log.Logger</c>,
    /// which this app never configures (tests run several hosts in one process).
    /// </summary>
    public static void Configure(RequestLoggingOptions options, Serilog.ILogger logger)
    {
        options.MessageTemplate = MessageTemplate;
        options.IncludeQueryInRequestPath = false;
        options.Logger = logger;
        options.EnrichDiagnosticContext = (diagnostics, context) => diagnostics.Set("RequestId", context.TraceIdentifier);
    }
}
