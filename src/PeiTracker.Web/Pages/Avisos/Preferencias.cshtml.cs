using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PeiTracker.Web.Notices;

namespace PeiTracker.Web.Pages.Avisos;

/// <summary>How the signed-in person receives each kind of notice by e-mail: at once, in a daily digest, or not at all.</summary>
public class PreferenciasModel(NoticePreferences preferences, IOptions<IdentityOptions> identityOptions) : PageModel
{
    public IReadOnlyDictionary<NoticeKind, NoticeDelivery> Current { get; private set; } = new Dictionary<NoticeKind, NoticeDelivery>();

    /// <summary>The choices posted, by kind (Delivery[PlazoProximo]=Ninguno).</summary>
    [BindProperty]
    public Dictionary<NoticeKind, NoticeDelivery> Delivery { get; set; } = [];

    public string? Error { get; private set; }

    public static string Describe(NoticeDelivery delivery) => delivery switch
    {
        NoticeDelivery.Inmediato => "En el momento",
        NoticeDelivery.ResumenDiario => "En un resumen diario",
        NoticeDelivery.Ninguno => "No enviar por correo",
        _ => delivery.ToString(),
    };

    private string UserId => User.FindFirstValue(identityOptions.Value.ClaimsIdentity.UserIdClaimType)!;

    public async Task OnGetAsync() => Current = await preferences.AllAsync(UserId, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Error = "Elija, para cada tipo de aviso, una de las opciones de la lista.";
        }
        else if (await preferences.SetAsync(UserId, Delivery, HttpContext.RequestAborted) is { } refusal)
        {
            Error = refusal;
        }

        if (Error is not null)
        {
            Current = await preferences.AllAsync(UserId, HttpContext.RequestAborted);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        TempData["Status"] = "Se guardaron sus preferencias de avisos.";
        return RedirectToPage();
    }
}
