using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using static PeiTracker.Domain.Tests.Progress.ProgressTestData;

namespace PeiTracker.Domain.Tests.Progress;

public class ProgressCalculatorTests
{
    // ---- Avance Tipo I ----

    [Theory]
    [InlineData(Direction.Ascendente, "50", "45", "90")]
    [InlineData(Direction.Ascendente, "50", "0", "0")]
    [InlineData(Direction.Descendente, "10", "20", "50")]
    [InlineData(Direction.Descendente, "10", "0", "100")]
    [InlineData(Direction.Descendente, "0", "5", "0")]
    [InlineData(Direction.Descendente, "0", "0", "100")]
    [InlineData(Direction.Ascendente, "0.576", "0.576", "100")]
    public void TipoI_ByDirection_FollowsCeplanFormula(Direction direction, string target, string value, string expected)
    {
        var period = Annual(Calc(Ind(direction, targets: $"2025={target}", values: $"2025={value}")), 2025);

        Assert.Equal(D(expected), period.TipoI.Uncapped);
    }

    [Fact]
    public void TipoI_AscendingWithTargetZero_IsNoEvaluableNeverDividedByZero()
    {
        var period = Annual(Calc(Ind(targets: "2025=0", values: "2025=3")), 2025);

        Assert.Null(period.TipoI.Uncapped);
        Assert.Equal(ProgressStatus.NoEvaluable, period.Status);
        Assert.Contains("dividiría entre cero", period.StatusReason);
    }

    [Fact]
    public void TipoI_ValueAboveTarget_KeepsUncappedAndCapsForTheSemaforo()
    {
        var period = Annual(Calc(Ind(targets: "2025=50", values: "2025=60")), 2025);

        Assert.Equal(120m, period.TipoI.Uncapped);
        Assert.Equal(100m, period.TipoI.Capped);
        Assert.Equal(ProgressStatus.Verde, period.Status);
        Assert.Contains("Sin tope: 120", period.TipoI.Explanation.Note);
    }

    [Fact]
    public void TipoI_CapDisabled_UsesTheUncappedFigure()
    {
        var period = Annual(Calc(Ind(targets: "2025=50", values: "2025=60"), new PlanSettings { CapEnabled = false }), 2025);

        Assert.Equal(120m, period.TipoI.Capped);
    }

    [Fact]
    public void TipoI_NegativeRateOfVariation_IsNoEvaluableAndTipoIIMeasuresIt()
    {
        var period = Annual(Calc(Ind(baseline: "-5", targets: "2025=-2", values: "2025=-1")), 2025);

        Assert.Null(period.TipoI.Uncapped);
        Assert.Equal(D("4") / D("3") * 100m, period.TipoII.Uncapped);
    }

    [Fact]
    public void TipoI_IndexBetweenZeroAndOne_IsARatioLikeAnyOther()
    {
        var period = Annual(Calc(Ind(targets: "2025=0.5", values: "2025=0.4")), 2025);

        Assert.Equal(80m, period.TipoI.Uncapped);
        Assert.Equal(ProgressStatus.Amarillo, period.Status);
    }

    // ---- Avance Tipo II ----

    [Theory]
    [InlineData(Direction.Ascendente, "0", "50", "25", "50")]
    [InlineData(Direction.Ascendente, "40", "60", "50", "50")]
    [InlineData(Direction.Ascendente, "40", "60", "35", "-25")]
    [InlineData(Direction.Descendente, "10", "6", "8", "50")]
    [InlineData(Direction.Descendente, "10", "6", "4", "150")]
    public void TipoII_NoAgregable_DistanceCoveredFromTheBaseline(Direction direction, string baseline, string target, string value, string expected)
    {
        var period = Annual(Calc(Ind(direction, baseline, $"2025={target}", $"2025={value}")), 2025);

        Assert.Equal(D(expected), period.TipoII.Uncapped);
    }

