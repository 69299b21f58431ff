using Microsoft.AspNetCore.Mvc.ModelBinding;
using PeiTracker.Domain.Editing;

namespace PeiTracker.Web.Writes;

public static class ModelStateExtensions
{
    /// <summary>
    /// Shows a refused operation's messages on the form: each under the field it names (the domain's
    /// keys are the bound names, after the page's prefix such as "Input.").
    /// </summary>
    public static void AddEditErrors(this ModelStateDictionary modelState, EditResult result, string prefix = "")
    {
        foreach (var (field, message) in result.Errors)
        {
            modelState.AddModelError(field.Length == 0 ? "" : prefix + field, message);
        }
    }
}
