using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Pages;

/// <summary>Where a person lands after signing in: the page of their daily work, not the whole plan tree.</summary>
public class IndexModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect(LandingOf(User));

    /// <summary>
    /// The planning office (and the administrator, who works as it) starts at the values waiting for validation;
    /// a unit's registrar at its own pending values; everyone else at the dashboard.
    /// </summary>
    private static string LandingOf(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Administrador) || user.IsInRole(Roles.Planificador) ? "/Registro/Revision"
        : user.IsInRole(Roles.Registrador) ? "/Registro"
        : "/Tablero";
}
