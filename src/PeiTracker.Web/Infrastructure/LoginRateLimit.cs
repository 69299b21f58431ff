using System.Threading.RateLimiting;

namespace PeiTracker.Web.Infrastructure;

/// <summary>
/// Login attempts limited per client address, on top of Identity's per-account lockout: a fixed
/// window of a minute for posts to the login page, refused with 429 and a Spanish answer.
/// </summary>
public static class LoginRateLimit
{
    public const string Policy = "login";

    public const string RefusedMessage = "Demasiados intentos de ingreso desde esta dirección. Espere un minuto e inténtelo de nuevo.";

    public static IServiceCollection AddLoginRateLimit(this IServiceCollection services, int attemptsPerMinute) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Policy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = attemptsPerMinute, Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter("get"));
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(RefusedMessage, cancellationToken);
            };
        });
}
