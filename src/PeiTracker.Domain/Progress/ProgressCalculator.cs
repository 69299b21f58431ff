using System.Globalization;
using static PeiTracker.Domain.Progress.ProgressFormat;

namespace PeiTracker.Domain.Progress;

/// <summary>
/// CEPLAN's progress rules (PEI-DOMAIN.md): Avance Tipo I and II, semáforo, accumulation of agregable
/// indicators and the relevance-weighted roll-up; the state of every period (year or semester) with the
/// expectation it is judged against; and PeiTracker's own estimates, progress toward the final target and a
/// projection to the last year. Stateless; decimal arithmetic; no rounding (only display rounds).
/// </summary>
public static class ProgressCalculator
{
    /// <summary>A projection that does not reach the target but covers at least this share of the change "requiere acelerar"; below, "en riesgo".</summary>
    public const decimal ProjectionAccelerate = 75m;

    private const string TipoIFormulaAscending = "Avance Tipo I = VO / LE × 100";
    private const string TipoIFormulaDescending = "Avance Tipo I = LE / VO × 100 (100 si VO = 0)";
    private const string TipoIIFormulaAscending = "Avance Tipo II = (VO − LB) / (LE − LB) × 100";
    private const string TipoIIFormulaDescending = "Avance Tipo II = (LB − VO) / (LB − LE) × 100";
    private const string TipoIIFormulaAggregate = "Avance Tipo II = Σ VO / Σ LE × 100 (años transcurridos)";

    private static readonly PeriodKind[] PeriodsOfAYear = [PeriodKind.PrimerSemestre, PeriodKind.SegundoSemestre, PeriodKind.Anual];

    /// <summary>Position of a period within its year: I semestre, II semestre, then the year that closes them.</summary>
    public static int PeriodOrder(PeriodKind kind) => kind switch
    {
        PeriodKind.PrimerSemestre => 0,
        PeriodKind.SegundoSemestre => 1,
        _ => 2,
    };

    /// <summary>
    /// Every period of every plan year (I semestre, II semestre, año), each with its state: a reader finds the
    /// state of any period here and never infers one from an absent entry.
    /// </summary>
    public static IndicatorProgress Calculate(IndicatorInput indicator, PlanSettings settings, int firstYear, int lastYear)
    {
        var values = new Dictionary<(int Year, PeriodKind Period), decimal>();
        foreach (var value in indicator.Values)
        {
            values[(value.Year, value.Period)] = value.Value;
        }

        var annualValues = values.Where(v => v.Key.Period == PeriodKind.Anual).ToDictionary(v => v.Key.Year, v => v.Value);
        var periods = new List<PeriodProgress>(Math.Max(0, lastYear - firstYear + 1) * PeriodsOfAYear.Length);
        for (var year = firstYear; year <= lastYear; year++)
        {
            foreach (var period in PeriodsOfAYear)
            {
                periods.Add(Period(indicator, settings, year, period, values.TryGetValue((year, period), out var v) ? v : null, annualValues, firstYear));
            }
        }

        var rounding = $"Las cifras se redondean a {indicator.Decimals.ToString(CultureInfo.InvariantCulture)} decimal(es) solo al mostrarlas (mitad lejos de cero); el avance, a 1 decimal. Los cálculos usan los valores exactos.";
        return new IndicatorProgress(indicator, periods.AsReadOnly(), TowardFinal(indicator, firstYear, lastYear), Project(indicator, firstYear, lastYear), rounding);
    }

    /// <summary>The state of a period outside the plan's years: it has no expectation.</summary>
    public static PeriodProgress OutsidePlan(int year, PeriodKind period)
    {
        var none = new AvanceFigure(null, null, Explanation.Undefined(TipoIFormulaAscending, "el periodo está fuera de los años del plan."));
        return new PeriodProgress(year, period, null, null, none, none, null, null, ProgressStatus.SinMeta,
            "El periodo está fuera de los años del plan: no tiene logro esperado.", null, ExpectationSource.Ninguna, "", none, false);
    }

