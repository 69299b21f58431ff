using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PeiTracker.Web.Infrastructure;

/// <summary>
/// /health for load balancers and operators: 200 while the database answers (degraded included),
/// 503 with the same Spanish problem details as the API when it does not.
/// </summary>
public static class HealthEndpoint
{
    public static readonly HealthCheckOptions Options = new()
    {
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
        ResponseWriter = (context, report) => report.Status == HealthStatus.Unhealthy
            ? context.Response.WriteAsJsonAsync(DatabaseUnavailable.Problem(context), options: null, contentType: "application/problem+json")
            : context.Response.WriteAsync(report.Status.ToString()),
    };
}