    [Fact]
    public void TipoII_TargetEqualToBaseline_IsUndefinedWithItsReason()
    {
        var period = Annual(Calc(Ind(baseline: "50", targets: "2025=50", values: "2025=50")), 2025);

        Assert.Null(period.TipoII.Uncapped);
        Assert.Contains("LE = LB", period.TipoII.Explanation.Substitution);
        Assert.Equal(100m, period.TipoI.Uncapped);
    }

    [Fact]
    public void TipoII_WithoutBaseline_IsUndefined()
    {
        Assert.Null(Annual(Calc(Ind(targets: "2025=50", values: "2025=40")), 2025).TipoII.Uncapped);
    }

    [Fact]
    public void Agregable_AccumulatesValuesAndTargetsOverTheYearsSoFar()
    {
        var progress = Calc(Ind(targets: "2025=10 2026=10 2027=10", values: "2025=8 2026=12", aggregation: Aggregation.Agregable));

        var year2026 = Annual(progress, 2026);
        Assert.Equal(20m, year2026.AccumulatedValue);
        Assert.Equal(20m, year2026.AccumulatedTarget);
        Assert.Equal(100m, year2026.TipoII.Uncapped);
        Assert.Equal(80m, Annual(progress, 2025).TipoII.Uncapped);
    }

    // ---- Semáforo ----

    [Theory]
    [InlineData("95", ProgressStatus.Verde)]
    [InlineData("94.99", ProgressStatus.Amarillo)]
    [InlineData("75", ProgressStatus.Amarillo)]
    [InlineData("74.99", ProgressStatus.Rojo)]
    [InlineData("0", ProgressStatus.Rojo)]
    public void Semaforo_AtTheThresholds_CeplanDefaults(string value, ProgressStatus expected)
    {
        Assert.Equal(expected, Annual(Calc(Ind(targets: "2025=100", values: $"2025={value}")), 2025).Status);
    }

    [Fact]
    public void Semaforo_PlanSettings_ChangeTheColourOfTheSameFigure()
    {
        var input = Ind(targets: "2025=100", values: "2025=90");

        Assert.Equal(ProgressStatus.Amarillo, Annual(Calc(input), 2025).Status);
        Assert.Equal(ProgressStatus.Verde, Annual(Calc(input, new PlanSettings { GreenThreshold = 90m, YellowThreshold = 70m }), 2025).Status);
    }

    [Fact]
    public void Semaforo_DashboardOnTipoII_ColoursByDistanceFromBaseline()
    {
        // Tipo I = 58 / 60 = 96.7 % (verde); Tipo II = (58 − 40) / (60 − 40) = 90 % (amarillo).
        var input = Ind(baseline: "40", targets: "2025=60", values: "2025=58");

        Assert.Equal(ProgressStatus.Verde, Annual(Calc(input), 2025).Status);
        Assert.Equal(ProgressStatus.Amarillo, Annual(Calc(input, new PlanSettings { DashboardAvance = AvanceType.TipoII }), 2025).Status);
    }

    // ---- Missing data ----

    [Fact]
    public void MissingValue_IsSinDatoNeverZero()
    {
        var period = Annual(Calc(Ind(targets: "2025=10 2026=10", values: "2025=10")), 2026);

        Assert.Equal(ProgressStatus.SinDato, period.Status);
        Assert.Null(period.Value);
        Assert.Null(period.TipoI.Uncapped);
    }

    [Fact]
    public void ValueWithoutTarget_IsSinMeta()
    {
        Assert.Equal(ProgressStatus.SinMeta, Annual(Calc(Ind(targets: "2025=10", values: "2028=7")), 2028).Status);
    }

    [Fact]
    public void YearWithNeitherTargetNorValue_IsSinMetaAndSaysWhy()
    {
        var period = Calc(Ind(targets: "2025=10", values: "2025=7")).For(2027, PeriodKind.Anual);

        Assert.Equal(ProgressStatus.SinMeta, period.Status);
        Assert.Equal("No hay logro esperado para 2027.", period.StatusReason);
    }