    private sealed record Expectation(decimal? Target, ExpectationSource Source, string Words, string? Missing);

    /// <summary>
    /// What a period is judged against. A year: its logro esperado. A semester: the logro esperado the planning
    /// office set for it, or else the one the plan's rule derives from the annual target.
    /// </summary>
    private static Expectation Expect(IndicatorInput indicator, PlanSettings settings, int year, PeriodKind period)
    {
        var y = year.ToString(CultureInfo.InvariantCulture);
        var hasAnnual = indicator.Targets.TryGetValue(year, out var annual);
        Expectation LimitOr(string missing) =>
            indicator.Direction == Direction.NoDefinido && indicator.LimitKind is { } kind && indicator.PermissibleLimit is not null
                ? new(null, ExpectationSource.LimitePermisible, $"el {Labels.Of(kind).ToLowerInvariant()}", null)
                : new(null, ExpectationSource.Ninguna, "", missing);

        if (period == PeriodKind.Anual)
        {
            return hasAnnual ? new(annual, ExpectationSource.Anual, $"el logro esperado {y}", null) : LimitOr($"no hay logro esperado para {y}");
        }

        var label = $"{Labels.Of(period)} {y}";
        if (indicator.SemesterTargetsOrEmpty.TryGetValue((year, period), out var own))
        {
            return new(own, ExpectationSource.SemestralDefinida, $"el logro esperado del {label} fijado por la OGPP", null);
        }

        if (!settings.SemesterFollowUp)
        {
            return new(null, ExpectationSource.Ninguna, "", "el plan no hace seguimiento semestral");
        }

        if (!hasAnnual)
        {
            return LimitOr($"no hay logro esperado para {y} ni para el {label}");
        }

        return settings.SemesterExpectation switch
        {
            SemesterExpectationRule.SoloDefinidas => new(null, ExpectationSource.Ninguna, "",
                $"la regla del plan solo evalúa los semestres con logro esperado propio, y el {label} no lo tiene"),
            SemesterExpectationRule.PorAgregacion when indicator.Aggregation == Aggregation.Agregable && period == PeriodKind.PrimerSemestre =>
                new(annual / 2m, ExpectationSource.MitadDeLaAnual, $"la mitad del logro esperado anual {y} ({N(annual)}), por ser agregable, según la regla del plan", null),
            SemesterExpectationRule.PorAgregacion when indicator.Aggregation == Aggregation.Agregable =>
                new(annual, ExpectationSource.MetaAnual, $"el logro esperado anual {y} completo ({N(annual)}), pues el II semestre acumula el año, según la regla del plan", null),
            _ => new(annual, ExpectationSource.MetaAnual, $"el logro esperado anual {y} ({N(annual)}), según la regla del plan", null),
        };
    }

