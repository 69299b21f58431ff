using System.Collections.ObjectModel;
using System.Globalization;

namespace PeiTracker.Domain.Progress;

/// <summary>The state of an indicator (or a group) in a period: a semáforo colour or a reason for having none.</summary>
public enum ProgressStatus
{
    Verde = 0,
    Amarillo = 1,
    Rojo = 2,

    /// <summary>No value reported yet. Never counted as zero.</summary>
    SinDato = 3,

    /// <summary>No logro esperado for the period.</summary>
    SinMeta = 4,

    /// <summary>The formula is undefined here (e.g. it would divide by zero).</summary>
    NoEvaluable = 5,

    /// <summary>"No definido" indicator within its permissible limit.</summary>
    Cumple = 6,

    /// <summary>"No definido" indicator outside its permissible limit.</summary>
    NoCumple = 7,
}

/// <summary>Where the values so far lead by the plan's last year (PeiTracker's own estimate, not a CEPLAN figure).</summary>
public enum ProjectionClass
{
    Cumplida = 0,
    EnCamino = 1,
    RequiereAcelerar = 2,
    EnRiesgo = 3,

    /// <summary>No projection can be made; the projection's explanation says why.</summary>
    NoEvaluable = 4,
}

/// <summary>Which logro esperado a period is judged against.</summary>
public enum ExpectationSource
{
    /// <summary>The period has no expectation: its state is "sin meta".</summary>
    Ninguna = 0,

    /// <summary>A year, against its own logro esperado.</summary>
    Anual = 1,

    /// <summary>A semester, against the logro esperado the planning office set for it.</summary>
    SemestralDefinida = 2,

    /// <summary>The I semestre of an agregable indicator, against half the annual target (plan rule).</summary>
    MitadDeLaAnual = 3,

    /// <summary>A semester against the whole annual target (plan rule).</summary>
    MetaAnual = 4,

    /// <summary>A "no definido" indicator without a target, against its permissible limit.</summary>
    LimitePermisible = 5,
}

public sealed record PeriodValue(int Year, PeriodKind Period, decimal Value);

/// <summary>What the calculation needs to know of an indicator; built from the entity or by tests.</summary>
public sealed record IndicatorInput(
    string Key,
    string Code,
    UnitOfMeasure Unit,
    Direction Direction,
    Aggregation Aggregation,
    int Relevance,
    int Decimals,
    int? BaselineYear,
    decimal? BaselineValue,
    IReadOnlyDictionary<int, decimal> Targets,
    IReadOnlyList<PeriodValue> Values,
    PermissibleLimitKind? LimitKind = null,
    decimal? PermissibleLimit = null,
    bool AllowsOver100 = false,
    IReadOnlyDictionary<(int Year, PeriodKind Period), decimal>? SemesterTargets = null,
    IReadOnlySet<(int Year, PeriodKind Period)>? PendingPeriods = null)
{
    private static readonly IReadOnlyDictionary<(int, PeriodKind), decimal> NoSemesterTargets = new Dictionary<(int, PeriodKind), decimal>().AsReadOnly();
    private static readonly IReadOnlySet<(int, PeriodKind)> NoPending = new ReadOnlySet<(int, PeriodKind)>(new HashSet<(int, PeriodKind)>());

    /// <summary>Logros esperados set for single semesters.</summary>
    public IReadOnlyDictionary<(int Year, PeriodKind Period), decimal> SemesterTargetsOrEmpty => SemesterTargets ?? NoSemesterTargets;

    /// <summary>Periods with a value sent for review that the calculation does not count.</summary>
    public IReadOnlySet<(int Year, PeriodKind Period)> PendingPeriodsOrEmpty => PendingPeriods ?? NoPending;

    /// <summary>The values the unit of measure allows (see <see cref="UnitRange"/>).</summary>
    public UnitRange Range => UnitRange.Of(Unit, AllowsOver100, Targets.Values.Append(BaselineValue ?? 0m));

    /// <summary>
    /// The entity's definition with the given values (already filtered, e.g. validated only). A value the unit
    /// sent for review and that is not among them is remembered as pending, so its period reads "sin dato,
    /// pendiente de validación" rather than as if nothing had been sent.
    /// </summary>
    public static IndicatorInput From(Indicator indicator, IEnumerable<IndicatorValue> values)
    {
        var counted = values.Where(v => v.Value is not null).Select(v => new PeriodValue(v.Year, v.Period, v.Value!.Value)).ToList();
        var countedPeriods = counted.Select(v => (v.Year, v.Period)).ToHashSet();
        var pending = indicator.Values.Where(v => v.Status == ValueStatus.Enviado && v.Value is not null && !countedPeriods.Contains((v.Year, v.Period)))
            .Select(v => (v.Year, v.Period)).ToHashSet();
        return new(
            indicator.Key,
            indicator.PublishedCode,
            indicator.Unit,
            indicator.Direction,
            indicator.Aggregation,
            indicator.Relevance,
            indicator.Decimals,
            indicator.BaselineYear,
            indicator.BaselineValue,
            indicator.Targets.ToDictionary(t => t.Year, t => t.Value).AsReadOnly(),
            counted.AsReadOnly(),
            indicator.LimitKind,
            indicator.PermissibleLimit,
            indicator.AllowsOver100,
            indicator.SemesterTargets.Count == 0 ? null : indicator.SemesterTargets.ToDictionary(t => (t.Year, t.Period), t => t.Value).AsReadOnly(),
            pending.Count == 0 ? null : new ReadOnlySet<(int, PeriodKind)>(pending));
    }
}

