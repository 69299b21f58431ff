using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace PeiTracker.Web.Infrastructure;

/// <summary>
/// Refuses a post whose declared size exceeds the page's upload limit with 413 before anything
/// reads the body (anti-forgery validation would read it first), so every server answers the same
/// way and the error page explains it in Spanish. The server's own request limit still applies to
/// bodies sent without a length.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadLimitAttribute(long maxRequestBytes) : Attribute, IAuthorizationFilter, IOrderedFilter
{
    /// <summary>Before the anti-forgery filter (order 1000).</summary>
    public int Order => 0;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsPost(request.Method) && request.ContentLength > maxRequestBytes)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
        }
    }
}
