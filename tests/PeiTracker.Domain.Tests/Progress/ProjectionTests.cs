using System.Globalization;
using CsCheck;
using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using static PeiTracker.Domain.Tests.Progress.PeriodStateTests;

namespace PeiTracker.Domain.Tests.Progress;

/// <summary>The projection to the plan's last year and the avance toward the final target (PeiTracker's own estimates).</summary>
public partial class ProjectionTests
{
    private const string Ioei0303Targets = "2025=3 2026=4 2027=4 2028=4 2029=5 2030=5";
    private const string TenAYear = "2025=10 2026=10 2027=10 2028=10 2029=10 2030=10";

    private static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void Project_CountFallingBelowZero_StaysAtZeroAndSaysItInWords()
    {
        // IOEI.03.03 as the lead saw it: 3 instruments in 2023 (baseline), 2 in 2025. The line through them is
        // 3 − 0.5 × (2030 − 2023) = −0.5 in 2030, which no count can be: the projection is 0, not −1, and its
        // share of the change 3 → 5 is not −175 % but none at all.
        var progress = Calc(Ind(Ioei0303Targets, "2025=2", baseline: "3", baselineYear: 2023, decimals: 0));

        var projection = progress.Projection;
        Assert.Equal((ProjectionClass.EnRiesgo, 0m, 0m), (projection.Class, projection.ProjectedValue!.Value, projection.ProjectedProgress!.Value));
        Assert.Equal("Al ritmo actual llegaría a 0 en 2030; la meta es 5: la tendencia va en sentido contrario a la meta.", projection.Summary);
        Assert.Contains("La recta daría -0.5", projection.Explanation.Note);
        Assert.Contains("PeiTracker", projection.Explanation.Formula);
    }

    [Fact]
    public void TowardFinal_ValueBelowTheBaseline_IsNotANegativePercentage()
    {
        // The same IOEI.03.03: (2 − 3) / (5 − 3) × 100 = −50 was shown to directors.
        var toward = Calc(Ind(Ioei0303Targets, "2025=2", baseline: "3", baselineYear: 2023)).TowardFinal;

        Assert.Null(toward.Percent);
        Assert.Contains("se alejó de la meta", toward.Explanation.Substitution);
    }

    [Fact]
    public void Project_OnTargetThisYearButFlat_IsEnRiesgoAndThePageCanSayWhy()
    {
        // IOEI.03.03 with the demo values: 3 in 2023 and 3 in 2025, 100 % verde in 2025 against a target of 3, but a
        // flat line stays at 3 while the 2030 target is 5.
        var progress = Calc(Ind(Ioei0303Targets, "2025=3", baseline: "3", baselineYear: 2023, decimals: 0));

        Assert.Equal(ProgressStatus.Verde, progress.For(2025, PeriodKind.Anual).Status);
        Assert.Equal((ProjectionClass.EnRiesgo, 3m), (progress.Projection.Class, progress.Projection.ProjectedValue!.Value));
        Assert.Equal("Al ritmo actual llegaría a 3 en 2030; la meta es 5: los valores no se mueven hacia la meta.", progress.Projection.Summary);
        var why = progress.WhyStatusAndProjectionDiffer(2025, PeriodKind.Anual);
        Assert.NotNull(why);
        Assert.StartsWith("El semáforo compara 2025 con el logro esperado 2025, y ahí cumple; la proyección mide el ritmo", why);
    }

    [Fact]
    public void Project_Agregable_AccumulatesAtTheCurrentPaceAgainstTheSumOfTargets()
    {
        // IOEI.01.01: 10 a year, 7 in 2025 (the I semestre 2026 value, 3, is part of 2026 and left out).
        // 7 + 7 × 5 years without a value = 42 against 6 × 10 = 60: 70 %, en riesgo, like its red 2025.
        var progress = Calc(Ind(TenAYear, "2025=7 2026S1=3", aggregation: Aggregation.Agregable, baseline: "20", baselineYear: 2023, decimals: 0));

        var projection = progress.Projection;
        Assert.Equal((ProjectionClass.EnRiesgo, 42m, 60m, 70m, true),
            (projection.Class, projection.ProjectedValue!.Value, projection.FinalTarget!.Value, projection.ProjectedProgress!.Value, projection.Accumulated));
        Assert.Equal("Al ritmo actual (7 por año en promedio) acumularía 42 entre 2025 y 2030; la meta acumulada es 60: cubriría solo el 70.0 %.", projection.Summary);
        Assert.Equal(7m / 60m * 100m, progress.TowardFinal.Percent);
        Assert.Null(progress.WhyStatusAndProjectionDiffer(2025, PeriodKind.Anual));
    }