    private static PeriodProgress Period(IndicatorInput indicator, PlanSettings settings, int year, PeriodKind period, decimal? value, IReadOnlyDictionary<int, decimal> annualValues, int firstYear)
    {
        var expectation = Expect(indicator, settings, year, period);
        var target = expectation.Target;
        decimal? annualTarget = indicator.Targets.TryGetValue(year, out var annual) ? annual : null;
        var pending = value is null && indicator.PendingPeriodsOrEmpty.Contains((year, period));
        var label = period == PeriodKind.Anual ? year.ToString(CultureInfo.InvariantCulture) : $"el {Labels.Of(period)} {year.ToString(CultureInfo.InvariantCulture)}";
        var accumulation = indicator.Aggregation == Aggregation.Agregable
            ? Accumulate(indicator, annualValues, year, value, target, firstYear)
            : new Accumulation(null, null, null);

        PeriodProgress Make(AvanceFigure tipoI, AvanceFigure tipoII, AvanceFigure againstAnnual, ProgressStatus status, string reason) =>
            new(year, period, value, target, tipoI, tipoII, accumulation.Value, accumulation.Target, status, reason, annualTarget, expectation.Source, expectation.Words, againstAnnual, pending);

        if (value is null)
        {
            var none = new AvanceFigure(null, null, Explanation.Undefined(TipoIFormulaAscending, pending ? "el valor enviado aún no está validado." : "aún no hay valor obtenido registrado."));
            if (expectation.Source == ExpectationSource.Ninguna)
            {
                return Make(none, none, none, ProgressStatus.SinMeta, char.ToUpperInvariant(expectation.Missing![0]) + expectation.Missing[1..] + ".");
            }

            return Make(none, none, none, ProgressStatus.SinDato, pending
                ? "La unidad envió un valor que la OGPP aún no valida: no se cuenta hasta que se valide."
                : "Aún no se registra el valor obtenido: se muestra como «sin dato», nunca como cero.");
        }

        if (indicator.Direction == Direction.NoDefinido)
        {
            var (status, reason) = Permissible(indicator, value.Value);
            var explanation = new AvanceFigure(null, null, new Explanation("Indicador de sentido no definido: se evalúa contra su límite permisible (cumple / no cumple)", reason));
            return Make(explanation, explanation, explanation, status, reason);
        }

        if (target is null)
        {
            var none = new AvanceFigure(null, null, Explanation.Undefined(TipoIFormulaAscending, $"{expectation.Missing}."));
            return Make(none, none, none, ProgressStatus.SinMeta, $"Hay valor obtenido, pero {expectation.Missing}: no se calcula avance.");
        }

        var note = period == PeriodKind.Anual ? null : $"Valor del {Labels.Of(period)} {year.ToString(CultureInfo.InvariantCulture)} comparado con {expectation.Words}.";
        var tipoI = TipoI(indicator, value.Value, target.Value, settings, note);
        var againstAnnual = period == PeriodKind.Anual ? tipoI
            : annualTarget is { } whole ? TipoI(indicator, value.Value, whole, settings, $"Columna de CEPLAN: valor del {Labels.Of(period)} frente al logro esperado anual {year.ToString(CultureInfo.InvariantCulture)}.")
            : Undefined(TipoIFormulaAscending, $"no hay logro esperado anual {year.ToString(CultureInfo.InvariantCulture)}.");
        var tipoII = indicator.Aggregation == Aggregation.Agregable
            ? accumulation.Problem is { } problem ? Undefined(TipoIIFormulaAggregate, problem) : TipoIIAggregate(accumulation.Value!.Value, accumulation.Target!.Value, settings)
            : TipoII(indicator, value.Value, target.Value, settings, note);
        var shown = settings.DashboardAvance == AvanceType.TipoII ? tipoII : tipoI;
        var figureLabel = settings.DashboardAvance == AvanceType.TipoII ? "Avance Tipo II" : "Avance Tipo I";
        if (!shown.IsDefined)
        {
            return Make(tipoI, tipoII, againstAnnual, ProgressStatus.NoEvaluable,
                $"{figureLabel} no evaluable: {shown.Explanation.Substitution.Replace("No se calcula: ", "", StringComparison.Ordinal)}");
        }

        var figure = settings.CapEnabled ? shown.Capped!.Value : shown.Uncapped!.Value;
        var colour = Colour(figure, settings);
        return Make(tipoI, tipoII, againstAnnual, colour, $"{figureLabel} comparado con {expectation.Words}: {ColourRule(colour, settings)}.");
    }

    private sealed record Accumulation(decimal? Value, decimal? Target, string? Problem);

