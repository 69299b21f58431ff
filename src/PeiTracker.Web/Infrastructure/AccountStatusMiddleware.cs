using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Infrastructure;

/// <summary>
/// Runs after authentication on every request for something that needs a signed-in user, with one
/// indexed read of the account: a session whose security stamp is no longer the account's (signed out,
/// role changed, deactivated, password changed elsewhere) or whose account is inactive ends at once,
/// so a copied cookie dies with the sign-out; and a person who must change their password is sent to
/// <see cref="ChangePasswordPath"/> until they do. Anonymous endpoints (login, static files,
/// /health, the error page) are left alone, so nothing about an account shows before sign-in.
/// Identity's own periodic stamp validation keeps its default interval (30 minutes): this check makes it redundant.
/// The same read gives the account's institution, which scopes every query of the request (<see cref="InstitutionScope"/>).
/// </summary>
public sealed class AccountStatusMiddleware(RequestDelegate next)
{
    public const string ChangePasswordPath = "/Cuenta/Contrasena";

    private static readonly PathString[] AllowedWhileChangePending = [ChangePasswordPath, "/Cuenta/Salir"];

    private sealed record AccountState(bool IsActive, bool MustChangePassword, string? SecurityStamp, int InstitutionId);

    // Compiled once: it runs on every signed-in request.
    private static readonly Func<AppDbContext, string, Task<AccountState?>> AccountOf = EF.CompileAsyncQuery((AppDbContext db, string id) =>
        db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new AccountState(u.IsActive, u.MustChangePassword, u.SecurityStamp, u.InstitutionId)).SingleOrDefault());

    public async Task InvokeAsync(HttpContext context, AppDbContext db, InstitutionScope scope, IOptions<IdentityOptions> identityOptions)
    {
        var endpoint = context.GetEndpoint();
        if (context.User.Identity?.IsAuthenticated != true || endpoint is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            // The API's token scheme, authenticated later by authorization, widens this to the token's person.
            scope.SeeNothing();
            await next(context);
            return;
        }

        var claimTypes = identityOptions.Value.ClaimsIdentity;
        var userId = context.User.FindFirstValue(claimTypes.UserIdClaimType);
        var account = userId is null ? null : await AccountOf(db, userId);

        if (account is null || !account.IsActive || account.SecurityStamp != context.User.FindFirstValue(claimTypes.SecurityStampClaimType))
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            context.Response.Redirect("/Cuenta/Ingresar");
            return;
        }

        await scope.ApplyAsync(context.User, account.InstitutionId, context.RequestAborted);
        if (account.MustChangePassword && !AllowedWhileChangePending.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            var target = HttpMethods.IsGet(context.Request.Method)
                ? QueryHelpers.AddQueryString(ChangePasswordPath, "ReturnUrl", context.Request.PathBase + context.Request.Path + context.Request.QueryString)
                : ChangePasswordPath;
            context.Response.Redirect(target);
            return;
        }

        await next(context);
    }
}
