using System.Globalization;
using static PeiTracker.Domain.Progress.ProgressFormat;

namespace PeiTracker.Domain.Progress;

/// <summary>
/// CEPLAN's progress rules (PEI-DOMAIN.md): Avance Tipo I and II, semáforo, accumulation of
/// agregable indicators, progress toward the final target, a linear projection, and the
/// relevance-weighted roll-up. Stateless; decimal arithmetic; no rounding (only display rounds).
/// </summary>
public static class ProgressCalculator
{
    /// <summary>Projected progress at or above this share of the required change is "en camino".</summary>
    public const decimal ProjectionOnTrack = 100m;

    /// <summary>Projected progress at or above this (and below on-track) "requiere acelerar"; below, "en riesgo".</summary>
    public const decimal ProjectionAccelerate = 75m;

    private const string TipoIFormulaAscending = "Avance Tipo I = VO / LE × 100";
    private const string TipoIFormulaDescending = "Avance Tipo I = LE / VO × 100 (100 si VO = 0)";
    private const string TipoIIFormulaAscending = "Avance Tipo II = (VO − LB) / (LE − LB) × 100";
    private const string TipoIIFormulaDescending = "Avance Tipo II = (LB − VO) / (LB − LE) × 100";
    private const string TipoIIFormulaAggregate = "Avance Tipo II = Σ VO / Σ LE × 100 (años transcurridos)";

    public static IndicatorProgress Calculate(IndicatorInput indicator, PlanSettings settings, int firstYear, int lastYear)
    {
        var periods = new List<PeriodProgress>();
        var annualValues = indicator.Values.Where(v => v.Period == PeriodKind.Anual).ToDictionary(v => v.Year, v => v.Value);
        for (var year = firstYear; year <= lastYear; year++)
        {
            var hasTarget = indicator.Targets.TryGetValue(year, out var target);
            if (hasTarget || annualValues.ContainsKey(year))
            {
                periods.Add(Period(indicator, settings, year, PeriodKind.Anual, annualValues.TryGetValue(year, out var v) ? v : null, hasTarget ? target : null, annualValues, firstYear));
            }

            foreach (var semester in new[] { PeriodKind.PrimerSemestre, PeriodKind.SegundoSemestre })
            {
                if (indicator.Values.FirstOrDefault(x => x.Year == year && x.Period == semester) is { } semesterValue)
                {
                    periods.Add(Period(indicator, settings, year, semester, semesterValue.Value, hasTarget ? target : null, annualValues, firstYear));
                }
            }
        }

        var rounding = $"Las cifras se redondean a {indicator.Decimals.ToString(CultureInfo.InvariantCulture)} decimal(es) solo al mostrarlas (mitad lejos de cero); el avance, a 1 decimal. Los cálculos usan los valores exactos.";
        return new IndicatorProgress(indicator, periods.AsReadOnly(), TowardFinal(indicator, lastYear), Project(indicator, firstYear, lastYear), rounding);
    }

