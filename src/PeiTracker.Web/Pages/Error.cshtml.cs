using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeiTracker.Web.Infrastructure;

namespace PeiTracker.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public string RequestId { get; private set; } = "";

    public int Code { get; private set; } = 500;

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        RequestId = HttpContext.TraceIdentifier;
        // Re-executed by the exception handler there is no code in the query, but the status is already
        // chosen (400 for a request ASP.NET Core could not read, such as a form with a NUL character).
        Code = code ?? (DatabaseUnavailable.Is(HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error) ? 503
            : Response.StatusCode is >= 400 and < 500 ? Response.StatusCode : 500);
    }

    public string Title => Code switch
    {
        404 => "Página no encontrada",
        403 => "Acceso denegado",
        400 => "Solicitud no válida",
        413 => "Archivo demasiado grande",
        503 => DatabaseUnavailable.Title,
        _ => "Ocurrió un error",
    };

    public string Message => Code switch
    {
        404 => "La dirección no existe o el elemento fue eliminado. Revise el enlace o vuelva al plan.",
        403 => "Su rol no permite esta acción.",
        400 => "La solicitud no pudo procesarse. Vuelva a cargar la página e inténtelo de nuevo.",
        413 => "El archivo enviado supera el límite de tamaño (10 MB por evidencia, 5 MB para la Matriz del PEI). No se guardó nada: vuelva atrás y elija un archivo más pequeño.",
        503 => DatabaseUnavailable.Message + " Si estaba guardando un valor, vuelva a abrirlo para confirmar si quedó registrado.",
        _ => "No pudimos completar la operación. Sus datos no se modificaron. Si el problema continúa, comunique el código de referencia al administrador.",
    };
}
