using PeiTracker.Domain.Formulas;

namespace PeiTracker.Domain.Points;

/// <summary>One point's figures for the aggregate: who counted them and what.</summary>
public sealed record PointFigures(string PointCode, IReadOnlyDictionary<string, decimal> Figures);

/// <summary>
/// The indicator's value from several reporting points: each variable summed across the points, then the formula
/// evaluated once on the sums (108 / 120 × 100 = 90), never the mean of the points' own values (which would give
/// 36/40, 50/60, 22/20 → 95.6). A point's own value is the formula on its own figures, for the breakdown.
/// </summary>
public sealed record PointAggregate(IReadOnlyDictionary<string, decimal> Sums, FormulaEvaluation Evaluation, int PointCount)
{
    public static PointAggregate Of(Formula formula, IEnumerable<PointFigures> points, int decimals = Indicator.MaxDecimals)
    {
        var list = points.ToList();
        if (list.Count == 0)
        {
            return new PointAggregate(new Dictionary<string, decimal>(), FormulaEvaluation.NotComputable("No calculable: ningún punto de registro tiene cifras aceptadas."), 0);
        }

        var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var code in formula.Variables)
        {
            var missing = list.Where(p => !p.Figures.ContainsKey(code)).Select(p => p.PointCode).ToList();
            if (missing.Count > 0)
            {
                var who = missing.Count == 1 ? $"{missing[0]} no tiene" : $"{string.Join(", ", missing)} no tienen";
                return new PointAggregate(sums, FormulaEvaluation.NotComputable($"No calculable: {who} el valor de la variable {code}."), list.Count);
            }

            try
            {
                sums[code] = list.Sum(p => p.Figures[code]);
            }
            catch (OverflowException)
            {
                return new PointAggregate(sums, FormulaEvaluation.NotComputable($"No calculable: la suma de la variable {code} es demasiado grande."), list.Count);
            }
        }

        return new PointAggregate(sums, formula.Evaluate(sums.ToDictionary(kv => kv.Key, kv => (decimal?)kv.Value), decimals), list.Count);
    }

    /// <summary>A single point's own value: the formula on its figures.</summary>
    public static FormulaEvaluation Own(Formula formula, IReadOnlyDictionary<string, decimal> figures, int decimals = Indicator.MaxDecimals) =>
        formula.Evaluate(figures.ToDictionary(kv => kv.Key, kv => (decimal?)kv.Value), decimals);
}
