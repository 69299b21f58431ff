using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace PeiTracker.Web.Writes;

/// <summary>
/// A page's answer to a write that did not succeed, decided by the result's kind: the messages by field when
/// the input breaks a rule, otherwise one message above the form (a conflict, a refusal, something missing).
/// </summary>
public static class WriteResultPages
{
    public static void AddTo<T>(this WriteResult<T> result, ModelStateDictionary modelState)
        where T : class
    {
        if (result.Status == WriteStatus.Invalid)
        {
            foreach (var (field, message) in result.Errors)
            {
                modelState.AddModelError(field, message);
            }
        }
        else if (!result.Succeeded)
        {
            modelState.AddModelError(string.Empty, Summary(result));
        }
    }

    /// <summary>The whole answer in one line, for pages that redirect with a notice.</summary>
    public static string Summary<T>(this WriteResult<T> result)
        where T : class =>
        result.Status == WriteStatus.Invalid ? string.Join(" ", result.Errors.Values) : result.Message ?? "No se guardó nada.";
}
