using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PeiTracker.Web.Writes;

/// <summary>
/// The API's answer to a write, decided by the result's kind alone: a message can be reworded, translated or
/// left out without changing a status. The bodies are problem details (RFC 9457) with the Spanish message; the
/// messages of invalid input are keyed by the JSON field they concern ("valor", "periodo").
/// </summary>
public static class WriteResultHttp
{
    /// <summary>The status each kind answers with; the OpenAPI document declares the same ones.</summary>
    public static int StatusCodeOf(WriteStatus status) => status switch
    {
        WriteStatus.Saved or WriteStatus.Unchanged => StatusCodes.Status200OK,
        WriteStatus.Invalid => StatusCodes.Status400BadRequest,
        WriteStatus.Refused => StatusCodes.Status403Forbidden,
        WriteStatus.NotFound => StatusCodes.Status404NotFound,
        WriteStatus.Conflict => StatusCodes.Status409Conflict,
        _ => throw new UnreachableException($"Write status {status} has no HTTP answer."),
    };

    public static Results<Ok<TBody>, ProblemHttpResult, ValidationProblem> ToHttp<T, TBody>(this WriteResult<T> result, Func<T, TBody> body)
        where T : class
    {
        var status = StatusCodeOf(result.Status);
        return result.Status switch
        {
            WriteStatus.Saved or WriteStatus.Unchanged => TypedResults.Ok(body(result.Value!)),
            WriteStatus.Invalid => TypedResults.ValidationProblem(
                result.Errors.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => new[] { e.Value }), title: "Datos no válidos", detail: "Revise los campos indicados. No se guardó nada."),
            _ => TypedResults.Problem(title: TitleOf(result.Status), detail: result.Message, statusCode: status),
        };
    }

    private static string TitleOf(WriteStatus status) => status switch
    {
        WriteStatus.Refused => "Operación no permitida",
        WriteStatus.NotFound => "No encontrado",
        _ => "Conflicto",
    };
}