    [Fact]
    public void Project_SemesterValues_DoNotMoveTheProjection()
    {
        var annualOnly = Calc(Ind(TenAYear, "2025=7", aggregation: Aggregation.Agregable)).Projection;
        var withSemesters = Calc(Ind(TenAYear, "2025=7 2026S1=100 2026S2=100", aggregation: Aggregation.Agregable)).Projection;

        Assert.Equal((annualOnly.Class, annualOnly.ProjectedValue), (withSemesters.Class, withSemesters.ProjectedValue));
    }

    [Theory]
    // A percentage never goes beyond 100 unless the indicator allows it.
    [InlineData(UnitOfMeasure.Porcentaje, false, "50", "2025=80", "100")]
    [InlineData(UnitOfMeasure.Porcentaje, true, "50", "2025=80", "230")]
    [InlineData(UnitOfMeasure.Porcentaje, false, "50", "2025=20", "0")]
    // An index measured in 0-1 stays within 0-1.
    [InlineData(UnitOfMeasure.Indice, false, "0.5", "2025=0.6", "1")]
    // A tasa de variación may be negative.
    [InlineData(UnitOfMeasure.TasaVariacion, false, "5", "2025=-5", "-55")]
    public void Project_NoAgregable_StaysWithinTheUnitsRange(UnitOfMeasure unit, bool allowsOver100, string baseline, string values, string expected)
    {
        var targets = unit == UnitOfMeasure.Indice ? "2025=0.6 2030=0.9" : "2025=55 2030=90";

        var projection = Calc(Ind(targets, values, unit: unit, baseline: baseline, allowsOver100: allowsOver100)).Projection;

        Assert.Equal(D(expected), projection.ProjectedValue);
    }

    [Theory]
    [InlineData("83.3", "2025=60 2026=65 2030=85", "bajan de 83.3 (línea base 2024) a 60 (2025) en un indicador ascendente")]
    [InlineData(null, "2025=60 2026=55 2030=85", "bajan de 60 (2025) a 55 (2026) en un indicador ascendente")]
    public void Project_TargetsAgainstTheDirection_IsNoEvaluableWithTheReason(string? baseline, string targets, string reason)
    {
        // IOEI.02.03: baseline 83.3 % in 2024 and a logro esperado of 60 % in 2025 for an ascending indicator.
        var progress = Calc(Ind(targets, "2025=70 2026=72", unit: UnitOfMeasure.Porcentaje, baseline: baseline));

        Assert.Equal(ProjectionClass.NoEvaluable, progress.Projection.Class);
        Assert.Null(progress.Projection.ProjectedValue);
        Assert.Contains(reason, progress.Projection.Summary);
        Assert.Null(progress.TowardFinal.Percent);
    }

    [Theory]
    [InlineData(Aggregation.NoAgregable, "2030=60", "2025=10", null, "al menos dos puntos")]
    [InlineData(Aggregation.NoAgregable, "2025=10", "2025=5 2026=6", "0", "no hay logro esperado para 2030")]
    [InlineData(Aggregation.Agregable, "2025=10 2026=10 2030=10", "2025=5", null, "faltan logros esperados de 2027, 2028, 2029")]
    [InlineData(Aggregation.Agregable, TenAYear, "2026S1=5", null, "aún no hay valores anuales")]
    public void Project_NotEnoughToProject_IsNoEvaluableWithTheReason(Aggregation aggregation, string targets, string values, string? baseline, string reason)
    {
        var projection = Calc(Ind(targets, values, aggregation: aggregation, baseline: baseline)).Projection;

        Assert.Equal(ProjectionClass.NoEvaluable, projection.Class);
        Assert.StartsWith("No evaluable: ", projection.Summary);
        Assert.Contains(reason, projection.Summary);
    }