    [Fact]
    public void Semester_NoAgregableWithoutItsOwnTarget_ComparedWithTheAnnualTarget()
    {
        var progress = Calc(Ind(targets: "2026=80", values: "2026S1=60"));

        var first = progress.For(2026, PeriodKind.PrimerSemestre);
        Assert.Equal(75m, first.TipoI.Uncapped);
        Assert.Equal(ProgressStatus.SinDato, progress.For(2026, PeriodKind.SegundoSemestre).Status);
        Assert.Contains("logro esperado anual", first.TipoI.Explanation.Note);
        Assert.Equal(ProgressStatus.SinDato, progress.For(2026, PeriodKind.Anual).Status);
    }

    // ---- No definido ----

    [Theory]
    [InlineData(PermissibleLimitKind.Maximo, "10", "8", ProgressStatus.Cumple, "Cumple: VO = 8; máximo permisible 10 (se exige VO ≤ 10).")]
    [InlineData(PermissibleLimitKind.Maximo, "10", "10", ProgressStatus.Cumple, "Cumple: VO = 10; máximo permisible 10 (se exige VO ≤ 10).")]
    [InlineData(PermissibleLimitKind.Maximo, "10", "12", ProgressStatus.NoCumple, "No cumple: VO = 12; máximo permisible 10 (se exige VO ≤ 10).")]
    [InlineData(PermissibleLimitKind.Minimo, "5", "5", ProgressStatus.Cumple, "Cumple: VO = 5; mínimo permisible 5 (se exige VO ≥ 5).")]
    [InlineData(PermissibleLimitKind.Minimo, "5", "4", ProgressStatus.NoCumple, "No cumple: VO = 4; mínimo permisible 5 (se exige VO ≥ 5).")]
    public void NoDefinido_JudgedAgainstItsPermissibleLimit(PermissibleLimitKind kind, string limit, string value, ProgressStatus expected, string reason)
    {
        var period = Annual(Calc(Ind(Direction.NoDefinido, targets: "2025=0", values: $"2025={value}", limitKind: kind, limit: limit)), 2025);

        Assert.Equal(expected, period.Status);
        Assert.Equal(reason, period.StatusReason);
        Assert.Null(period.TipoI.Uncapped);
        Assert.Equal("Indicador de sentido no definido: se evalúa contra su límite permisible (cumple / no cumple)", period.TipoI.Explanation.Formula);
        Assert.Equal(reason, period.TipoII.Explanation.Substitution);
    }

    [Fact]
    public void NoDefinido_WithoutLimit_IsNoEvaluable()
    {
        var period = Annual(Calc(Ind(Direction.NoDefinido, targets: "2025=1", values: "2025=1")), 2025);

        Assert.Equal(ProgressStatus.NoEvaluable, period.Status);
        Assert.Equal("El indicador no tiene máximo ni mínimo permisible definido.", period.StatusReason);
    }

    // ---- Toward the final target ----

    [Fact]
    public void TowardFinal_FromBaselineToLatestValue()
    {
        var progress = Calc(Ind(baseline: "20", targets: "2025=30 2030=70", values: "2025=30"));

        Assert.Equal(20m, progress.TowardFinal.Percent);
    }

    [Fact]
    public void TowardFinal_FinalTargetEqualToBaseline_IsUndefined()
    {
        Assert.Null(Calc(Ind(baseline: "20", targets: "2030=20", values: "2025=30")).TowardFinal.Percent);
    }

    // ---- Projection ----

    [Theory]
    [InlineData("10", ProjectionClass.EnCamino)]
    [InlineData("7.5", ProjectionClass.RequiereAcelerar)]
    [InlineData("7.4", ProjectionClass.EnRiesgo)]
    [InlineData("60", ProjectionClass.Cumplida)]
    public void Projection_LinearTrendAgainstTheFinalTarget_AtTheBoundaries(string value2025, ProjectionClass expected)
    {
        // Baseline 2024 = 0 and final target 2030 = 60: a 2025 value of 10 projects exactly 60 (100 %), 7.5 projects 45 (75 %).
        var progress = Calc(Ind(baseline: "0", targets: "2025=10 2030=60", values: $"2025={value2025}"));

        Assert.Equal(expected, progress.Projection.Class);
    }

