using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;

namespace PeiTracker.Web.Api;

/// <summary>
/// "Authorization: Bearer pei_..." for the JSON API. The token is looked up by its hash; a revoked
/// token or a deactivated user is refused, and so is a locked-out user or one who must change their password (403).
/// Failures answer with RFC 7807 problem details in Spanish.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AppDbContext db,
    UserManager<AppUser> users,
    InstitutionScope scope,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    private const string RefusalKey = "pei.api.refusal";
    private const string PasswordChangePending = "password-change-pending";
    private const string LockedOut = "locked-out";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(ApiToken.Prefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return AuthenticateResult.Fail("Token con formato no válido.");
        }

        var hash = ApiToken.HashOf(secret);
        var token = await db.ApiTokens.Include(t => t.User).SingleOrDefaultAsync(t => t.Hash == hash);
        if (token is null || token.RevokedAt is not null || token.User is null || !token.User.IsActive)
        {
            return AuthenticateResult.Fail("Token no válido o revocado.");
        }

        // A locked-out account (failed sign-ins, wrong current passwords) cannot go around its lockout with a token.
        if (await users.IsLockedOutAsync(token.User))
        {
            Context.Items[RefusalKey] = LockedOut;
            return AuthenticateResult.Fail("Cuenta bloqueada.");
        }

        if (token.User.MustChangePassword)
        {
            // The browser sends such a person to change it first (AccountStatusMiddleware); the API cannot, so it refuses.
            Context.Items[RefusalKey] = PasswordChangePending;
            return AuthenticateResult.Fail("Cambio de contraseña pendiente.");
        }

        var now = clock.GetUtcNow();
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync();
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, token.User.Id),
            new(ClaimTypes.Name, token.User.UserName ?? token.User.Email ?? token.User.Id),
        };
        claims.AddRange((await users.GetRolesAsync(token.User)).Select(role => new Claim(ClaimTypes.Role, role)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        await scope.ApplyAsync(principal, token.User.InstitutionId, Context.RequestAborted);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => Context.Items[RefusalKey] switch
    {
        PasswordChangePending => WriteProblemAsync(StatusCodes.Status403Forbidden, "Cambio de contraseña pendiente",
            "Debe cambiar su contraseña en la aplicación (Mi cuenta > Contraseña) antes de usar la API; mientras tanto sus tokens no se aceptan."),
        LockedOut => WriteProblemAsync(StatusCodes.Status403Forbidden, "Cuenta bloqueada",
            "La cuenta del token está bloqueada temporalmente por intentos fallidos de contraseña; sus tokens no se aceptan hasta que termine el bloqueo o un administrador la desbloquee."),
        _ => WriteProblemAsync(StatusCodes.Status401Unauthorized, "No autenticado",
            "Envíe un token personal válido en la cabecera Authorization: Bearer pei_... (se crea en Mi cuenta > Tokens de API)."),
    };

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Acceso denegado", "El usuario del token no tiene permiso para esta operación.");

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Response.WriteAsJsonAsync(
            new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail, Type = $"https://httpstatuses.io/{status}" },
            options: null,
            contentType: "application/problem+json");
    }
}
