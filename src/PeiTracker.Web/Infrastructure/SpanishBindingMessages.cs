using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace PeiTracker.Web.Infrastructure;

/// <summary>
/// What model binding says when a posted value does not fit its field ("abc" for a whole number,
/// an empty list choice): in Spanish, instead of the framework's English defaults.
/// </summary>
public static class SpanishBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider messages)
    {
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => $"«{value}» no es un valor válido para este campo.");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"«{value}» no es un valor válido.");
        messages.SetUnknownValueIsInvalidAccessor(_ => "El valor no es válido para este campo.");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "El valor no es válido.");
        messages.SetValueIsInvalidAccessor(value => $"«{value}» no es un valor válido.");
        messages.SetValueMustBeANumberAccessor(_ => "Escriba un número en este campo.");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "Escriba un número.");
        messages.SetValueMustNotBeNullAccessor(_ => "Complete este campo.");
        messages.SetMissingBindRequiredValueAccessor(_ => "Complete este campo.");
        messages.SetMissingKeyOrValueAccessor(() => "Complete este campo.");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "Falta el contenido de la solicitud.");
    }
}