    [Theory]
    [InlineData(Direction.Ascendente, "2025=10 2026=10", ProjectionClass.EnCamino)]
    [InlineData(Direction.Ascendente, "2025=8 2026=7", ProjectionClass.RequiereAcelerar)]
    [InlineData(Direction.Ascendente, "2025=70", ProjectionClass.Cumplida)]
    [InlineData(Direction.Descendente, "2025=8", ProjectionClass.EnCamino)]
    [InlineData(Direction.Descendente, "2025=12", ProjectionClass.RequiereAcelerar)]
    public void Project_Agregable_ClassFollowsTheDirection(Direction direction, string values, ProjectionClass expected)
    {
        Assert.Equal(expected, Calc(Ind(TenAYear, values, aggregation: Aggregation.Agregable, direction: direction)).Projection.Class);
    }

    [Fact]
    public void Project_TargetToHoldTheBaseline_SaysWhetherItWouldHoldIt()
    {
        var projection = Calc(Ind("2025=100 2030=100", "2025=98", unit: UnitOfMeasure.Porcentaje, baseline: "100")).Projection;

        Assert.Equal((ProjectionClass.EnRiesgo, (decimal?)null), (projection.Class, projection.ProjectedProgress));
        Assert.EndsWith("no la mantendría.", projection.Summary);
    }

    [Fact]
    public void Reconcile_RedPeriodWithATrendThatReachesTheTarget_SaysWhy()
    {
        // 2026 = 6 against 10 is rojo, but 0 → 6 in two years projects 18 by 2030, beyond its target of 12.
        var progress = Calc(Ind("2025=4 2026=10 2030=12", "2025=3 2026=6", baseline: "0"));

        Assert.Equal((ProgressStatus.Rojo, ProjectionClass.EnCamino), (progress.For(2026, PeriodKind.Anual).Status, progress.Projection.Class));
        Assert.Contains("y ahí va por debajo", progress.WhyStatusAndProjectionDiffer(2026, PeriodKind.Anual));
    }

    [Fact]
    public void TowardFinal_UsesAnnualValuesOnly()
    {
        // Before, the latest value of any period counted: IOEI.01.01's I semestre (3) against its baseline (20)
        // and final target (10) gave (3 − 20) / (10 − 20) = 170 %.
        var toward = Calc(Ind(TenAYear, "2025=7 2026S1=3", aggregation: Aggregation.Agregable, baseline: "20", baselineYear: 2023)).TowardFinal;

        Assert.Equal(7m / 60m * 100m, toward.Percent);
    }

    // ---- Properties: for any baseline, targets and values ----

    private sealed record Case(UnitOfMeasure Unit, bool AllowsOver100, Direction Direction, Aggregation Aggregation, decimal? Baseline, decimal?[] Targets, decimal?[] Values)
    {
        public IndicatorInput Input => new("K", "K", Unit, Direction, Aggregation, 2, 2, Baseline is null ? null : 2024, Baseline,
            Targets.Select((t, i) => (Year: 2025 + i, Target: t)).Where(t => t.Target is not null).ToDictionary(t => t.Year, t => t.Target!.Value),
            Values.Select((v, i) => (Year: 2025 + i, Value: v)).Where(v => v.Value is not null).Select(v => new PeriodValue(v.Year, PeriodKind.Anual, v.Value!.Value)).ToList(),
            AllowsOver100: AllowsOver100);
    }

    /// <summary>A figure the unit admits, as the entry rules would let a value in (counts are whole numbers).</summary>
    private static Gen<decimal> FigureOf(UnitOfMeasure unit, bool allowsOver100) => unit switch
    {
        UnitOfMeasure.Porcentaje => Gen.Int[0, allowsOver100 ? 3000 : 1000].Select(n => n / 10m),
        UnitOfMeasure.Numero => Gen.Int[0, 60].Select(n => (decimal)n),
        UnitOfMeasure.Indice => Gen.Int[0, 1000].Select(n => n / 1000m),
        _ => Gen.Int[-500, 500].Select(n => n / 10m),
    };

