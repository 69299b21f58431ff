using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Pages.Cuenta;

public class IngresarModel(SignInManager<AppUser> signInManager, UserManager<AppUser> userManager, ILogger<IngresarModel> logger) : PageModel
{
    /// <summary>One message for every failure, so the page never tells whether an account exists.</summary>
    public const string FailureMessage = "Correo o contraseña incorrectos. Tras 5 intentos fallidos la cuenta se bloquea 15 minutos.";

    private static string? dummyHash;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Ingrese su correo.")]
        [Display(Name = "Correo institucional")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Ingrese su contraseña.")]
        [DataType(DataType.Password)]
        [Display(Name = "Contraseña")]
        public string Password { get; set; } = "";
    }

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl());
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Same message and the same work (one password hash) whether the account exists, is inactive or
        // locked out: neither the answer nor its timing tells an account apart from a typo.
        var user = await userManager.FindByEmailAsync(Input.Email.Trim());
        if (user is null || !user.IsActive || await userManager.IsLockedOutAsync(user))
        {
            HashAsIfChecking(userManager.PasswordHasher, Input.Password);
            if (user is not null && user.IsActive)
            {
                logger.LogWarning("User {UserId} is locked out", user.Id);
            }

            ModelState.AddModelError(string.Empty, FailureMessage);
            return Page();
        }

        var result = await signInManager.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("User {UserId} signed in", user.Id);
            return LocalRedirect(SafeReturnUrl());
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("User {UserId} is locked out", user.Id);
        }

        ModelState.AddModelError(string.Empty, FailureMessage);
        return Page();
    }

    /// <summary>A real verification against a hash made once with the app's own hasher (same algorithm and iterations).</summary>
    private static void HashAsIfChecking(IPasswordHasher<AppUser> hasher, string password)
    {
        var stand = new AppUser { FullName = "" };
        dummyHash ??= hasher.HashPassword(stand, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(stand, dummyHash, password);
    }

    private string SafeReturnUrl() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
