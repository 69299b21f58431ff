using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeiTracker.Web.Notices;

namespace PeiTracker.Web.Pages.Avisos;

/// <summary>
/// An e-mail's unsubscribe link: without signing in, the signed token names the account and the kind; the page
/// asks for a confirmation (a GET changes nothing, so a mail scanner opening the link unsubscribes nobody) and sets
/// the kind to "no enviar por correo", or explains that the kind cannot be switched off. A mail client's one-click
/// unsubscribe (RFC 8058) posts to the same address.
/// </summary>
[AllowAnonymous]
// The signed token is what authorizes the change: a mail client's one-click POST carries no anti-forgery token.
[IgnoreAntiforgeryToken]
public class BajaModel(UnsubscribeTokens tokens, NoticePreferences preferences) : PageModel
{
    public const string InvalidMessage = "El enlace para dejar de recibir avisos no es válido o fue alterado. Ingrese a PeiTracker y cambie sus preferencias de avisos.";

    [BindProperty(SupportsGet = true, Name = "t")]
    public string? Token { get; set; }

    public NoticeKind? Kind { get; private set; }

    public bool Locked => Kind is { } kind && NoticePreferences.Effective(kind, NoticeDelivery.Ninguno) != NoticeDelivery.Ninguno;

    public bool Done { get; private set; }

    public IActionResult OnGet()
    {
        if (tokens.Read(Token) is not { } named)
        {
            return Invalid();
        }

        Kind = named.Kind;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (tokens.Read(Token) is not { } named)
        {
            return Invalid();
        }

        Kind = named.Kind;
        if (!Locked)
        {
            await preferences.SetAsync(named.UserId, new Dictionary<NoticeKind, NoticeDelivery> { [named.Kind] = NoticeDelivery.Ninguno }, HttpContext.RequestAborted);
            Done = true;
        }

        return Page();
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