    private static PeriodProgress Period(IndicatorInput indicator, PlanSettings settings, int year, PeriodKind period, decimal? value, decimal? target, IReadOnlyDictionary<int, decimal> annualValues, int firstYear)
    {
        decimal? accumulatedValue = null;
        decimal? accumulatedTarget = null;
        if (indicator.Aggregation == Aggregation.Agregable && period == PeriodKind.Anual)
        {
            accumulatedValue = annualValues.Where(v => v.Key >= firstYear && v.Key <= year).Sum(v => v.Value);
            accumulatedTarget = indicator.Targets.Where(t => t.Key >= firstYear && t.Key <= year).Sum(t => t.Value);
        }

        var semesterNote = period == PeriodKind.Anual ? null
            : $"Valor del {Labels.Of(period)} comparado con el logro esperado anual {year.ToString(CultureInfo.InvariantCulture)}.";

        if (value is null)
        {
            var none = Explanation.Undefined(TipoIFormulaAscending, "aún no hay valor obtenido registrado.");
            return new PeriodProgress(year, period, null, target, new AvanceFigure(null, null, none), new AvanceFigure(null, null, none), accumulatedValue, accumulatedTarget,
                ProgressStatus.SinDato, "Aún no se registra el valor obtenido: se muestra como «sin dato», nunca como cero.");
        }

        if (indicator.Direction == Direction.NoDefinido)
        {
            var (status, reason) = Permissible(indicator, value.Value);
            var explanation = new Explanation("Indicador de sentido no definido: se evalúa contra su límite permisible (cumple / no cumple)", reason);
            return new PeriodProgress(year, period, value, target, new AvanceFigure(null, null, explanation), new AvanceFigure(null, null, explanation), accumulatedValue, accumulatedTarget, status, reason);
        }

        if (target is null)
        {
            var none = Explanation.Undefined(TipoIFormulaAscending, $"no hay logro esperado para {year.ToString(CultureInfo.InvariantCulture)}.");
            return new PeriodProgress(year, period, value, null, new AvanceFigure(null, null, none), new AvanceFigure(null, null, none), accumulatedValue, accumulatedTarget,
                ProgressStatus.SinMeta, $"Hay valor obtenido pero no hay logro esperado para {year.ToString(CultureInfo.InvariantCulture)}: no se calcula avance.");
        }

        var tipoI = TipoI(indicator, value.Value, target.Value, settings, semesterNote);
        var tipoII = indicator.Aggregation == Aggregation.Agregable && period == PeriodKind.Anual
            ? TipoIIAggregate(accumulatedValue!.Value, accumulatedTarget!.Value, settings)
            : TipoII(indicator, value.Value, target.Value, settings, semesterNote);
        var shown = settings.DashboardAvance == AvanceType.TipoII ? tipoII : tipoI;
        var label = settings.DashboardAvance == AvanceType.TipoII ? "Avance Tipo II" : "Avance Tipo I";
        if (!shown.IsDefined)
        {
            return new PeriodProgress(year, period, value, target, tipoI, tipoII, accumulatedValue, accumulatedTarget, ProgressStatus.NoEvaluable,
                $"{label} no evaluable: {shown.Explanation.Substitution.Replace("No se calcula: ", "", StringComparison.Ordinal)}");
        }

        var figure = settings.CapEnabled ? shown.Capped!.Value : shown.Uncapped!.Value;
        var colour = Colour(figure, settings);
        return new PeriodProgress(year, period, value, target, tipoI, tipoII, accumulatedValue, accumulatedTarget, colour,
            label + ": " + ColourRule(colour, settings) + ".");
    }

    public static ProgressStatus Colour(decimal avance, PlanSettings settings) =>
        avance >= settings.GreenThreshold ? ProgressStatus.Verde
        : avance >= settings.YellowThreshold ? ProgressStatus.Amarillo
        : ProgressStatus.Rojo;

    private static string ColourRule(ProgressStatus colour, PlanSettings settings) => colour switch
    {
        ProgressStatus.Verde => $"verde (≥ {N(settings.GreenThreshold)} %)",
        ProgressStatus.Amarillo => $"amarillo ({N(settings.YellowThreshold)} % a menos de {N(settings.GreenThreshold)} %)",
        _ => $"rojo (< {N(settings.YellowThreshold)} %)",
    };

    private static AvanceFigure TipoI(IndicatorInput indicator, decimal value, decimal target, PlanSettings settings, string? note)
    {
        if (indicator.Direction == Direction.Descendente)
        {
            if (target < 0m || value < 0m)
            {
                return Undefined(TipoIFormulaDescending, "con valores negativos la razón LE / VO no mide avance; use el Avance Tipo II.");
            }

            decimal avance = value == 0m ? 100m : target / value * 100m;
            Func<string> substitution = value == 0m
                ? () => "VO = 0: el valor llegó al mínimo posible, avance = 100"
                : () => $"= {N(target)} / {N(value)} × 100 = {N(avance)}";
            return Figure(avance, settings, new Explanation(TipoIFormulaDescending, substitution, note));
        }

        if (target <= 0m || value < 0m)
        {
            return Undefined(TipoIFormulaAscending, target == 0m
                ? "el logro esperado es 0 y la fórmula dividiría entre cero."
                : "con valores negativos la razón VO / LE no mide avance; use el Avance Tipo II.");
        }

        var result = value / target * 100m;
        return Figure(result, settings, new Explanation(TipoIFormulaAscending, () => $"= {N(value)} / {N(target)} × 100 = {N(result)}", note));
    }

