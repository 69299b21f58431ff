using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace PeiTracker.Web.Infrastructure;

/// <summary>
/// Whole numbers and list choices (enums) accept only plain digits, or the choice's name: the
/// framework's converters also read "0x10" as 16 and "1,5" as the flags 1|5, silently saving a
/// value nobody typed.
/// </summary>
public sealed partial class PlainWholeNumberBinder(IModelBinder inner, Type type) : IModelBinder
{
    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var posted = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        var text = posted.FirstValue?.Trim();
        if (posted != ValueProviderResult.None && !string.IsNullOrEmpty(text) && !PlainInteger().IsMatch(text)
            && !(type.IsEnum && Enum.GetNames(type).Contains(text, StringComparer.OrdinalIgnoreCase)))
        {
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, posted);
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                type.IsEnum ? $"«{text}» no es una opción de la lista." : $"«{text}» no es un número entero: escriba solo dígitos.");
            bindingContext.Result = ModelBindingResult.Failed();
            return;
        }

        await inner.BindModelAsync(bindingContext);
    }

    [GeneratedRegex(@"^-?[0-9]{1,10}$")]
    private static partial Regex PlainInteger();
}

public sealed class PlainWholeNumberBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = context.Metadata.UnderlyingOrModelType;
        if (context.Metadata.IsComplexType || !(type.IsEnum || type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(uint)))
        {
            return null;
        }

        var loggers = context.Services.GetRequiredService<ILoggerFactory>();
        return new PlainWholeNumberBinder(new SimpleTypeModelBinder(context.Metadata.ModelType, loggers), type);
    }
}
