using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Pages.Cuenta;

public class SalirModel(SignInManager<AppUser> signInManager, UserManager<AppUser> userManager) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    /// <summary>
    /// A new security stamp ends every session of the account (AccountStatusMiddleware), so a copy of this
    /// cookie is worth nothing after signing out; deleting it alone would leave any copy valid for hours.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await userManager.GetUserAsync(User) is { } user)
        {
            await userManager.UpdateSecurityStampAsync(user);
        }

        await signInManager.SignOutAsync();
        return RedirectToPage("/Cuenta/Ingresar");
    }
}