    private static AvanceFigure TipoII(IndicatorInput indicator, decimal value, decimal target, PlanSettings settings, string? note)
    {
        var descending = indicator.Direction == Direction.Descendente;
        var formula = descending ? TipoIIFormulaDescending : TipoIIFormulaAscending;
        if (indicator.BaselineValue is not { } baseline)
        {
            return Undefined(formula, "el indicador no tiene línea base.");
        }

        if (target == baseline)
        {
            return Undefined(formula, "el logro esperado es igual a la línea base (LE = LB): la fórmula dividiría entre cero.");
        }

        var avance = descending ? (baseline - value) / (baseline - target) * 100m : (value - baseline) / (target - baseline) * 100m;
        Func<string> substitution = descending
            ? () => $"= ({N(baseline)} − {N(value)}) / ({N(baseline)} − {N(target)}) × 100 = {N(avance)}"
            : () => $"= ({N(value)} − {N(baseline)}) / ({N(target)} − {N(baseline)}) × 100 = {N(avance)}";
        return Figure(avance, settings, new Explanation(formula, substitution, note));
    }

    private static AvanceFigure TipoIIAggregate(decimal accumulatedValue, decimal accumulatedTarget, PlanSettings settings)
    {
        if (accumulatedTarget == 0m)
        {
            return Undefined(TipoIIFormulaAggregate, "la suma de los logros esperados es 0.");
        }

        var avance = accumulatedValue / accumulatedTarget * 100m;
        return Figure(avance, settings, new Explanation(TipoIIFormulaAggregate, () => $"= {N(accumulatedValue)} / {N(accumulatedTarget)} × 100 = {N(avance)}"));
    }

    private static AvanceFigure Figure(decimal uncapped, PlanSettings settings, Explanation explanation)
    {
        var capped = settings.CapEnabled ? Math.Min(uncapped, settings.Cap) : uncapped;
        var note = settings.CapEnabled && uncapped > settings.Cap
            ? $"Sin tope: {N(uncapped)}; con tope de {N(settings.Cap)} para el semáforo y los promedios: {N(capped)}."
            : null;
        var merged = note is null ? explanation : explanation.WithNote(string.Join(" ", new[] { explanation.Note, note }.Where(n => n is not null)));
        return new AvanceFigure(uncapped, capped, merged);
    }

    private static AvanceFigure Undefined(string formula, string reason) => new(null, null, Explanation.Undefined(formula, reason));

    private static (ProgressStatus Status, string Reason) Permissible(IndicatorInput indicator, decimal value)
    {
        if (indicator.LimitKind is not { } kind || indicator.PermissibleLimit is not { } limit)
        {
            return (ProgressStatus.NoEvaluable, "El indicador no tiene máximo ni mínimo permisible definido.");
        }

        var met = kind == PermissibleLimitKind.Maximo ? value <= limit : value >= limit;
        var comparison = kind == PermissibleLimitKind.Maximo ? "≤" : "≥";
        return (met ? ProgressStatus.Cumple : ProgressStatus.NoCumple,
            $"{(met ? "Cumple" : "No cumple")}: VO = {N(value)}; {Labels.Of(kind).ToLowerInvariant()} {N(limit)} (se exige VO {comparison} {N(limit)}).");
    }

    private static (int Year, decimal Value)? Latest(IndicatorInput indicator)
    {
        var latest = indicator.Values.OrderByDescending(v => v.Year).ThenBy(v => v.Period == PeriodKind.Anual ? 0 : v.Period == PeriodKind.SegundoSemestre ? 1 : 2).FirstOrDefault();
        return latest is null ? null : (latest.Year, latest.Value);
    }

