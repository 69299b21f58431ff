using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeiTracker.Domain;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Pages.Cuenta;

/// <summary>Mi cuenta: a signed-in person changes their own password (required when an administrator asked for it).</summary>
public class ContrasenaModel(
    AppDbContext db,
    UserManager<AppUser> userManager,
    SignInManager<AppUser> signInManager,
    TimeProvider clock,
    IValidator<ContrasenaModel.InputModel> validator) : PageModel
{
    public const string LockedOutMessage =
        "Demasiados intentos con una contraseña actual incorrecta: su cuenta quedó bloqueada 15 minutos. Inténtelo más tarde o pida ayuda al administrador.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool MustChange { get; private set; }

    public string ContinueUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    public class InputModel
    {
        public string? CurrentPassword { get; set; }

        public string? NewPassword { get; set; }

        public string? ConfirmPassword { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator()
        {
            RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("Escriba su contraseña actual.");
            RuleFor(x => x.NewPassword).NotEmpty().WithMessage("Escriba la nueva contraseña.");
            RuleFor(x => x.NewPassword).NotEqual(x => x.CurrentPassword).When(x => !string.IsNullOrEmpty(x.NewPassword))
                .WithMessage("La nueva contraseña debe ser distinta de la actual.");
            RuleFor(x => x.ConfirmPassword).Equal(x => x.NewPassword)
                .WithMessage("La confirmación no coincide con la nueva contraseña.");
        }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        MustChange = user.MustChangePassword;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        MustChange = user.MustChangePassword;
        var validation = await validator.ValidateAsync(Input);
        foreach (var failure in validation.Errors)
        {
            ModelState.AddModelError($"{nameof(Input)}.{failure.PropertyName}", failure.ErrorMessage);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // The current password is guessed like a sign-in (a session left open, a stolen cookie): a wrong one counts
        // as a failed access and, at the fifth, locks the account for sign-in and for this form alike.
        var check = await signInManager.CheckPasswordSignInAsync(user, Input.CurrentPassword!, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.CurrentPassword)}", check.IsLockedOut
                ? LockedOutMessage
                : userManager.ErrorDescriber.PasswordMismatch().Description);
            return Page();
        }

        // Staged in the same DbContext, so ChangePasswordAsync saves the flag and the audit row with the new hash.
        user.MustChangePassword = false;
        db.AddAudit(clock.GetUtcNow(), user.UserName!, AuditKind.Usuario, user.Email!, "Contraseña", null,
            MustChange ? "Cambiada por el usuario (cambio obligatorio)" : "Cambiada por el usuario", null);
        var result = await userManager.ChangePasswordAsync(user, Input.CurrentPassword!, Input.NewPassword!);
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();

            // One message per field: the page shows only the first error of each.
            var byField = result.Errors.GroupBy(error => error.Code switch
            {
                nameof(IdentityErrorDescriber.PasswordMismatch) => $"{nameof(Input)}.{nameof(InputModel.CurrentPassword)}",
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => $"{nameof(Input)}.{nameof(InputModel.NewPassword)}",
                _ => string.Empty,
            });
            foreach (var errors in byField)
            {
                ModelState.AddModelError(errors.Key, string.Join(" ", errors.Select(e => e.Description)));
            }

            return Page();
        }

        // The new security stamp ends every other session at its next request; this one gets a new cookie.
        await signInManager.RefreshSignInAsync(user);
        TempData["Status"] = "Su contraseña se cambió. Las demás sesiones abiertas con su cuenta se cerraron.";
        return RedirectToPage(new { ReturnUrl });
    }
}
