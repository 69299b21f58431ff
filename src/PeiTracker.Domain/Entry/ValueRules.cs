namespace PeiTracker.Domain.Entry;

/// <summary>The range a valor obtenido must fall in, by unit of measure.</summary>
public static class ValueRules
{
    /// <summary>Null when the value is acceptable for the indicator, otherwise the reason in Spanish.</summary>
    public static string? Check(Indicator indicator, decimal value)
    {
        switch (indicator.Unit)
        {
            case UnitOfMeasure.Porcentaje when value < 0m:
                return "Un porcentaje no puede ser negativo.";
            case UnitOfMeasure.Porcentaje when value > 100m && !indicator.AllowsOver100:
                return "Un porcentaje debe estar entre 0 y 100 (este indicador no admite más de 100).";
            case UnitOfMeasure.Numero or UnitOfMeasure.Cantidad when value < 0m:
                return $"{Labels.Of(indicator.Unit)}: el valor no puede ser negativo.";
            case UnitOfMeasure.Numero or UnitOfMeasure.Cantidad when value != decimal.Truncate(value):
                return $"{Labels.Of(indicator.Unit)}: el valor debe ser un número entero.";
            case UnitOfMeasure.Indice when value < 0m:
                return "Un índice no puede ser negativo.";
            case UnitOfMeasure.Indice when value > 1m && UnitRange.Of(indicator).Max == 1m:
                return "Este índice se mide entre 0 y 1 (su línea base y sus metas lo están).";
            case UnitOfMeasure.Ratio or UnitOfMeasure.Tasa or UnitOfMeasure.Promedio when value < 0m:
                return $"{Labels.Of(indicator.Unit)}: el valor no puede ser negativo.";
        }

        if (decimal.Round(value, Indicator.MaxDecimals) != value)
        {
            return $"Use como máximo {Indicator.MaxDecimals} decimales.";
        }

        return null;
    }
}