    private static FinalTargetProgress TowardFinal(IndicatorInput indicator, int lastYear)
    {
        const string formula = "Avance hacia la meta final = (último VO − LB) / (LE final − LB) × 100";
        if (indicator.Direction == Direction.NoDefinido)
        {
            return new FinalTargetProgress(null, Explanation.Undefined(formula, "indicador de sentido no definido."));
        }

        if (!indicator.Targets.TryGetValue(lastYear, out var final))
        {
            return new FinalTargetProgress(null, Explanation.Undefined(formula, $"no hay logro esperado para {lastYear.ToString(CultureInfo.InvariantCulture)}."));
        }

        if (indicator.BaselineValue is not { } baseline)
        {
            return new FinalTargetProgress(null, Explanation.Undefined(formula, "el indicador no tiene línea base."));
        }

        if (Latest(indicator) is not { } latest)
        {
            return new FinalTargetProgress(null, Explanation.Undefined(formula, "aún no hay valores obtenidos."));
        }

        if (final == baseline)
        {
            return new FinalTargetProgress(null, Explanation.Undefined(formula, "la meta final es igual a la línea base."));
        }

        var percent = (latest.Value - baseline) / (final - baseline) * 100m;
        return new FinalTargetProgress(percent, new Explanation(formula,
            $"= ({N(latest.Value)} − {N(baseline)}) / ({N(final)} − {N(baseline)}) × 100 = {N(percent)}",
            $"Último valor: {latest.Year.ToString(CultureInfo.InvariantCulture)}."));
    }

    /// <summary>
    /// Straight line through the baseline and the annual values (least squares), read at the final
    /// year, compared with the change the final target requires.
    /// </summary>
    private static Projection Project(IndicatorInput indicator, int firstYear, int lastYear)
    {
        const string formula = "Tendencia lineal (mínimos cuadrados) sobre la línea base y los valores anuales, proyectada al año final";
        Projection Insufficient(string reason) => new(ProjectionClass.DatosInsuficientes, null, null, null, null, Explanation.Undefined(formula, reason));

        if (indicator.Direction == Direction.NoDefinido)
        {
            return Insufficient("indicador de sentido no definido.");
        }

        if (!indicator.Targets.TryGetValue(lastYear, out var final))
        {
            return Insufficient($"no hay logro esperado para {lastYear.ToString(CultureInfo.InvariantCulture)}.");
        }

        var descending = indicator.Direction == Direction.Descendente;
        var points = indicator.Values.Where(v => v.Period == PeriodKind.Anual && v.Year >= firstYear && v.Year <= lastYear)
            .Select(v => (X: (decimal)v.Year, Y: v.Value)).ToList();
        if (points.Count > 0 && points.MaxBy(p => p.X) is var last && (descending ? last.Y <= final : last.Y >= final))
        {
            return new Projection(ProjectionClass.Cumplida, last.Y, 100m, final, null,
                new Explanation(formula, $"El último valor ({N(last.Y)}, {((int)last.X).ToString(CultureInfo.InvariantCulture)}) ya alcanza la meta final {N(final)}."));
        }

        if (indicator.BaselineYear is { } baselineYear && indicator.BaselineValue is { } baselineValue )
        {
            points.Add((baselineYear, baselineValue));
        }

        points = points.OrderBy(p => p.X).ToList();
        if (points.Count < 2 || points.Select(p => p.X).Distinct().Count() < 2)
        {
            return Insufficient("se necesitan al menos dos puntos (línea base y un valor anual, o dos valores anuales).");
        }

        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var slope = points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / points.Sum(p => (p.X - meanX) * (p.X - meanX));
        var projected = meanY + slope * (lastYear - meanX);
        var start = indicator.BaselineValue ?? points[0].Y;
        var requiredChange = final - start;
        decimal projectedProgress;
        if (requiredChange == 0m)
        {
            projectedProgress = (descending ? projected <= final : projected >= final) ? 100m : 0m;
        }
        else
        {
            projectedProgress = (projected - start) / requiredChange * 100m;
        }

        var @class = projectedProgress >= ProjectionOnTrack ? ProjectionClass.EnCamino
            : projectedProgress >= ProjectionAccelerate ? ProjectionClass.RequiereAcelerar
            : ProjectionClass.EnRiesgo;
        return new Projection(@class, projected, projectedProgress, final, slope, new Explanation(formula,
            $"Pendiente {N(slope)} por año; valor proyectado a {lastYear.ToString(CultureInfo.InvariantCulture)}: {N(projected)}; meta final: {N(final)}; " +
            $"se cubriría el {N(projectedProgress)} % del cambio requerido desde {N(start)}.",
            $"En camino si la proyección cubre ≥ {N(ProjectionOnTrack)} %; requiere acelerar si cubre ≥ {N(ProjectionAccelerate)} %; en riesgo si cubre menos."));
    }

