using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace PeiTracker.Web.Infrastructure;

/// <summary>
/// The sign-in cookie's redirects, except under /api: nothing there is a page, so a request no API
/// endpoint takes (an unknown path, a body that is not JSON) answers 401 or 403 instead of sending a
/// source system to the HTML login page.
/// </summary>
public static class ApiAwareRedirects
{
    public static Task ToLogin(RedirectContext<CookieAuthenticationOptions> context) => Redirect(context, StatusCodes.Status401Unauthorized);

    public static Task ToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) => Redirect(context, StatusCodes.Status403Forbidden);

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context, int apiStatus)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = apiStatus;
        }
        else
        {
            // Relative, so a forged Host header can never send a person to another site to sign in.
            context.Response.Redirect(Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
