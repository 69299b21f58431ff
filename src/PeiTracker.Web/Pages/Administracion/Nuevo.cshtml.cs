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
/// An administrator creates an account of their own institution. A generated initial password is shown once, in the response
/// to the POST itself, and is stored nowhere else.
/// </summary>
public class NuevoModel(
    AppDbContext db,
    InstitutionScope scope,
    UserManager<AppUser> userManager,
    TimeProvider clock,
    IValidator<NuevoModel.InputModel> validator) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<UnitOption> UnitChoices { get; private set; } = [];

    public IReadOnlyList<UnitOption> PointChoices { get; private set; } = [];

    /// <summary>Set after a successful creation with a generated password: the only time it is shown.</summary>
    public (string Email, string Password)? Created { get; private set; }

    public class InputModel : IRoleAndUnits
    {
        public string? Email { get; set; }

        public string? FullName { get; set; }

        public string? Role { get; set; }

        public List<int> UnitIds { get; set; } = [];

        public List<int> PointIds { get; set; } = [];

        /// <summary>Jefe(a) de la OGPP: approves the Informe de evaluación (ADR 0016).</summary>
        public bool HeadsPlanningOffice { get; set; }

        /// <summary>Jefe(a) de unidad: hears when the units on the account are late, and gets the weekly digest (ADR 0021).</summary>
        public bool HeadsUnit { get; set; }

        public bool GeneratePassword { get; set; } = true;

        public string? Password { get; set; }

        public string? PasswordConfirmation { get; set; }

        public bool MustChangePassword { get; set; } = true;
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator()
        {
            RuleFor(x => x.Email).NotEmpty().WithMessage("Escriba el correo institucional.");
            RuleFor(x => x.Email).EmailAddress().WithMessage("Escriba un correo válido, por ejemplo nombre@rree.gob.pe.")
                .MaximumLength(256).WithMessage("El correo no puede superar los 256 caracteres.")
                .When(x => !string.IsNullOrWhiteSpace(x.Email));
            RuleFor(x => x.FullName).NotEmpty().WithMessage("Escriba el nombre completo.")
                .MaximumLength(200).WithMessage("El nombre no puede superar los 200 caracteres.");
            RuleFor(x => x.Password).NotEmpty().When(x => !x.GeneratePassword)
                .WithMessage("Escriba la contraseña inicial o marque «Generar una contraseña».");
            RuleFor(x => x.PasswordConfirmation).Equal(x => x.Password).When(x => !x.GeneratePassword)
                .WithMessage("La confirmación no coincide con la contraseña.");
            Include(new RoleAndUnitsValidator());
        }
    }

    public async Task OnGetAsync()
    {
        UnitChoices = await UnitOptions.LoadAsync(db);
        PointChoices = await PointOptions.LoadAsync(db, scope.HomeInstitutionId);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        UnitChoices = await UnitOptions.LoadAsync(db);
        PointChoices = await PointOptions.LoadAsync(db, scope.HomeInstitutionId);
        var validation = await validator.ValidateAsync(Input);
        foreach (var failure in validation.Errors)
        {
            ModelState.AddModelError($"{nameof(Input)}.{failure.PropertyName}", failure.ErrorMessage);
        }

        if (Input.UnitIds.Any(id => UnitChoices.All(o => o.Id != id)))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.UnitIds)}", UnitOptions.UnknownOrInactive);
        }

        if (Input.PointIds.Any(id => PointChoices.All(o => o.Id != id)))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.PointIds)}", PointOptions.UnknownOrInactive);
        }

        var email = Input.Email?.Trim() ?? "";
        if (email.Length > 0 && await userManager.FindByEmailAsync(email) is not null)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Email)}", userManager.ErrorDescriber.DuplicateEmail(email).Description);
        }

        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = Input.FullName?.Trim() ?? "",
            MustChangePassword = Input.MustChangePassword,
            HeadsPlanningOffice = Input.HeadsPlanningOffice,
            HeadsUnit = Input.HeadsUnit,
            CreatedAt = clock.GetUtcNow(),
            InstitutionId = scope.HomeInstitutionId!.Value,
        };
        if (!Input.GeneratePassword && !string.IsNullOrEmpty(Input.Password))
        {
            var problems = new List<string>();
            foreach (var passwordValidator in userManager.PasswordValidators)
            {
                problems.AddRange((await passwordValidator.ValidateAsync(userManager, user, Input.Password)).Errors.Select(e => e.Description));
            }

            // One message per field: the page shows only the first error of each.
            if (problems.Count > 0)
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Password)}", string.Join(" ", problems));
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var role = await db.Roles.AsNoTracking().SingleAsync(r => r.Name == Input.Role);
        var unitIds = Input.UnitIds.Distinct().ToList();
        user.Units.AddRange(unitIds.Select(id => new UserUnit { UserId = user.Id, UnitId = id }));
        var pointIds = Input.PointIds.Distinct().ToList();
        user.Points.AddRange(pointIds.Select(id => new UserReportingPoint { UserId = user.Id, PointId = id }));

        // The role link and the audit rows are staged in the DbContext the user store saves through,
        // so CreateAsync writes the account, its role, its units and their audit in one transaction.
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        var now = clock.GetUtcNow();
        var admin = User.Identity!.Name!;
        db.AddAudit(now, admin, AuditKind.Usuario, email, "Cuenta", null, $"Creada para {user.FullName}", null);
        db.AddAudit(now, admin, AuditKind.Rol, email, "Rol", null, role.Name, null);
        if (unitIds.Count > 0)
        {
            db.AddAudit(now, admin, AuditKind.Usuario, email, "Unidades responsables", null, UnitOptions.Describe(unitIds, UnitChoices), null);
        }

        if (pointIds.Count > 0)
        {
            db.AddAudit(now, admin, AuditKind.UsuarioPunto, email, PointOptions.Field, null, UnitOptions.Describe(pointIds, PointChoices), null);
        }

        if (user.HeadsPlanningOffice)
        {
            db.AddAudit(now, admin, AuditKind.Usuario, email, EditarModel.HeadField, null, "Sí", null);
        }

        if (user.HeadsUnit)
        {
            db.AddAudit(now, admin, AuditKind.Usuario, email, EditarModel.UnitHeadField, null, "Sí", null);
        }

        if (user.MustChangePassword)
        {
            db.AddAudit(now, admin, AuditKind.Usuario, email, "Cambio de contraseña obligatorio", null, "Sí", null);
        }

        var password = Input.GeneratePassword ? PasswordGenerator.Generate() : Input.Password!;
        var result = await userManager.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            foreach (var errors in result.Errors.GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(Input.Password) : nameof(Input.Email)))
            {
                ModelState.AddModelError($"{nameof(Input)}.{errors.Key}", string.Join(" ", errors.Select(e => e.Description)));
            }

            return Page();
        }

        if (!Input.GeneratePassword)
        {
            TempData["Status"] = $"Se creó la cuenta de {user.FullName} ({email}).";
            return RedirectToPage("Index");
        }

        // Shown in this response only: no redirect, no TempData, and the browser must not keep a copy.
        Response.Headers.CacheControl = "no-store";
        Created = (email, password);
        return Page();
    }
}