    /// <summary>
    /// Weighted average of the indicators' avance for one period (Tipo I by default), weights from
    /// relevance: w_k = (Rmax − (R_k − 1)) / Σ_i (Rmax − (R_i − 1)) over the included indicators.
    /// </summary>
    public static RollUpResult RollUp(IEnumerable<IndicatorProgress> indicators, int year, PeriodKind period, PlanSettings settings)
    {
        var counts = new Dictionary<ProgressStatus, int>();
        var candidates = new List<(string Key, int Relevance, decimal Avance)>();
        var excluded = new List<RollUpExclusion>();
        foreach (var indicator in indicators)
        {
            var progress = indicator.For(year, period);
            var status = progress?.Status ?? ProgressStatus.SinMeta;
            counts[status] = counts.GetValueOrDefault(status) + 1;
            var figure = progress is null ? null : settings.DashboardAvance == AvanceType.TipoII ? progress.TipoII : progress.TipoI;
            switch (status)
            {
                case ProgressStatus.Verde or ProgressStatus.Amarillo or ProgressStatus.Rojo when figure is { IsDefined: true }:
                    candidates.Add((indicator.Indicator.Key, indicator.Indicator.Relevance, settings.CapEnabled ? figure.Capped!.Value : figure.Uncapped!.Value));
                    break;
                case ProgressStatus.SinMeta:
                    excluded.Add(new RollUpExclusion(indicator.Indicator.Key, status, "Sin logro esperado para el periodo."));
                    break;
                case ProgressStatus.SinDato:
                    excluded.Add(new RollUpExclusion(indicator.Indicator.Key, status, "Sin valor obtenido registrado (no se cuenta como cero)."));
                    break;
                case ProgressStatus.Cumple or ProgressStatus.NoCumple:
                    excluded.Add(new RollUpExclusion(indicator.Indicator.Key, status, "Sentido no definido: se evalúa como cumple / no cumple, no entra al promedio."));
                    break;
                default:
                    excluded.Add(new RollUpExclusion(indicator.Indicator.Key, status, progress?.StatusReason ?? "No evaluable."));
                    break;
            }
        }

        const string formula = "Avance = Σ w_k × avance_k; w_k = (Rmax − (R_k − 1)) / Σ (Rmax − (R_i − 1)), R = relevancia (1 muy relevante)";
        if (candidates.Count == 0)
        {
            // Nothing to average: "sin meta" when no indicator has a target for the period, otherwise "sin dato".
            var none = counts.Count > 0 && counts.Keys.All(k => k == ProgressStatus.SinMeta) ? ProgressStatus.SinMeta : ProgressStatus.SinDato;
            return new RollUpResult(null, none, counts.AsReadOnly(), [], excluded.AsReadOnly(),
                Explanation.Undefined(formula, excluded.Count == 0 ? "el grupo no tiene indicadores." : "ningún indicador tiene avance calculable en el periodo."));
        }

        var rMax = candidates.Max(c => c.Relevance);
        var raw = candidates.Select(c => settings.Weighting == WeightingRule.Igual ? 1m : rMax - (c.Relevance - 1)).ToList();
        var total = raw.Sum();
        var included = candidates.Select((c, i) => new RollUpItem(c.Key, c.Relevance, raw[i] / total, c.Avance)).ToList();
        var avance = included.Sum(i => i.Weight * i.Avance);
        var used = settings.Weighting == WeightingRule.Igual
            ? new Explanation("Avance = promedio simple de los avances (todos pesan igual)", () => Substitution(included, avance))
            : new Explanation(formula, () => Substitution(included, avance), $"Rmax = {rMax.ToString(CultureInfo.InvariantCulture)} entre los indicadores incluidos.");
        return new RollUpResult(avance, Colour(avance, settings), counts.AsReadOnly(), included.AsReadOnly(), excluded.AsReadOnly(),
            excluded.Count == 0 ? used : used.WithNote(string.Join(" ", new[] { used.Note, $"{excluded.Count.ToString(CultureInfo.InvariantCulture)} indicador(es) quedaron fuera del promedio." }.Where(n => n is not null))));
    }

    private static string Substitution(IReadOnlyList<RollUpItem> items, decimal avance) =>
        "= " + string.Join(" + ", items.Select(i => $"{N(Round(i.Weight, 4))} × {N(Round(i.Avance, 2))}")) + $" = {N(Round(avance, 2))}";
}