    private static readonly Gen<Case> Cases =
        from unit in Gen.OneOf(UnitOfMeasure.Porcentaje, UnitOfMeasure.Numero, UnitOfMeasure.Indice, UnitOfMeasure.TasaVariacion)
        from allowsOver100 in Gen.Bool
        from direction in Gen.OneOf(Direction.Ascendente, Direction.Descendente)
        from aggregation in Gen.OneOf(Aggregation.NoAgregable, Aggregation.Agregable)
        from baseline in FigureOf(unit, allowsOver100).Nullable(0.2)
        from targets in FigureOf(unit, allowsOver100).Nullable(0.15).Array[6]
        from values in FigureOf(unit, allowsOver100).Nullable(0.4).Array[6]
        select new Case(unit, allowsOver100, direction, aggregation, baseline, targets, values);

    [System.Text.RegularExpressions.GeneratedRegex(@"-[0-9][0-9.,]* %")]
    private static partial System.Text.RegularExpressions.Regex NegativePercent();

    private static bool Reaches(Case c, decimal projected, decimal target) => c.Direction == Direction.Descendente ? projected <= target : projected >= target;

    [Fact]
    public void Project_AnyInput_StaysWithinTheUnitsRangeAndNeverShowsANegativeShare()
    {
        Cases.Sample(c =>
        {
            var input = c.Input;
            var projection = Calc(input).Projection;
            if (projection.ProjectedValue is not { } projected)
            {
                return true;
            }

            var range = input.Range;
            var inRange = projection.Accumulated
                ? range.Min is not { } min || projected >= min
                : range.Contains(projected);
            return inRange && (projection.ProjectedProgress is null || projection.ProjectedProgress >= 0m) && !NegativePercent().IsMatch(projection.Summary);
        }, iter: 5_000);
    }

    [Fact]
    public void Project_AnyInput_ClassIsConsistentWithTheProjectedValue()
    {
        Cases.Sample(c =>
        {
            var projection = Calc(c.Input).Projection;
            return projection.Class switch
            {
                ProjectionClass.NoEvaluable => projection.ProjectedValue is null && projection.Summary.StartsWith("No evaluable: ", StringComparison.Ordinal),
                ProjectionClass.Cumplida or ProjectionClass.EnCamino => Reaches(c, projection.ProjectedValue!.Value, projection.FinalTarget!.Value),
                ProjectionClass.RequiereAcelerar => !Reaches(c, projection.ProjectedValue!.Value, projection.FinalTarget!.Value)
                    && projection.ProjectedProgress >= ProgressCalculator.ProjectionAccelerate,
                ProjectionClass.EnRiesgo => !Reaches(c, projection.ProjectedValue!.Value, projection.FinalTarget!.Value)
                    && (projection.ProjectedProgress is null || projection.ProjectedProgress < ProgressCalculator.ProjectionAccelerate),
                _ => false,
            };
        }, iter: 5_000);
    }

    [Fact]
    public void TowardFinal_AnyInput_IsBetweenZeroAndOneHundredOrUndefinedWithAReason()
    {
        Cases.Sample(c =>
        {
            var toward = Calc(c.Input).TowardFinal;
            return toward.Percent is { } percent ? percent is >= 0m and <= 100m : toward.Explanation.Substitution.StartsWith("No se calcula: ", StringComparison.Ordinal);
        }, iter: 5_000);
    }

    [Fact]
    public void Calculate_AnyInput_SinDatoAndSinMetaMeanOneThingEach()
    {
        var withSemesters =
            from c in Cases
            from s1 in FigureOf(c.Unit, c.AllowsOver100).Nullable(0.5).Array[6]
            from rule in Gen.Enum<SemesterExpectationRule>()
            select (c, s1, rule);
        withSemesters.Sample((c, s1, rule) =>
        {
            var input = c.Input with
            {
                Values = [.. c.Input.Values, .. s1.Select((v, i) => (Year: 2025 + i, Value: v)).Where(v => v.Value is not null).Select(v => new PeriodValue(v.Year, PeriodKind.PrimerSemestre, v.Value!.Value))],
            };
            return Calc(input, new PlanSettings { SemesterExpectation = rule }).Periods.All(p => p.Status switch
            {
                ProgressStatus.SinDato => p.Value is null && p.HasExpectation,
                ProgressStatus.SinMeta => !p.HasExpectation,
                _ => p.Value is not null && p.HasExpectation,
            });
        }, iter: 5_000);
    }
}
