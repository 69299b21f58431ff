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

/// <summary>Where the values so far lead by the plan's last year.</summary>
public enum ProjectionClass
{
    Cumplida = 0,
    EnCamino = 1,
    RequiereAcelerar = 2,
    EnRiesgo = 3,
    DatosInsuficientes = 4,
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
    decimal? PermissibleLimit = null)
{
    /// <summary>The entity's definition with the given values (already filtered, e.g. validated only).</summary>
    public static IndicatorInput From(Indicator indicator, IEnumerable<IndicatorValue> values) => new(
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
        values.Where(v => v.Value is not null).Select(v => new PeriodValue(v.Year, v.Period, v.Value!.Value)).ToList().AsReadOnly(),
        indicator.LimitKind,
        indicator.PermissibleLimit);
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
    string StatusReason)
{
    public string PeriodLabel => Period == PeriodKind.Anual
        ? Year.ToString(CultureInfo.InvariantCulture)
        : $"{Labels.Of(Period)} {Year.ToString(CultureInfo.InvariantCulture)}";
}

public sealed record FinalTargetProgress(decimal? Percent, Explanation Explanation);

public sealed record Projection(ProjectionClass Class, decimal? ProjectedValue, decimal? ProjectedProgress, decimal? FinalTarget, decimal? SlopePerYear, Explanation Explanation);

public sealed record IndicatorProgress(IndicatorInput Indicator, IReadOnlyList<PeriodProgress> Periods, FinalTargetProgress TowardFinal, Projection Projection, string RoundingRule)
{
    public PeriodProgress? For(int year, PeriodKind period) => Periods.FirstOrDefault(p => p.Year == year && p.Period == period);
}

public sealed record RollUpItem(string Key, int Relevance, decimal Weight, decimal Avance);

public sealed record RollUpExclusion(string Key, ProgressStatus Status, string Reason);

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

    public static string Label(ProjectionClass projection) => projection switch
    {
        ProjectionClass.Cumplida => "Meta final ya cumplida",
        ProjectionClass.EnCamino => "En camino",
        ProjectionClass.RequiereAcelerar => "Requiere acelerar",
        ProjectionClass.EnRiesgo => "En riesgo",
        ProjectionClass.DatosInsuficientes => "Datos insuficientes",
        _ => projection.ToString(),
    };

    internal static string N(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