    [Fact]
    public void Projection_DescendingIndicator_MirrorsTheDirection()
    {
        var progress = Calc(Ind(Direction.Descendente, baseline: "12", targets: "2030=6", values: "2025=11 2026=10"));

        Assert.Equal(ProjectionClass.EnCamino, progress.Projection.Class);
        Assert.True(progress.Projection.ProjectedValue <= 6m);
    }

    [Fact]
    public void Projection_SingleValueWithoutBaseline_IsNoEvaluable()
    {
        Assert.Equal(ProjectionClass.NoEvaluable, Calc(Ind(targets: "2030=60", values: "2025=10")).Projection.Class);
    }

    [Fact]
    public void Projection_WithoutFinalTarget_IsNoEvaluable()
    {
        Assert.Equal(ProjectionClass.NoEvaluable, Calc(Ind(baseline: "0", targets: "2025=10", values: "2025=10")).Projection.Class);
    }

    // ---- Roll-up ----

    private static IndicatorProgress WithAvance(string key, int relevance, string value) =>
        Calc(Ind(targets: "2025=100", values: $"2025={value}", relevance: relevance, key: key));

    [Fact]
    public void RollUp_RelevanceOneAndTwo_WeighTwoThirdsAndOneThird()
    {
        var result = ProgressCalculator.RollUp([WithAvance("A", 1, "90"), WithAvance("B", 2, "60")], 2025, PeriodKind.Anual, new PlanSettings());

        Assert.Equal(2m / 3m, result.Included.Single(i => i.Key == "A").Weight);
        Assert.Equal(1m / 3m, result.Included.Single(i => i.Key == "B").Weight);
        Assert.Equal(80m, Math.Round(result.Avance!.Value, 10));
        Assert.Equal(ProgressStatus.Amarillo, result.Status);
    }

    [Fact]
    public void RollUp_RelevanceOneTwoThree_WeighHalfThirdSixth()
    {
        var result = ProgressCalculator.RollUp([WithAvance("A", 1, "100"), WithAvance("B", 2, "100"), WithAvance("C", 3, "100")], 2025, PeriodKind.Anual, new PlanSettings());

        Assert.Equal([1m / 2m, 1m / 3m, 1m / 6m], result.Included.Select(i => Math.Round(i.Weight, 20)).ToArray(), new RoundedComparer());
    }

    [Fact]
    public void RollUp_SingleIndicator_HasWeightOne()
    {
        var result = ProgressCalculator.RollUp([WithAvance("A", 3, "70")], 2025, PeriodKind.Anual, new PlanSettings());

        Assert.Equal(1m, Assert.Single(result.Included).Weight);
        Assert.Equal(70m, result.Avance);
    }

    [Fact]
    public void RollUp_EqualWeighting_IgnoresRelevance()
    {
        var result = ProgressCalculator.RollUp([WithAvance("A", 1, "90"), WithAvance("B", 2, "60")], 2025, PeriodKind.Anual, new PlanSettings { Weighting = WeightingRule.Igual });

        Assert.Equal(75m, result.Avance);
    }

    [Fact]
    public void RollUp_AllExcluded_HasNoAvanceAndSaysWhy()
    {
        var noValue = Calc(Ind(targets: "2025=10", key: "SIN-DATO"));
        var noTarget = Calc(Ind(targets: "2026=10", key: "SIN-META"));

        var result = ProgressCalculator.RollUp([noValue, noTarget], 2025, PeriodKind.Anual, new PlanSettings());

        Assert.Null(result.Avance);
        Assert.Equal(ProgressStatus.SinDato, result.Status);
        Assert.Equal(2, result.Excluded.Count);
        Assert.Equal(1, result.Count(ProgressStatus.SinDato));
        Assert.Equal(1, result.Count(ProgressStatus.SinMeta));
    }

