using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;

namespace PeiTracker.Web.Pages.Administracion;

/// <summary>
/// An administrator edits an account of their institution (name, role, units) and changes its state: deactivate,
/// reactivate, force a password change, unlock. Every change is audited.
/// </summary>
/// <remarks>
/// Each handler loads the user tracked by the DbContext that UserManager saves through and stages
/// the audit rows there, so the one save inside UpdateAsync / UpdateSecurityStampAsync writes the
/// change and its audit together, guarded by the user's concurrency stamp.
/// </remarks>
public class EditarModel(
    AppDbContext db,
    InstitutionScope scope,
    UserManager<AppUser> userManager,
    SignInManager<AppUser> signInManager,
    TimeProvider clock,
    IValidator<EditarModel.InputModel> validator,
    IValidator<EditarModel.DeactivationInput> deactivationValidator,
    IValidator<EditarModel.NoteInput> noteValidator) : PageModel
{
    public const string LastAdministratorDeactivation =
        "No puede desactivar su propia cuenta: usted es el último administrador activo. Primero dé el rol Administrador a otra persona.";

    public const string LastAdministratorDemotion =
        "No puede quitarse el rol Administrador: usted es el último administrador activo. Primero dé el rol Administrador a otra persona.";

    private const string ConflictText =
        "Otra persona modificó esta cuenta mientras usted la editaba. Sus cambios no se guardaron: revise los datos actuales y vuelva a aplicarlos.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public DeactivationInput Deactivation { get; set; } = new();

    [BindProperty]
    public NoteInput Note { get; set; } = new();

    public AppUser Account { get; private set; } = null!;

    public string? CurrentRole { get; private set; }

    public bool IsLockedOut { get; private set; }

    public IReadOnlyList<UnitOption> UnitChoices { get; private set; } = [];

    public IReadOnlyList<UnitOption> PointChoices { get; private set; } = [];

    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    public string? ConflictMessage { get; private set; }

    /// <summary>The history's field for the head-of-planning flag, on creation and on edit.</summary>
    public const string HeadField = "Jefatura de la OGPP (aprueba el informe de evaluación)";

    /// <summary>The history's field for the head-of-unit flag.</summary>
    public const string UnitHeadField = "Jefatura de unidad (recibe los atrasos de sus unidades)";

    public class InputModel : IRoleAndUnits
    {
        public string? FullName { get; set; }

        public string? Role { get; set; }

        public List<int> UnitIds { get; set; } = [];

        public List<int> PointIds { get; set; } = [];

        /// <summary>Jefe(a) de la OGPP: approves the Informe de evaluación (ADR 0016).</summary>
        public bool HeadsPlanningOffice { get; set; }

        /// <summary>Jefe(a) de unidad: hears when the units on the account are late, and gets the weekly digest (ADR 0021).</summary>
        public bool HeadsUnit { get; set; }

        public string? Reason { get; set; }

        public string? ConcurrencyStamp { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator()
        {
            RuleFor(x => x.FullName).NotEmpty().WithMessage("Escriba el nombre completo.")
                .MaximumLength(200).WithMessage("El nombre no puede superar los 200 caracteres.");
            RuleFor(x => x.Reason).MaximumLength(1000).WithMessage("El motivo no puede superar los 1000 caracteres.");
            Include(new RoleAndUnitsValidator());
        }
    }

    public class DeactivationInput
    {
        public string? Reason { get; set; }
    }

    public sealed class DeactivationValidator : AbstractValidator<DeactivationInput>
    {
        public DeactivationValidator()
        {
            RuleFor(x => x.Reason).NotEmpty().WithMessage("Explique por qué se desactiva la cuenta: queda en el historial.")
                .MaximumLength(1000).WithMessage("El motivo no puede superar los 1000 caracteres.");
        }
    }

    /// <summary>The optional reason given when reactivating, unlocking or forcing a password change.</summary>
    public class NoteInput
    {
        public string? Reason { get; set; }
    }

    public sealed class NoteValidator : AbstractValidator<NoteInput>
    {
        public NoteValidator()
        {
            RuleFor(x => x.Reason).MaximumLength(1000).WithMessage("El motivo no puede superar los 1000 caracteres.");
        }
    }

    public async Task<IActionResult> OnGetAsync(string id) =>
        await LoadAsync(id, fillEditForm: true) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (!await LoadAsync(id, fillEditForm: false))
        {
            return NotFound();
        }

        await ValidateAsync(validator, Input, nameof(Input));
        if (Input.UnitIds.Any(unitId => UnitChoices.All(o => o.Id != unitId)))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.UnitIds)}", UnitOptions.UnknownOrInactive);
        }

        if (Input.PointIds.Any(pointId => PointChoices.All(o => o.Id != pointId)))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.PointIds)}", PointOptions.UnknownOrInactive);
        }

        if (Input.Role != Roles.Administrador && await IsLastActiveAdministratorAsync())
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Role)}", LastAdministratorDemotion);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (Input.ConcurrencyStamp != Account.ConcurrencyStamp)
        {
            return await ConflictAsync(id);
        }

        var user = Account;
        var fullName = Input.FullName!.Trim();
        var unitIds = Input.UnitIds.Distinct().ToList();
        var unitsBefore = UnitOptions.Describe(user.Units.Select(u => u.UnitId), UnitChoices);
        var unitsAfter = UnitOptions.Describe(unitIds, UnitChoices);
        var pointIds = Input.PointIds.Distinct().ToList();
        var pointsBefore = UnitOptions.Describe(user.Points.Select(p => p.PointId), PointChoices);
        var pointsAfter = UnitOptions.Describe(pointIds, PointChoices);
        var changes = 0;
        if (fullName != user.FullName)
        {
            Audit(AuditKind.Usuario, "Nombre", user.FullName, fullName, Input.Reason);
            user.FullName = fullName;
            changes++;
        }

        if (Input.Role != CurrentRole)
        {
            Audit(AuditKind.Rol, "Rol", CurrentRole, Input.Role, Input.Reason);
            // Running the platform is not an institution's role: its administrators cannot take it away, nor give it.
            var platformRole = await db.Roles.AsNoTracking().Where(r => r.Name == Roles.AdministradorPlataforma).Select(r => r.Id).SingleAsync();
            db.UserRoles.RemoveRange(await db.UserRoles.Where(ur => ur.UserId == user.Id && ur.RoleId != platformRole).ToListAsync());
            var role = await db.Roles.AsNoTracking().SingleAsync(r => r.Name == Input.Role);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
            changes++;
        }

        if (Input.HeadsPlanningOffice != user.HeadsPlanningOffice)
        {
            Audit(AuditKind.Usuario, HeadField, user.HeadsPlanningOffice ? "Sí" : "No", Input.HeadsPlanningOffice ? "Sí" : "No", Input.Reason);
            user.HeadsPlanningOffice = Input.HeadsPlanningOffice;
            changes++;
        }

        if (Input.HeadsUnit != user.HeadsUnit)
        {
            Audit(AuditKind.Usuario, UnitHeadField, user.HeadsUnit ? "Sí" : "No", Input.HeadsUnit ? "Sí" : "No", Input.Reason);
            user.HeadsUnit = Input.HeadsUnit;
            changes++;
        }

        if (unitsBefore != unitsAfter)
        {
            Audit(AuditKind.Usuario, "Unidades responsables", unitsBefore, unitsAfter, Input.Reason);
            user.Units.RemoveAll(u => !unitIds.Contains(u.UnitId));
            user.Units.AddRange(unitIds.Where(unitId => user.Units.All(u => u.UnitId != unitId))
                .Select(unitId => new UserUnit { UserId = user.Id, UnitId = unitId }));
            changes++;
        }

        if (pointsBefore != pointsAfter)
        {
            Audit(AuditKind.UsuarioPunto, PointOptions.Field, pointsBefore, pointsAfter, Input.Reason);
            user.Points.RemoveAll(p => !pointIds.Contains(p.PointId));
            user.Points.AddRange(pointIds.Where(pointId => user.Points.All(p => p.PointId != pointId))
                .Select(pointId => new UserReportingPoint { UserId = user.Id, PointId = pointId }));
            changes++;
        }

        if (changes == 0)
        {
            TempData["Status"] = "No había cambios que guardar.";
            return RedirectToPage(new { id });
        }

        // A new role ends the person's open sessions at their next request (the new security stamp): they sign
        // in again with the new role, and nobody keeps rights that were taken away.
        if (Input.Role == CurrentRole)
        {
            return await FinishAsync(id, await userManager.UpdateAsync(user), $"Se guardaron {changes} cambio(s) en la cuenta.");
        }

        var saved = await userManager.UpdateSecurityStampAsync(user);
        if (saved.Succeeded && user.Id == userManager.GetUserId(User))
        {
            await signInManager.RefreshSignInAsync(user);
        }

        return await FinishAsync(id, saved, $"Se guardaron {changes} cambio(s) en la cuenta. Sus sesiones abiertas se cerraron: al volver a ingresar tendrá el nuevo rol.");
    }

    public async Task<IActionResult> OnPostDeactivateAsync(string id)
    {
        if (!await LoadAsync(id, fillEditForm: true))
        {
            return NotFound();
        }

        await ValidateAsync(deactivationValidator, Deactivation, nameof(Deactivation));
        if (await IsLastActiveAdministratorAsync())
        {
            ModelState.AddModelError($"{nameof(Deactivation)}.{nameof(Deactivation.Reason)}", LastAdministratorDeactivation);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!Account.IsActive)
        {
            TempData["Status"] = "La cuenta ya estaba desactivada.";
            return RedirectToPage(new { id });
        }

        Audit(AuditKind.Usuario, "Estado", "Activa", "Desactivada", Deactivation.Reason);
        Account.IsActive = false;

        // AccountStatusMiddleware refuses the inactive account at its next request; the new security
        // stamp also invalidates every cookie issued before, for anything the middleware does not cover.
        return await FinishAsync(id, await userManager.UpdateSecurityStampAsync(Account),
            "Se desactivó la cuenta: ya no puede ingresar y sus sesiones abiertas se cerraron.");
    }

    public async Task<IActionResult> OnPostReactivateAsync(string id)
    {
        if (!await LoadAsync(id, fillEditForm: true))
        {
            return NotFound();
        }

        if (!await ValidateAsync(noteValidator, Note, nameof(Note)))
        {
            return Page();
        }

        if (Account.IsActive)
        {
            TempData["Status"] = "La cuenta ya estaba activa.";
            return RedirectToPage(new { id });
        }

        Audit(AuditKind.Usuario, "Estado", "Desactivada", "Activa", Note.Reason);
        Account.IsActive = true;
        return await FinishAsync(id, await userManager.UpdateAsync(Account), "Se reactivó la cuenta: puede volver a ingresar con su contraseña.");
    }

    public async Task<IActionResult> OnPostForcePasswordChangeAsync(string id)
    {
        if (!await LoadAsync(id, fillEditForm: true))
        {
            return NotFound();
        }

        if (!await ValidateAsync(noteValidator, Note, nameof(Note)))
        {
            return Page();
        }

        if (Account.MustChangePassword)
        {
            TempData["Status"] = "La cuenta ya tenía pendiente el cambio de contraseña.";
            return RedirectToPage(new { id });
        }

        Audit(AuditKind.Usuario, "Cambio de contraseña obligatorio", "No", "Sí", Note.Reason);
        Account.MustChangePassword = true;
        return await FinishAsync(id, await userManager.UpdateAsync(Account), "La persona tendrá que cambiar su contraseña en su próxima página.");
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id)
    {
        if (!await LoadAsync(id, fillEditForm: true))
        {
            return NotFound();
        }

        if (!await ValidateAsync(noteValidator, Note, nameof(Note)))
        {
            return Page();
        }

        if (!IsLockedOut)
        {
            TempData["Status"] = "La cuenta no estaba bloqueada.";
            return RedirectToPage(new { id });
        }

        Audit(AuditKind.Usuario, "Bloqueo", $"Bloqueada hasta {PeruTime.Format(Account.LockoutEnd!.Value)}", "Desbloqueada", Note.Reason);
        Account.LockoutEnd = null;
        Account.AccessFailedCount = 0;
        return await FinishAsync(id, await userManager.UpdateAsync(Account), "Se desbloqueó la cuenta: puede volver a intentar ingresar.");
    }

    /// <summary>Loads the account tracked, for the handlers to change; the edit form shows its current data unless it is being posted.</summary>
    private async Task<bool> LoadAsync(string id, bool fillEditForm)
    {
        var user = await scope.Users.Include(u => u.Units).Include(u => u.Points).SingleOrDefaultAsync(u => u.Id == id);
        if (user is null)
        {
            return false;
        }

        Account = user;
        CurrentRole = (await userManager.GetRolesAsync(user)).Where(r => r != Roles.AdministradorPlataforma).Order(StringComparer.Ordinal).FirstOrDefault();
        IsLockedOut = user.LockoutEnd > clock.GetUtcNow();
        UnitChoices = await UnitOptions.LoadAsync(db, user.Units.Select(u => u.UnitId).ToList());
        PointChoices = await PointOptions.LoadAsync(db, user.InstitutionId, user.Points.Select(p => p.PointId).ToList());
        History = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Subject == user.Email && (a.Kind == AuditKind.Usuario || a.Kind == AuditKind.Rol || a.Kind == AuditKind.UsuarioPunto))
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(30)
            .ToListAsync();
        if (fillEditForm)
        {
            Input = new InputModel
            {
                FullName = user.FullName,
                Role = CurrentRole,
                UnitIds = user.Units.Select(u => u.UnitId).ToList(),
                PointIds = user.Points.Select(p => p.PointId).ToList(),
                HeadsPlanningOffice = user.HeadsPlanningOffice,
                HeadsUnit = user.HeadsUnit,
                ConcurrencyStamp = user.ConcurrencyStamp,
            };
        }

        return true;
    }

    private async Task<bool> ValidateAsync<T>(IValidator<T> inputValidator, T input, string prefix)
    {
        var validation = await inputValidator.ValidateAsync(input);
        foreach (var failure in validation.Errors)
        {
            ModelState.AddModelError($"{prefix}.{failure.PropertyName}", failure.ErrorMessage);
        }

        return ModelState.IsValid;
    }

    /// <summary>True when this account is the only active administrator left: demoting or deactivating it would lock everyone out.</summary>
    private async Task<bool> IsLastActiveAdministratorAsync()
    {
        if (!Account.IsActive || CurrentRole != Roles.Administrador)
        {
            return false;
        }

        var administrators = await userManager.GetUsersInRoleAsync(Roles.Administrador);
        return administrators.Where(a => a.InstitutionId == Account.InstitutionId).All(a => a.Id == Account.Id || !a.IsActive);
    }

    private void Audit(AuditKind kind, string field, string? before, string? after, string? reason) =>
        db.AddAudit(clock.GetUtcNow(), User.Identity!.Name!, kind, Account.Email!, field, before, after,
            string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());

    private async Task<IActionResult> FinishAsync(string id, IdentityResult result, string success)
    {
        if (result.Succeeded)
        {
            TempData["Status"] = success;
            return RedirectToPage(new { id });
        }

        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            return await ConflictAsync(id);
        }

        db.ChangeTracker.Clear();
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(string.Empty, error.Description);
        }

        await LoadAsync(id, fillEditForm: false);
        return Page();
    }

    private async Task<IActionResult> ConflictAsync(string id)
    {
        db.ChangeTracker.Clear();
        ModelState.Clear();
        await LoadAsync(id, fillEditForm: true);
        ConflictMessage = ConflictText;
        return Page();
    }
}
