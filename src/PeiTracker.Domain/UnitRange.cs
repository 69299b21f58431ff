using System.Globalization;

namespace PeiTracker.Domain;

/// <summary>
/// The values a unit of measure can take (PEI-DOMAIN.md): a percentage lies in 0-100 unless the indicator
/// allows more, counts, ratios, rates, averages and indexes are never negative, an index whose baseline and
/// targets all lie in 0-1 is read as a 0-1 index, and a tasa de variación may be anything. The entry rules
/// refuse values outside it; the projection never leaves it.
/// </summary>
public readonly record struct UnitRange(decimal? Min, decimal? Max)
{
    public static UnitRange Of(UnitOfMeasure unit, bool allowsOver100, IEnumerable<decimal> planFigures) => unit switch
    {
        UnitOfMeasure.Porcentaje => new(0m, allowsOver100 ? null : 100m),
        UnitOfMeasure.Indice => new(0m, IndexIsFraction(planFigures) ? 1m : null),
        UnitOfMeasure.TasaVariacion => new(null, null),
        _ => new(0m, null),
    };

    public static UnitRange Of(Indicator indicator) =>
        Of(indicator.Unit, indicator.AllowsOver100, indicator.Targets.Select(t => t.Value).Append(indicator.BaselineValue ?? 0m));

    /// <summary>An index whose baseline and targets all lie within 0-1 is read as a 0-1 index.</summary>
    public static bool IndexIsFraction(IEnumerable<decimal> figures)
    {
        var list = figures.ToList();
        return list.Count > 1 && list.All(f => f is >= 0m and <= 1m);
    }

    public bool Contains(decimal value) => (Min is not { } min || value >= min) && (Max is not { } max || value <= max);

    public decimal Clamp(decimal value) =>
        Min is { } min && value < min ? min
        : Max is { } max && value > max ? max
        : value;

    /// <summary>The range in words, e.g. "entre 0 y 100" or "no menor que 0".</summary>
    public string Describe() => (Min, Max) switch
    {
        ({ } min, { } max) => $"entre {Text(min)} y {Text(max)}",
        ({ } min, null) => $"no menor que {Text(min)}",
        (null, { } max) => $"no mayor que {Text(max)}",
        _ => "sin límites",
    };

    private static string Text(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
