using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using PeiTracker.Web.Infrastructure;

namespace PeiTracker.Web.Api;

/// <summary>
/// A request the API cannot read (a body that is not JSON or not of the documented shape, a query value of the
/// wrong type, a missing required parameter) answers with a Spanish problem detail like every other API answer,
/// not with the HTML error page. Minimal APIs throw these (RouteHandlerOptions.ThrowOnBadRequest) so they land here.
/// </summary>
public sealed class ApiBadRequest(ILogger<ApiBadRequest> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value ?? "";
        if (exception is not BadHttpRequestException bad || !DatabaseUnavailable.IsMachinePath(path))
        {
            return false;
        }

        logger.LogInformation("Unreadable API request {Method} {Path} [ref {RequestId}]: {Error}", httpContext.Request.Method, path, httpContext.TraceIdentifier, bad.Message);
        var (title, detail) = bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => ("Solicitud demasiado grande", "El cuerpo de la solicitud supera el tamaño admitido. No se guardó nada."),
            StatusCodes.Status415UnsupportedMediaType => ("Formato no admitido", "Envíe el cuerpo como JSON, con la cabecera Content-Type: application/json. No se guardó nada."),
            _ => ("Solicitud no válida",
                "No se pudo leer la solicitud: envíe JSON válido con los campos y tipos que describe /api/v1/openapi.json " +
                "(por ejemplo \"anio\" como número y \"valor\" como texto) y los parámetros obligatorios. No se guardó nada."),
        };
        httpContext.Response.StatusCode = bad.StatusCode;
        await httpContext.Response.WriteAsJsonAsync(
            new ProblemDetails { Status = bad.StatusCode, Title = title, Detail = detail, Type = $"https://httpstatuses.io/{bad.StatusCode}", Extensions = { ["codigoReferencia"] = httpContext.TraceIdentifier } },
            options: null,
            contentType: "application/problem+json",
            cancellationToken);
        return true;
    }
}
