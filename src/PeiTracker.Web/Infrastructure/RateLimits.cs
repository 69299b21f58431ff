using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace PeiTracker.Web.Infrastructure;

/// <summary>
/// Password guessing is bounded twice: the per-account lockout (Identity) and these limits on the posts,
/// each answered with a Spanish 429. Sign-in is limited per client address (PEI_LOGIN_RATE_LIMIT a minute,
/// default 30), the change-password form per signed-in account (PEI_PASSWORD_RATE_LIMIT, default 10).
/// </summary>
public static class RateLimits
{
    public const string Login = "login";

    public const string ChangePassword = "change-password";

    public static IServiceCollection AddPeiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var loginLimit = configuration.GetValue("PEI_LOGIN_RATE_LIMIT", 30);
        var passwordLimit = configuration.GetValue("PEI_PASSWORD_RATE_LIMIT", 10);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Login, context => PostsPerMinute(context.Connection.RemoteIpAddress?.ToString() ?? "local", loginLimit, context));
            options.AddPolicy(ChangePassword, context => PostsPerMinute(
                context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.Connection.RemoteIpAddress?.ToString() ?? "local", passwordLimit, context));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var policy = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(policy == ChangePassword
                    ? "Demasiados intentos de cambio de contraseña con esta cuenta. Espere un minuto e inténtelo de nuevo."
                    : "Demasiados intentos de ingreso desde esta dirección. Espere un minuto e inténtelo de nuevo.", cancellationToken);
            };
        });
    }

    private static RateLimitPartition<string> PostsPerMinute(string key, int limit, HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1) })
            : RateLimitPartition.GetNoLimiter("get");
}
