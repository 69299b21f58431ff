using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;

namespace PeiTracker.Web.Pages.Plataforma;

/// <summary>
/// The platform administrator's page: the institutions of the installation, a new institution, and an
/// institution's first accounts (its Administrador, or a Sectorista or Ceplan who reads across institutions)
/// with a one-time password shown once. It lists every institution, so it reads past the institution filter on
/// purpose; it shows counts only, never an institution's plans or figures.
/// </summary>
public class IndexModel(AppDbContext db, UserManager<AppUser> userManager, TimeProvider clock) : PageModel
{
    /// <summary>The roles this page gives: an institution's first administrator, and the cross-institution readers.</summary>
    public static readonly IReadOnlyList<string> RoleChoices = [Roles.Administrador, .. Roles.CrossInstitution];

    public sealed record InstitutionRow(int Id, string PliegoCode, string Name, string Sector, string Level, int Plans, int Accounts, int Administrators);

    public IReadOnlyList<InstitutionRow> Institutions { get; private set; } = [];

    [BindProperty]
    public InstitutionInput NewInstitution { get; set; } = new();

    [BindProperty]
    public AccountInput NewAccount { get; set; } = new();

    /// <summary>Set after an account was created: the only time its password is shown.</summary>
    public (string Email, string Password, string Institution)? Created { get; private set; }

    public sealed class InstitutionInput
    {
        public string? PliegoCode { get; set; }

        public string? Name { get; set; }

        public string? Sector { get; set; }

        public string? GovernmentLevel { get; set; }
    }

    public sealed class AccountInput
    {
        public int InstitutionId { get; set; }

        public string? Email { get; set; }

        public string? FullName { get; set; }

        public string? Role { get; set; }
    }

    public static readonly IReadOnlyList<string> Levels = ["Nacional", "Regional", "Local"];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostInstitutionAsync()
    {
        var input = NewInstitution;
        var code = input.PliegoCode?.Trim() ?? "";
        var name = input.Name?.Trim() ?? "";
        var sector = input.Sector?.Trim() ?? "";
        Check(code.Length is > 0 and <= 10, "NewInstitution.PliegoCode", "Escriba el código de pliego (hasta 10 caracteres), por ejemplo 008.");
        Check(name.Length is > 0 and <= 300, "NewInstitution.Name", "Escriba el nombre de la entidad (hasta 300 caracteres).");
        Check(sector.Length is > 0 and <= 200, "NewInstitution.Sector", "Escriba el sector (hasta 200 caracteres): un Sectorista ve las entidades de su sector.");
        Check(Levels.Contains(input.GovernmentLevel ?? ""), "NewInstitution.GovernmentLevel", "Elija el nivel de gobierno de la lista.");
        if (code.Length > 0 && await AllInstitutions.AnyAsync(i => i.PliegoCode == code))
        {
            ModelState.AddModelError("NewInstitution.PliegoCode", $"Ya existe una entidad con el pliego {code}.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var institution = new Institution { PliegoCode = code, Name = name, Sector = sector, GovernmentLevel = input.GovernmentLevel!, ExecutingUnit = Institution.DefaultExecutingUnit(name) };
        db.Institutions.Add(institution);
        await db.SaveChangesAsync();
        db.AddAudit(clock.GetUtcNow(), User.Identity!.Name!, AuditKind.Usuario, institution.DisplayName, "Entidad", null,
            $"Creada: {name} (sector {sector}, nivel {institution.GovernmentLevel})", null, institutionId: institution.Id);
        await db.SaveChangesAsync();
        TempData["Status"] = $"Se creó la entidad {institution.DisplayName}. Cree ahora su primer administrador.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAccountAsync()
    {
        var input = NewAccount;
        var email = input.Email?.Trim() ?? "";
        var fullName = input.FullName?.Trim() ?? "";
        var institution = await AllInstitutions.AsNoTracking().SingleOrDefaultAsync(i => i.Id == input.InstitutionId);
        Check(institution is not null, "NewAccount.InstitutionId", "Elija la entidad de la lista.");
        Check(email.Length is > 0 and <= 256 && new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email),
            "NewAccount.Email", "Escriba un correo válido (hasta 256 caracteres), por ejemplo nombre@entidad.gob.pe.");
        Check(fullName.Length is > 0 and <= 200, "NewAccount.FullName", "Escriba el nombre completo (hasta 200 caracteres).");
        Check(RoleChoices.Contains(input.Role ?? ""), "NewAccount.Role", "Elija un rol de la lista.");
        if (ModelState.IsValid && await userManager.FindByEmailAsync(email) is not null)
        {
            ModelState.AddModelError("NewAccount.Email", userManager.ErrorDescriber.DuplicateEmail(email).Description);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = fullName,
            MustChangePassword = true,
            CreatedAt = clock.GetUtcNow(),
            InstitutionId = institution!.Id,
        };
        var role = await db.Roles.AsNoTracking().SingleAsync(r => r.Name == input.Role);

        // Staged in the DbContext the user store saves through: the account, its role and their audit in one transaction.
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        var now = clock.GetUtcNow();
        var admin = User.Identity!.Name!;
        db.AddAudit(now, admin, AuditKind.Usuario, email, "Cuenta", null, $"Creada para {fullName} en {institution.DisplayName}", null, institutionId: institution.Id);
        db.AddAudit(now, admin, AuditKind.Rol, email, "Rol", null, role.Name, null, institutionId: institution.Id);
        db.AddAudit(now, admin, AuditKind.Usuario, email, "Cambio de contraseña obligatorio", null, "Sí", null, institutionId: institution.Id);
        var password = PasswordGenerator.Generate();
        var result = await userManager.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("NewAccount.Email", string.Join(" ", result.Errors.Select(e => e.Description)));
            await LoadAsync();
            return Page();
        }

        // Shown in this response only: no redirect, no TempData, and the browser must not keep a copy.
        Response.Headers.CacheControl = "no-store";
        Created = (email, password, institution.DisplayName);
        await LoadAsync();
        return Page();
    }

    private IQueryable<Institution> AllInstitutions => db.Institutions.IgnoreQueryFilters();

    private void Check(bool ok, string field, string message)
    {
        if (!ok)
        {
            ModelState.AddModelError(field, message);
        }
    }

    private async Task LoadAsync()
    {
        var administratorRole = db.Roles.Where(r => r.Name == Roles.Administrador).Select(r => r.Id);
        Institutions = await AllInstitutions.AsNoTracking()
            .OrderBy(i => i.PliegoCode)
            .Select(i => new InstitutionRow(
                i.Id,
                i.PliegoCode,
                i.Name,
                i.Sector,
                i.GovernmentLevel,
                db.Plans.IgnoreQueryFilters().Count(p => p.InstitutionId == i.Id),
                db.Users.Count(u => u.InstitutionId == i.Id),
                db.Users.Count(u => u.InstitutionId == i.Id && db.UserRoles.Any(ur => ur.UserId == u.Id && administratorRole.Contains(ur.RoleId)))))
            .ToListAsync();
    }
}