    /// <summary>
    /// Σ VO and Σ LE from the plan's first year to this period (an agregable indicator's values add up). A
    /// missing earlier value is never read as zero: the sum is then undefined and says which year is missing.
    /// </summary>
    private static Accumulation Accumulate(IndicatorInput indicator, IReadOnlyDictionary<int, decimal> annualValues, int year, decimal? value, decimal? target, int firstYear)
    {
        decimal values = 0m;
        decimal targets = 0m;
        string? problem = null;
        for (var earlier = firstYear; earlier < year; earlier++)
        {
            var hasTarget = indicator.Targets.TryGetValue(earlier, out var t);
            var hasValue = annualValues.TryGetValue(earlier, out var v);
            if (!hasTarget && !hasValue)
            {
                continue;
            }

            if (!hasValue)
            {
                problem ??= $"falta el valor obtenido de {earlier.ToString(CultureInfo.InvariantCulture)}, que no se cuenta como cero.";
            }
            else if (!hasTarget)
            {
                problem ??= $"falta el logro esperado de {earlier.ToString(CultureInfo.InvariantCulture)}.";
            }

            values += v;
            targets += t;
        }

        return new Accumulation(value is { } own && problem is null ? values + own : null, target is { } expected ? targets + expected : null, problem);
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

    /// <summary>
    /// Where successive expectations move against the indicator's direction (e.g. an ascending indicator whose
    /// logros esperados fall below its baseline), in words, or null. Such targets cannot measure a path.
    /// </summary>
    public static string? TargetsAgainstDirection(IndicatorInput indicator, int firstYear, int lastYear)
    {
        if (indicator.Direction == Direction.NoDefinido)
        {
            return null;
        }

        var steps = new List<(string Label, decimal Value)>();
        if (indicator.BaselineValue is { } baseline && indicator.Aggregation == Aggregation.NoAgregable)
        {
            steps.Add((indicator.BaselineYear is { } y ? $"línea base {y.ToString(CultureInfo.InvariantCulture)}" : "línea base", baseline));
        }

        steps.AddRange(indicator.Targets.Where(t => t.Key >= firstYear && t.Key <= lastYear).OrderBy(t => t.Key)
            .Select(t => (t.Key.ToString(CultureInfo.InvariantCulture), t.Value)));
        var descending = indicator.Direction == Direction.Descendente;
        for (var i = 1; i < steps.Count; i++)
        {
            var (fromLabel, from) = steps[i - 1];
            var (toLabel, to) = steps[i];
            if (descending ? to > from : to < from)
            {
                return $"los logros esperados {(descending ? "suben" : "bajan")} de {N(from)} ({fromLabel}) a {N(to)} ({toLabel}) en un indicador {(descending ? "descendente" : "ascendente")}";
            }
        }

        return null;
    }

    private const string TowardFinalLevel = "Avance hacia la meta final = (último VO anual − LB) / (LE final − LB) × 100 (estimación de PeiTracker, no es una cifra de CEPLAN)";
    private const string TowardFinalAccumulated = "Avance hacia la meta final = Σ VO anuales / Σ LE de los años del plan × 100 (estimación de PeiTracker, no es una cifra de CEPLAN)";

    /// <summary>
    /// The distance already covered toward the plan's final target, from annual values only (a semester's value
    /// is part of its year and would count twice). Never negative: a value that moved away from the target says so.
    /// </summary>
    private static FinalTargetProgress TowardFinal(IndicatorInput indicator, int firstYear, int lastYear)
    {
        var annual = indicator.Values.Where(v => v.Period == PeriodKind.Anual && v.Year >= firstYear && v.Year <= lastYear).OrderBy(v => v.Year).ToList();
        if (indicator.Direction == Direction.NoDefinido)
        {
            return new(null, Explanation.Undefined(TowardFinalLevel, "indicador de sentido no definido."));
        }

        if (indicator.Aggregation == Aggregation.Agregable)
        {
            if (indicator.Direction == Direction.Descendente)
            {
                return new(null, Explanation.Undefined(TowardFinalAccumulated, "en un indicador agregable descendente acumular menos es mejor: no se expresa como camino recorrido."));
            }

            var missing = Enumerable.Range(firstYear, lastYear - firstYear + 1).Where(y => !indicator.Targets.ContainsKey(y)).ToList();
            if (missing.Count > 0)
            {
                return new(null, Explanation.Undefined(TowardFinalAccumulated, $"faltan logros esperados de {Years(missing)}."));
            }

            var total = Enumerable.Range(firstYear, lastYear - firstYear + 1).Sum(y => indicator.Targets[y]);
            if (total <= 0m)
            {
                return new(null, Explanation.Undefined(TowardFinalAccumulated, "la suma de los logros esperados no es positiva."));
            }

            if (annual.Count == 0)
            {
                return new(null, Explanation.Undefined(TowardFinalAccumulated, "aún no hay valores anuales."));
            }

            var sum = annual.Sum(v => v.Value);
            if (sum < 0m)
            {
                return new(null, Explanation.Undefined(TowardFinalAccumulated, $"el acumulado de los valores anuales ({N(sum)}) es negativo: no hay camino recorrido hacia la meta."));
            }

            var share = sum / total * 100m;
            return new(Math.Min(share, 100m), new Explanation(TowardFinalAccumulated, () => $"= {N(sum)} / {N(total)} × 100 = {N(share)}",
                share > 100m ? "Ya supera la meta acumulada del plan (se muestra 100)." : $"Valores anuales de {Years(annual.Select(v => v.Year))}."));
        }

        if (!indicator.Targets.TryGetValue(lastYear, out var final))
        {
            return new(null, Explanation.Undefined(TowardFinalLevel, $"no hay logro esperado para {lastYear.ToString(CultureInfo.InvariantCulture)}."));
        }

        if (indicator.BaselineValue is not { } baseline)
        {
            return new(null, Explanation.Undefined(TowardFinalLevel, "el indicador no tiene línea base."));
        }

        if (TargetsAgainstDirection(indicator, firstYear, lastYear) is { } against)
        {
            return new(null, Explanation.Undefined(TowardFinalLevel, against + "."));
        }

        if (final == baseline)
        {
            return new(null, Explanation.Undefined(TowardFinalLevel, "la meta final es igual a la línea base: no hay camino que recorrer."));
        }

        if (annual.Count == 0)
        {
            return new(null, Explanation.Undefined(TowardFinalLevel, "aún no hay valores anuales."));
        }

        var latest = annual[^1];
        var percent = (latest.Value - baseline) / (final - baseline) * 100m;
        if (percent < 0m)
        {
            return new(null, Explanation.Undefined(TowardFinalLevel,
                $"el último valor anual ({N(latest.Value)}, {latest.Year.ToString(CultureInfo.InvariantCulture)}) se alejó de la meta: está {(final > baseline ? "por debajo" : "por encima")} de la línea base ({N(baseline)})."));
        }

        return new(Math.Min(percent, 100m), new Explanation(TowardFinalLevel,
            () => $"= ({N(latest.Value)} − {N(baseline)}) / ({N(final)} − {N(baseline)}) × 100 = {N(percent)}",
            percent > 100m ? $"Último valor anual: {latest.Year.ToString(CultureInfo.InvariantCulture)}; ya supera la meta final (se muestra 100)." : $"Último valor anual: {latest.Year.ToString(CultureInfo.InvariantCulture)}."));
    }

    private const string LevelFormula = "Tendencia lineal (mínimos cuadrados) de la línea base y los valores anuales, leída en el último año del plan y acotada al rango de la unidad de medida (estimación de PeiTracker, no es una cifra de CEPLAN)";
    private const string AccumulatedFormula = "Ritmo actual de un indicador agregable: la suma de los valores anuales más su promedio por cada año del plan aún sin valor, frente a la suma de los logros esperados (estimación de PeiTracker, no es una cifra de CEPLAN)";

    /// <summary>
    /// Where the annual values lead by the plan's last year. No agregable: a straight line through the baseline
    /// and the annual values, read at the last year, never outside the unit's range, against the final target.
    /// Agregable: the total the plan's years would add up to at the current pace, against the sum of the targets.
    /// Semester values are left out: they are part of their year.
    /// </summary>
    private static Projection Project(IndicatorInput indicator, int firstYear, int lastYear)
    {
        var accumulated = indicator.Aggregation == Aggregation.Agregable;
        var formula = accumulated ? AccumulatedFormula : LevelFormula;
        if (indicator.Direction == Direction.NoDefinido)
        {
            return NotEvaluable(formula, accumulated, "indicador de sentido no definido: se evalúa contra su límite permisible, no se proyecta.");
        }

        var annual = indicator.Values.Where(v => v.Period == PeriodKind.Anual && v.Year >= firstYear && v.Year <= lastYear).OrderBy(v => v.Year).ToList();
        return accumulated ? ProjectAccumulated(indicator, annual, firstYear, lastYear) : ProjectLevel(indicator, annual, firstYear, lastYear);
    }

    private static Projection NotEvaluable(string formula, bool accumulated, string reason) =>
        new(ProjectionClass.NoEvaluable, null, null, null, null, Explanation.Undefined(formula, reason), accumulated, "No evaluable: " + reason);

    private static Projection ProjectLevel(IndicatorInput indicator, IReadOnlyList<PeriodValue> annual, int firstYear, int lastYear)
    {
        var last = lastYear.ToString(CultureInfo.InvariantCulture);
        if (!indicator.Targets.TryGetValue(lastYear, out var final))
        {
            return NotEvaluable(LevelFormula, false, $"no hay logro esperado para {last}.");
        }

        if (TargetsAgainstDirection(indicator, firstYear, lastYear) is { } against)
        {
            return NotEvaluable(LevelFormula, false, $"{against}: no se puede proyectar el avance hacia esa meta.");
        }

        var descending = indicator.Direction == Direction.Descendente;
        bool Reaches(decimal v) => descending ? v <= final : v >= final;
        string Show(decimal v) => ProgressFormat.Number(v, indicator.Decimals);
        if (annual.Count > 0 && Reaches(annual[^1].Value))
        {
            var reached = annual[^1];
            var words = $"El último valor anual ({Show(reached.Value)}, {reached.Year.ToString(CultureInfo.InvariantCulture)}) ya alcanza la meta {last} ({Show(final)}).";
            return new(ProjectionClass.Cumplida, reached.Value, 100m, final, null, new Explanation(LevelFormula, words), false, words);
        }

        var points = annual.Select(v => (X: (decimal)v.Year, Y: v.Value)).ToList();
        if (indicator.BaselineYear is { } baselineYear && indicator.BaselineValue is { } baselineValue && points.All(p => p.X != baselineYear) && baselineYear <= lastYear)
        {
            points.Add((baselineYear, baselineValue));
        }

        points = points.OrderBy(p => p.X).ToList();
        if (points.Count < 2)
        {
            return NotEvaluable(LevelFormula, false, "se necesitan al menos dos puntos: la línea base y un valor anual, o dos valores anuales (los valores semestrales no se proyectan).");
        }

        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var slope = points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / points.Sum(p => (p.X - meanX) * (p.X - meanX));
        var line = meanY + (slope * (lastYear - meanX));
        var range = indicator.Range;
        var projected = range.Clamp(line);
        var bounded = projected == line ? null : $"La recta daría {N(line)}; el valor debe estar {range.Describe()}: se toma {N(projected)}.";
        var start = indicator.BaselineValue ?? points[0].Y;
        var required = final - start;
        var reaches = Reaches(projected);
        var head = $"Al ritmo actual llegaría a {Show(projected)} en {last}; la meta es {Show(final)}";

        // A start already at or beyond the final target leaves no change to share out: the target is to hold it.
        var holding = descending ? required >= 0m : required <= 0m;
        decimal? share = holding ? null : (projected - start) / required * 100m;
        var @class = reaches ? ProjectionClass.EnCamino
            : share >= ProjectionAccelerate ? ProjectionClass.RequiereAcelerar
            : ProjectionClass.EnRiesgo;
        var summary = @class switch
        {
            ProjectionClass.EnCamino => $"{head}: la alcanzaría.",
            _ when share is null => $"{head}: no la mantendría.",
            _ when share < 0m => $"{head}: la tendencia va en sentido contrario a la meta.",
            _ when share == 0m => $"{head}: los valores no se mueven hacia la meta.",
            ProjectionClass.RequiereAcelerar => $"{head}: cubriría el {ProgressFormat.Percent(share)} del cambio que pide desde {Show(start)}; requiere acelerar.",
            _ => $"{head}: cubriría solo el {ProgressFormat.Percent(share)} del cambio que pide desde {Show(start)}.",
        };
        var shown = share is { } s ? Math.Max(0m, s) : (decimal?)null;
        return new Projection(@class, projected, shown, final, slope, new Explanation(LevelFormula,
            () => $"Pendiente {N(slope)} por año; valor proyectado a {last}: {N(projected)}; meta final: {N(final)}" +
                  (share is { } covered ? $"; se cubriría el {N(Math.Max(0m, covered))} % del cambio requerido desde {N(start)}." : "."),
            string.Join(" ", new[] { bounded, $"En camino si la proyección alcanza la meta; requiere acelerar si cubre al menos el {N(ProjectionAccelerate)} % del cambio; en riesgo si cubre menos." }.Where(n => n is not null))),
            false, summary);
    }

    private static Projection ProjectAccumulated(IndicatorInput indicator, IReadOnlyList<PeriodValue> annual, int firstYear, int lastYear)
    {
        var years = Enumerable.Range(firstYear, lastYear - firstYear + 1).ToList();
        var missing = years.Where(y => !indicator.Targets.ContainsKey(y)).ToList();
        if (missing.Count > 0)
        {
            return NotEvaluable(AccumulatedFormula, true, $"faltan logros esperados de {Years(missing)} para sumar la meta acumulada del plan.");
        }

        if (annual.Count == 0)
        {
            return NotEvaluable(AccumulatedFormula, true, "aún no hay valores anuales (los valores semestrales no se proyectan).");
        }

        var descending = indicator.Direction == Direction.Descendente;
        var total = years.Sum(y => indicator.Targets[y]);
        if (!descending && total <= 0m)
        {
            return NotEvaluable(AccumulatedFormula, true, "la suma de los logros esperados no es positiva.");
        }

        string Show(decimal v) => ProgressFormat.Number(v, indicator.Decimals);
        var span = $"{firstYear.ToString(CultureInfo.InvariantCulture)} y {lastYear.ToString(CultureInfo.InvariantCulture)}";
        var sum = annual.Sum(v => v.Value);
        if (!descending && sum >= total)
        {
            var words = $"Ya acumula {Show(sum)} entre {span}: alcanza la meta acumulada ({Show(total)}).";
            return new(ProjectionClass.Cumplida, sum, 100m, total, null, new Explanation(AccumulatedFormula, words), true, words);
        }

        var pace = indicator.Range.Clamp(sum / annual.Count);
        var remaining = years.Count - annual.Count;
        var projected = sum + (pace * remaining);
        var reaches = descending ? projected <= total : projected >= total;
        var share = descending ? (projected <= 0m ? 100m : total / projected * 100m) : projected / total * 100m;
        var @class = reaches ? ProjectionClass.EnCamino
            : share >= ProjectionAccelerate ? ProjectionClass.RequiereAcelerar
            : ProjectionClass.EnRiesgo;
        var head = $"Al ritmo actual ({Show(pace)} por año en promedio) acumularía {Show(projected)} entre {span}; la meta acumulada es {Show(total)}";
        var summary = @class switch
        {
            ProjectionClass.EnCamino => descending ? $"{head}: no la superaría." : $"{head}: la alcanzaría.",
            ProjectionClass.RequiereAcelerar => descending ? $"{head}: la superaría; requiere corregir." : $"{head}: cubriría el {ProgressFormat.Percent(share)}; requiere acelerar.",
            _ when descending => $"{head}: la superaría con holgura.",
            _ when share < 0m => $"{head}: la tendencia va en sentido contrario a la meta.",
            _ => $"{head}: cubriría solo el {ProgressFormat.Percent(share)}.",
        };
        return new Projection(@class, projected, Math.Max(0m, share), total, pace, new Explanation(AccumulatedFormula,
            () => $"Σ VO = {N(sum)} en {annual.Count.ToString(CultureInfo.InvariantCulture)} año(s); promedio {N(pace)} × {remaining.ToString(CultureInfo.InvariantCulture)} año(s) sin valor; total proyectado {N(projected)}; Σ LE = {N(total)}; {N(Math.Max(0m, share))} %.",
            "Solo valores anuales: el valor de un semestre es parte de su año."), true, summary);
    }

    /// <summary>
    /// Why a period's semáforo and the projection seem to disagree, or null when they agree: the semáforo
    /// compares one period with its expectation, the projection the pace of the annual values with the final target.
    /// </summary>
    public static string? Reconcile(PeriodProgress period, Projection projection)
    {
        var judged = $"El semáforo compara {period.PeriodLabel} con {period.Expectation}";
        const string pace = "la proyección mide el ritmo de los valores anuales hacia la meta final";
        return (period.Status, projection.Class) switch
        {
            (ProgressStatus.Verde or ProgressStatus.Cumple, ProjectionClass.EnRiesgo or ProjectionClass.RequiereAcelerar) =>
                $"{judged}, y ahí cumple; {pace}, que a ese ritmo no se alcanzaría.",
            (ProgressStatus.Rojo or ProgressStatus.NoCumple, ProjectionClass.EnCamino or ProjectionClass.Cumplida) =>
                $"{judged}, y ahí va por debajo; {pace}, que a ese ritmo sí se alcanzaría.",
            _ => null,
        };
    }

    private static string Years(IEnumerable<int> years) => string.Join(", ", years.Select(y => y.ToString(CultureInfo.InvariantCulture)));

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
            var status = progress.Status;
            counts[status] = counts.GetValueOrDefault(status) + 1;
            var figure = settings.DashboardAvance == AvanceType.TipoII ? progress.TipoII : progress.TipoI;
            switch (status)
            {
                case ProgressStatus.Verde or ProgressStatus.Amarillo or ProgressStatus.Rojo when figure is { IsDefined: true }:
                    candidates.Add((indicator.Indicator.Key, indicator.Indicator.Relevance, settings.CapEnabled ? figure.Capped!.Value : figure.Uncapped!.Value));
                    break;
                case ProgressStatus.SinMeta:
                    excluded.Add(new RollUpExclusion(indicator.Indicator.Key, status, progress.StatusReason));
                    break;
                case ProgressStatus.SinDato when progress.PendingValidation:
                    excluded.Add(new RollUpExclusion(indicator.Indicator.Key, status, "Sin dato: el valor enviado está pendiente de validación por la OGPP (no se cuenta).", Pending: true));
                    break;
                case ProgressStatus.SinDato:
                    excluded.Add(new RollUpExclusion(indicator.Indicator.Key, status, "Sin dato: aún no hay valor obtenido registrado (no se cuenta como cero)."));
                    break;
                case ProgressStatus.Cumple or ProgressStatus.NoCumple:
                    excluded.Add(new RollUpExclusion(indicator.Indicator.Key, status, "Sentido no definido: se evalúa como cumple / no cumple, no entra al promedio."));
                    break;
                default:
                    excluded.Add(new RollUpExclusion(indicator.Indicator.Key, status, progress.StatusReason));
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
