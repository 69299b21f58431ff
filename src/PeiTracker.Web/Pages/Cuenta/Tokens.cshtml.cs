using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Pages.Cuenta;

/// <summary>
/// A user's personal API tokens: create (shown once), list, revoke. A token is for a source system that works
/// in someone's name, so only the roles that enter or maintain data create one; the read-only roles (Consulta, and
/// Sectorista and Ceplan, which read other institutions) create none, and may still revoke old ones.
/// </summary>
public class TokensModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int MaxActiveTokens = 10;

    public const string ConsultaMessage = "Su rol (Consulta) no usa la API: no puede crear tokens. Si un sistema necesita leer o registrar datos, pida un token a la OGPP.";

    public const string ReadOnlyMessage = "Su rol es de solo lectura y no usa la API: no puede crear tokens.";

    public bool CanCreate => User.IsInRole(Roles.Administrador) || User.IsInRole(Roles.Planificador) || User.IsInRole(Roles.Registrador);

    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The new token, shown only on the response that created it.</summary>
    public string? NewToken { get; private set; }

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (!CanCreate)
        {
            return Forbid();
        }

        var name = Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            ModelState.AddModelError(nameof(Name), "Dé un nombre al token (hasta 100 caracteres), por ejemplo «Sistema de gestión consular».");
        }
        else if (await db.ApiTokens.CountAsync(t => t.UserId == UserId && t.RevokedAt == null) >= MaxActiveTokens)
        {
            ModelState.AddModelError(nameof(Name), $"Ya tiene {MaxActiveTokens} tokens activos: revoque alguno antes de crear otro.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var secret = ApiToken.NewSecret();
        var now = clock.GetUtcNow();
        db.ApiTokens.Add(new ApiToken { UserId = UserId, Name = name, Hint = secret[..10], Hash = ApiToken.HashOf(secret), CreatedAt = now });
        db.AddAudit(now, User.Identity!.Name!, AuditKind.Usuario, User.Identity.Name!, "Token de API creado", null, $"{name} ({secret[..10]}…)", null);
        await db.SaveChangesAsync();
        NewToken = secret;
        Name = null;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == UserId);
        if (token is null)
        {
            return NotFound();
        }

        if (token.RevokedAt is null)
        {
            var now = clock.GetUtcNow();
            token.RevokedAt = now;
            db.AddAudit(now, User.Identity!.Name!, AuditKind.Usuario, User.Identity.Name!, "Token de API revocado", $"{token.Name} ({token.Hint}…)", null, null);
            await db.SaveChangesAsync();
            TempData["Status"] = $"Token «{token.Name}» revocado: deja de funcionar de inmediato.";
        }

        return RedirectToPage();
    }

    private async Task LoadAsync() =>
        Tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == UserId).OrderByDescending(t => t.CreatedAt).ToListAsync();
}
