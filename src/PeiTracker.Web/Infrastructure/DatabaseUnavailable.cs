using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace PeiTracker.Web.Infrastructure;

/// <summary>
/// Tells a database that cannot be reached (stopped, restarting, network down, retries exhausted)
/// apart from a bug, so people get a 503 that says to try again in a few seconds instead of a
/// generic error. Pages show it on /Error; the JSON API and /health answer with problem details.
/// </summary>
public sealed class DatabaseUnavailable(ILogger<DatabaseUnavailable> logger) : IExceptionHandler
{
    public const string Title = "Base de datos no disponible";

    public const string Message = "La base de datos no está disponible en este momento; intente de nuevo en unos segundos.";

    /// <summary>Seconds suggested in Retry-After: about what a PostgreSQL restart takes.</summary>
    public const int RetryAfterSeconds = 5;

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case RetryLimitExceededException:
                    return true;
                case PostgresException postgres:
                    // Class 08: connection exceptions; 57P01-57P03: shutdown, crash shutdown, cannot connect now.
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState is "57P01" or "57P02" or "57P03";
                case NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException:
                    return true;
            }
        }

        return false;
    }

    public static int StatusCodeFor(Exception exception) => Is(exception) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!Is(exception))
        {
            return false;
        }

        // By now Request.Path may already point at /Error; the feature keeps the path that failed.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value ?? "";
        logger.LogWarning("Database unavailable on {Method} {Path} [ref {RequestId}]: {Error}",
            httpContext.Request.Method, path, httpContext.TraceIdentifier, exception.GetBaseException().Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!IsMachinePath(path))
        {
            // Pages re-execute /Error, which reads the same exception and shows this message in the layout.
            return false;
        }

        await httpContext.Response.WriteAsJsonAsync(Problem(httpContext), options: null, contentType: "application/problem+json", cancellationToken);
        return true;
    }

    public static ProblemDetails Problem(HttpContext httpContext) => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = Title,
        Detail = Message,
        Type = "https://httpstatuses.io/503",
        Extensions = { ["codigoReferencia"] = httpContext.TraceIdentifier },
    };

    /// <summary>Paths answered to programs (problem details), not to people (the error page).</summary>
    public static bool IsMachinePath(string path) =>
        new PathString(path).StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || new PathString(path).StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
