using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace PeiTracker.Web.Writes;

/// <summary>Every edit of the plan needs a reason: it goes into the history next to each change.</summary>
public static class ChangeReason
{
    public const int MaxLength = 1000;
    public const string RequiredMessage = "Explique el motivo del cambio: queda en el historial.";
    public const string TooLongMessage = "El motivo no puede superar los 1000 caracteres.";

    /// <summary>Adds the form's message under <paramref name="key"/> when the reason is missing or too long.</summary>
    public static void Check(ModelStateDictionary modelState, string key, string? reason, string requiredMessage = RequiredMessage)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            modelState.AddModelError(key, requiredMessage);
        }
        else if (reason.Length > MaxLength)
        {
            modelState.AddModelError(key, TooLongMessage);
        }
    }
}