/// <summary>
/// How a figure was obtained, in words a planner can check by hand. The substituted text is
/// built only when someone reads it, so computing a whole plan stays cheap.
/// </summary>
public sealed class Explanation
{
    private readonly Lazy<string> substitution;

    public Explanation(string formula, string substitution, string? note = null)
        : this(formula, () => substitution, note)
    {
    }

    public Explanation(string formula, Func<string> substitution, string? note = null)
    {
        Formula = formula;
        this.substitution = new Lazy<string>(substitution, LazyThreadSafetyMode.PublicationOnly);
        Note = note;
    }

    public string Formula { get; }

    public string Substitution => substitution.Value;

    public string? Note { get; }

    public Explanation WithNote(string? note) => new(Formula, () => Substitution, note);

    public static Explanation Undefined(string formula, string reason) => new(formula, "No se calcula: " + reason);
}

/// <summary>An avance figure, uncapped and capped, or the reason it is undefined.</summary>
public sealed record AvanceFigure(decimal? Uncapped, decimal? Capped, Explanation Explanation)
{
    public bool IsDefined => Uncapped is not null;
}

/// <summary>
/// The state of one indicator in one period (a year or a semester). Every period of the plan has one, so a
/// reader never has to guess what a missing entry means: <see cref="Status"/> is "sin dato" when the period has
/// an expectation and no counted value (with <see cref="PendingValidation"/> when one was sent but is not counted),
/// and "sin meta" only when it has no expectation.
/// </summary>
/// <param name="Target">The expectation the period is judged against: the year's logro esperado, or for a semester the one the planning office set or the one the plan's rule derived (<see cref="Source"/>).</param>
/// <param name="AnnualTarget">The year's logro esperado, which CEPLAN's avance column compares every period with.</param>
/// <param name="AgainstAnnualTarget">Avance Tipo I against <see cref="AnnualTarget"/> (equal to <see cref="TipoI"/> for a year).</param>
public sealed record PeriodProgress(
    int Year,
    PeriodKind Period,
    decimal? Value,
    decimal? Target,
    AvanceFigure TipoI,
    AvanceFigure TipoII,
    decimal? AccumulatedValue,
    decimal? AccumulatedTarget,
    ProgressStatus Status,
    string StatusReason,
    decimal? AnnualTarget,
    ExpectationSource Source,
    string Expectation,
    AvanceFigure AgainstAnnualTarget,
    bool PendingValidation)
{
    public string PeriodLabel => Period == PeriodKind.Anual
        ? Year.ToString(CultureInfo.InvariantCulture)
        : $"{Labels.Of(Period)} {Year.ToString(CultureInfo.InvariantCulture)}";

    public bool HasExpectation => Source != ExpectationSource.Ninguna;

    /// <summary>Whether a listing of the indicator's periods should show this one: it expects a value, has one, or one is pending.</summary>
    public bool IsFollowed => HasExpectation || Value is not null || PendingValidation;

    /// <summary>The state in words, e.g. "Sin dato (pendiente de validación)".</summary>
    public string StatusLabel => ProgressFormat.Label(this);
}

public sealed record FinalTargetProgress(decimal? Percent, Explanation Explanation);

/// <param name="ProjectedValue">For a no agregable indicator the value expected in the last year; for an agregable one the total expected over the plan's years. Always within the unit's range.</param>
/// <param name="ProjectedProgress">Share of the required change (or of the accumulated target) the projection covers; never below 0.</param>
/// <param name="FinalTarget">The last year's logro esperado, or for an agregable indicator the sum of every year's.</param>
/// <param name="SlopePerYear">Change per year of the trend, or for an agregable indicator the average value per year.</param>
/// <param name="Summary">The projection in plain words, for directors: "al ritmo actual llegaría a 3 en 2030; la meta es 5".</param>
public sealed record Projection(
    ProjectionClass Class,
    decimal? ProjectedValue,
    decimal? ProjectedProgress,
    decimal? FinalTarget,
    decimal? SlopePerYear,
    Explanation Explanation,
    bool Accumulated,
    string Summary);

public sealed record IndicatorProgress(IndicatorInput Indicator, IReadOnlyList<PeriodProgress> Periods, FinalTargetProgress TowardFinal, Projection Projection, string RoundingRule)
{
    /// <summary>The period's state; a period outside the plan's years is "sin meta" and says so.</summary>
    public PeriodProgress For(int year, PeriodKind period)
    {
        // Periods come three per year (I semestre, II semestre, año) from the plan's first year.
        if (Periods.Count > 0)
        {
            var index = ((year - Periods[0].Year) * 3) + ProgressCalculator.PeriodOrder(period);
            if (index >= 0 && index < Periods.Count && Periods[index] is var found && found.Year == year && found.Period == period)
            {
                return found;
            }
        }

        return Periods.FirstOrDefault(p => p.Year == year && p.Period == period) ?? ProgressCalculator.OutsidePlan(year, period);
    }