    [Fact]
    public void RollUp_NoIndicatorWithATargetForThePeriod_IsSinMetaNotSinDato()
    {
        var result = ProgressCalculator.RollUp([Calc(Ind(targets: "2026=10", key: "A")), Calc(Ind(targets: "2027=10", key: "B"))], 2025, PeriodKind.Anual, new PlanSettings());

        Assert.Equal(ProgressStatus.SinMeta, result.Status);
    }

    [Fact]
    public void RollUp_CountsEveryColourAndLeavesOutWhatCannotBeAveraged()
    {
        var result = ProgressCalculator.RollUp(
            [WithAvance("V", 2, "99"), WithAvance("A", 2, "80"), WithAvance("R", 2, "10"), Calc(Ind(targets: "2025=5", key: "SD"))],
            2025, PeriodKind.Anual, new PlanSettings());

        Assert.Equal(1, result.Count(ProgressStatus.Verde));
        Assert.Equal(1, result.Count(ProgressStatus.Amarillo));
        Assert.Equal(1, result.Count(ProgressStatus.Rojo));
        Assert.Equal(1, result.Count(ProgressStatus.SinDato));
        Assert.Equal("SD", Assert.Single(result.Excluded).Key);
        Assert.Equal(63m, Math.Round(result.Avance!.Value, 10));
    }

    // ---- Worked examples with real indicators of the MRE plan (Anexo B-3) ----

    [Fact]
    public void WorkedExample_IndexOfPresenceInEurope_Aei0103()
    {
        // "Índice de presencia y vinculación diplomática con los países de Europa": LB 2024 = 0.556, LE 2025 = 0.576.
        // A 2025 value of 0.56: Tipo I = 0.56 / 0.576 × 100 = 97.22 (verde); Tipo II = (0.56 − 0.556) / (0.576 − 0.556) × 100 = 20.
        var progress = Calc(Ind(baseline: "0.556", targets: "2025=0.576", values: "2025=0.56"));
        var period = Annual(progress, 2025);

        Assert.Equal(97.22m, Math.Round(period.TipoI.Uncapped!.Value, 2));
        Assert.Equal(20m, period.TipoII.Uncapped);
        Assert.Equal(ProgressStatus.Verde, period.Status);
    }

    [Fact]
    public void WorkedExample_CountriesWithHighLevelVisits_Aei0105()
    {
        // "Porcentaje de países con visitas de alto nivel celebradas": LB 2024 = 6, LE 2025 = 8.
        // A 2025 value of 7: Tipo I = 7 / 8 × 100 = 87.5 (amarillo); Tipo II = (7 − 6) / (8 − 6) × 100 = 50.
        var period = Annual(Calc(Ind(baseline: "6", targets: "2025=8", values: "2025=7")), 2025);

        Assert.Equal(87.5m, period.TipoI.Uncapped);
        Assert.Equal(50m, period.TipoII.Uncapped);
        Assert.Equal(ProgressStatus.Amarillo, period.Status);
    }

    [Fact]
    public void Explanation_ShowsFormulaAndSubstitutedInputs()
    {
        var period = Annual(Calc(Ind(targets: "2025=8", values: "2025=7")), 2025);

        Assert.Equal("Avance Tipo I = VO / LE × 100", period.TipoI.Explanation.Formula);
        Assert.Equal("= 7 / 8 × 100 = 87.5", period.TipoI.Explanation.Substitution);
    }

    [Fact]
    public void Format_RoundsHalfAwayFromZeroOnlyForDisplay()
    {
        Assert.Equal(2.5m, ProgressFormat.Round(2.45m, 1));
        Assert.Equal(-2.5m, ProgressFormat.Round(-2.45m, 1));
    }

    private sealed class RoundedComparer : IEqualityComparer<decimal>
    {
        public bool Equals(decimal x, decimal y) => Math.Round(x, 12) == Math.Round(y, 12);

        public int GetHashCode(decimal obj) => Math.Round(obj, 12).GetHashCode();
    }
}
