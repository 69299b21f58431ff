using System.Globalization;
using PeiTracker.Domain;
using PeiTracker.Domain.Progress;

namespace PeiTracker.Domain.Tests.Progress;

/// <summary>Indicators written the way a planner reads them: "2025=10 2026=12", semesters as "2026S1=5".</summary>
internal static class ProgressTestData
{
    public static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    public static IndicatorInput Ind(
        Direction direction = Direction.Ascendente,
        string? baseline = null,
        string targets = "",
        string values = "",
        Aggregation aggregation = Aggregation.NoAgregable,
        int relevance = 2,
        string key = "K",
        PermissibleLimitKind? limitKind = null,
        string? limit = null,
        int? baselineYear = 2024,
        int decimals = 1)
    {
        var targetMap = targets.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('='))
            .ToDictionary(p => int.Parse(p[0], CultureInfo.InvariantCulture), p => D(p[1]));
        var valueList = values.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).Select(p =>
        {
            var period = p[0].EndsWith("S1", StringComparison.Ordinal) ? PeriodKind.PrimerSemestre : p[0].EndsWith("S2", StringComparison.Ordinal) ? PeriodKind.SegundoSemestre : PeriodKind.Anual;
            return new PeriodValue(int.Parse(p[0][..4], CultureInfo.InvariantCulture), period, D(p[1]));
        }).ToList();
        return new IndicatorInput(key, key, UnitOfMeasure.Numero, direction, aggregation, relevance, decimals,
            baseline is null ? null : baselineYear, baseline is null ? null : D(baseline), targetMap, valueList, limitKind, limit is null ? null : D(limit));
    }

    public static IndicatorProgress Calc(IndicatorInput input, PlanSettings? settings = null) =>
        ProgressCalculator.Calculate(input, settings ?? new PlanSettings(), 2025, 2030);

    public static PeriodProgress Annual(IndicatorProgress progress, int year) => progress.For(year, PeriodKind.Anual)!;

    public static PlanSettings Dashboard(AvanceType avance) => new() { DashboardAvance = avance };
}