    /// <summary>
    /// Why the period's semáforo and the projection seem to disagree (a period on target while the trend
    /// falls short of the final target, or the reverse), or null when they agree.
    /// </summary>
    public string? WhyStatusAndProjectionDiffer(int year, PeriodKind period) => ProgressCalculator.Reconcile(For(year, period), Projection);
}

public sealed record RollUpItem(string Key, int Relevance, decimal Weight, decimal Avance);

public sealed record RollUpExclusion(string Key, ProgressStatus Status, string Reason, bool Pending = false);

/// <summary>The weighted avance of a group of indicators (AEI, OEI, plan, unit) for one period.</summary>
public sealed record RollUpResult(
    decimal? Avance,
    ProgressStatus Status,
    IReadOnlyDictionary<ProgressStatus, int> Counts,
    IReadOnlyList<RollUpItem> Included,
    IReadOnlyList<RollUpExclusion> Excluded,
    Explanation Explanation)
{
    public int Count(ProgressStatus status) => Counts.TryGetValue(status, out var n) ? n : 0;

    public int Total => Counts.Values.Sum();

    /// <summary>Indicators without a counted value whose unit sent one that awaits validation.</summary>
    public int PendingCount => Excluded.Count(e => e.Pending);

    /// <summary>How many indicators the figure rests on, e.g. "4 de 22 indicadores con avance".</summary>
    public string Coverage => ProgressFormat.Coverage(Included.Count, Total);
}

public static class ProgressFormat
{
    /// <summary>Display rounding: half away from zero, to the indicator's decimals. The engine itself never rounds.</summary>
    public static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);

    public static string Number(decimal? value, int decimals) =>
        value is { } v ? Round(v, decimals).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.GetCultureInfo("es-PE")) : "—";

    public static string Percent(decimal? value) => value is { } v ? Number(v, 1) + " %" : "—";

    public static string Label(ProgressStatus status) => status switch
    {
        ProgressStatus.Verde => "Verde",
        ProgressStatus.Amarillo => "Amarillo",
        ProgressStatus.Rojo => "Rojo",
        ProgressStatus.SinDato => "Sin dato",
        ProgressStatus.SinMeta => "Sin meta",
        ProgressStatus.NoEvaluable => "No evaluable",
        ProgressStatus.Cumple => "Cumple",
        ProgressStatus.NoCumple => "No cumple",
        _ => status.ToString(),
    };

    /// <summary>The period's state in words; "sin dato" says when a value awaits validation.</summary>
    public static string Label(PeriodProgress period) =>
        period.Status == ProgressStatus.SinDato && period.PendingValidation ? "Sin dato (pendiente de validación)" : Label(period.Status);

    public static string Label(ProjectionClass projection) => projection switch
    {
        ProjectionClass.Cumplida => "Meta final ya cumplida",
        ProjectionClass.EnCamino => "En camino",
        ProjectionClass.RequiereAcelerar => "Requiere acelerar",
        ProjectionClass.EnRiesgo => "En riesgo",
        ProjectionClass.NoEvaluable => "No evaluable",
        _ => projection.ToString(),
    };

    /// <summary>Where a period's expectation comes from, in a few words for a table cell.</summary>
    public static string SourceShort(ExpectationSource source) => source switch
    {
        ExpectationSource.Anual => "logro esperado anual",
        ExpectationSource.SemestralDefinida => "propio del semestre (OGPP)",
        ExpectationSource.MitadDeLaAnual => "½ del anual (agregable)",
        ExpectationSource.MetaAnual => "igual al anual (regla del plan)",
        ExpectationSource.LimitePermisible => "límite permisible",
        _ => "sin logro esperado",
    };

    /// <summary>The plan's rule for semesters without a logro esperado of their own, as a sentence.</summary>
    public static string Describe(SemesterExpectationRule rule) => rule switch
    {
        SemesterExpectationRule.MetaAnual =>
            "Semestres: sin logro esperado propio, cada semestre se compara con el logro esperado anual completo (regla del plan).",
        SemesterExpectationRule.SoloDefinidas =>
            "Semestres: solo se evalúan los que tienen logro esperado propio fijado por la OGPP; los demás quedan sin meta (regla del plan).",
        _ => "Semestres: sin logro esperado propio, un indicador agregable se compara en el I semestre con la mitad del logro esperado anual y en el II con el anual completo; uno no agregable, con el logro esperado anual (regla del plan).",
    };

    public static string Coverage(int included, int total) =>
        $"{included.ToString(CultureInfo.InvariantCulture)} de {total.ToString(CultureInfo.InvariantCulture)} {(total == 1 ? "indicador" : "indicadores")} con avance";

    internal static string N(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
