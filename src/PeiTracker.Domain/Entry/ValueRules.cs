namespace PeiTracker.Domain.Entry;

/// <summary>
/// The range a figure of an indicator must fall in, by unit of measure: the valores obtenidos and the
/// plan's own figures (línea base, logros esperados) obey the same rules.
/// </summary>
public static class ValueRules
{
    /// <summary>Null when the value is acceptable for the indicator, otherwise the reason in Spanish.</summary>
    public static string? Check(Indicator indicator, decimal value) =>
        Check(indicator.Unit, indicator.AllowsOver100, indicator.Targets.Select(t => t.Value).Append(indicator.BaselineValue ?? 0m), value);

    /// <summary>
    /// The same rules for a unit and a set of figures that are not yet (or no longer) the indicator's:
    /// <paramref name="scale"/> are the figures that tell whether an index is measured between 0 and 1.
    /// </summary>
    public static string? Check(UnitOfMeasure unit, bool allowsOver100, IEnumerable<decimal> scale, decimal value)
    {
        switch (unit)
        {
            case UnitOfMeasure.Porcentaje when value < 0m:
                return "Un porcentaje no puede ser negativo.";
            case UnitOfMeasure.Porcentaje when value > 100m && !allowsOver100:
                return "Un porcentaje debe estar entre 0 y 100 (este indicador no admite más de 100).";
            case UnitOfMeasure.Numero or UnitOfMeasure.Cantidad when value < 0m:
                return $"{Labels.Of(unit)}: el valor no puede ser negativo.";
            case UnitOfMeasure.Numero or UnitOfMeasure.Cantidad when value != decimal.Truncate(value):
                return $"{Labels.Of(unit)}: el valor debe ser un número entero.";
            case UnitOfMeasure.Indice when value < 0m:
                return "Un índice no puede ser negativo.";
            case UnitOfMeasure.Indice when value > 1m && UnitRange.IndexIsFraction(scale):
                return "Este índice se mide entre 0 y 1 (su línea base y sus metas lo están).";
            case UnitOfMeasure.Ratio or UnitOfMeasure.Tasa or UnitOfMeasure.Promedio when value < 0m:
                return $"{Labels.Of(unit)}: el valor no puede ser negativo.";
        }

        if (decimal.Round(value, Indicator.MaxDecimals) != value)
        {
            return $"Use como máximo {Indicator.MaxDecimals} decimales.";
        }

        return null;
    }
}
