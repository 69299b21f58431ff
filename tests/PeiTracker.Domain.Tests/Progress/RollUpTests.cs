using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using static PeiTracker.Domain.Tests.Progress.ProgressTestData;

namespace PeiTracker.Domain.Tests.Progress;

/// <summary>The avance of an AEI, an OEI or the plan: which indicators enter the average, with which weight, and what it says.</summary>
public class RollUpTests
{
    private const string RelevanceFormula = "Avance = Σ w_k × avance_k; w_k = (Rmax − (R_k − 1)) / Σ (Rmax − (R_i − 1)), R = relevancia (1 muy relevante)";

    private static IndicatorProgress WithAvance(string key, int relevance, string value, PlanSettings? settings = null) =>
        Calc(Ind(targets: "2025=100", values: $"2025={value}", relevance: relevance, key: key), settings);

    private static RollUpResult RollUp(PlanSettings settings, params IndicatorProgress[] indicators) =>
        ProgressCalculator.RollUp(indicators, 2025, PeriodKind.Anual, settings);

    [Fact]
    public void RollUp_ByRelevance_ExplainsWeightsAndFigures()
    {
        var result = RollUp(new PlanSettings(), WithAvance("A", 1, "90"), WithAvance("B", 2, "60"));

        Assert.Equal(RelevanceFormula, result.Explanation.Formula);
        Assert.Equal("= 0.6667 × 90 + 0.3333 × 60 = 80", result.Explanation.Substitution);
        Assert.Equal("Rmax = 2 entre los indicadores incluidos.", result.Explanation.Note);
    }

    [Fact]
    public void RollUp_EqualWeighting_ExplainsASimpleAverage()
    {
        var result = RollUp(new PlanSettings { Weighting = WeightingRule.Igual }, WithAvance("A", 1, "90"), WithAvance("B", 2, "60.125"));

        Assert.Equal("Avance = promedio simple de los avances (todos pesan igual)", result.Explanation.Formula);
        Assert.Equal("= 0.5 × 90 + 0.5 × 60.13 = 75.06", result.Explanation.Substitution);
        Assert.Null(result.Explanation.Note);
    }

    [Theory]
    [InlineData(WeightingRule.PorRelevancia, "Rmax = 2 entre los indicadores incluidos. 1 indicador(es) quedaron fuera del promedio.")]
    [InlineData(WeightingRule.Igual, "1 indicador(es) quedaron fuera del promedio.")]
    public void RollUp_WithExclusions_SaysHowManyWereLeftOut(WeightingRule weighting, string note)
    {
        var result = RollUp(new PlanSettings { Weighting = weighting }, WithAvance("A", 1, "90"), WithAvance("B", 2, "60"), Calc(Ind(targets: "2025=5", key: "SD")));

        Assert.Equal(note, result.Explanation.Note);
    }

    [Fact]
    public void RollUp_DashboardOnTipoII_AveragesTipoII()
    {
        // Tipo I = 58 / 60 = 96.7 %; Tipo II = (58 − 40) / (60 − 40) = 90 %.
        var settings = Dashboard(AvanceType.TipoII);
        var indicator = Calc(Ind(baseline: "40", targets: "2025=60", values: "2025=58"), settings);

        var result = RollUp(settings, indicator);

        Assert.Equal(90m, result.Avance);
        Assert.Equal(ProgressStatus.Amarillo, result.Status);
    }

    [Fact]
    public void RollUp_OverAchievement_EntersTheAverageCapped()
    {
        var result = RollUp(new PlanSettings(), WithAvance("A", 2, "120"), WithAvance("B", 2, "60"));

        Assert.Equal(80m, result.Avance);
        Assert.Equal([100m, 60m], result.Included.Select(i => i.Avance));
    }

    [Theory]
    [InlineData("2026=10", "", ProgressStatus.SinMeta, "No hay logro esperado para 2025.")]
    [InlineData("2026=10", "2025=3", ProgressStatus.SinMeta, "Hay valor obtenido, pero no hay logro esperado para 2025: no se calcula avance.")]
    [InlineData("2025=10", "", ProgressStatus.SinDato, "Sin dato: aún no hay valor obtenido registrado (no se cuenta como cero).")]
    [InlineData("2025=0", "2025=3", ProgressStatus.NoEvaluable, "Avance Tipo I no evaluable: el logro esperado es 0 y la fórmula dividiría entre cero.")]
    public void RollUp_Excluded_SaysWhyEachIndicatorIsOut(string targets, string values, ProgressStatus status, string reason)
    {
        var left = Calc(Ind(targets: targets, values: values, key: "X"));

        var result = RollUp(new PlanSettings(), WithAvance("A", 1, "90"), left);

        var exclusion = Assert.Single(result.Excluded);
        Assert.Equal(("X", status, reason), (exclusion.Key, exclusion.Status, exclusion.Reason));
        Assert.Equal(90m, result.Avance);
    }

    [Theory]
    [InlineData("8", ProgressStatus.Cumple)]
    [InlineData("12", ProgressStatus.NoCumple)]
    public void RollUp_NoDefinido_IsCountedButNotAveraged(string value, ProgressStatus status)
    {
        var noDefinido = Calc(Ind(Direction.NoDefinido, targets: "2025=0", values: $"2025={value}", key: "ND", limitKind: PermissibleLimitKind.Maximo, limit: "10"));

        var result = RollUp(new PlanSettings(), WithAvance("A", 1, "90"), noDefinido);

        var exclusion = Assert.Single(result.Excluded);
        Assert.Equal(("ND", status, "Sentido no definido: se evalúa como cumple / no cumple, no entra al promedio."), (exclusion.Key, exclusion.Status, exclusion.Reason));
        Assert.Equal(1, result.Count(status));
        Assert.Equal(2, result.Total);
        Assert.Equal(90m, result.Avance);
    }

    [Fact]
    public void RollUp_EmptyGroup_HasNoAvanceAndSaysItHasNoIndicators()
    {
        var result = RollUp(new PlanSettings());

        Assert.Null(result.Avance);
        Assert.Equal(ProgressStatus.SinDato, result.Status);
        Assert.Equal(0, result.Total);
        Assert.Equal("No se calcula: el grupo no tiene indicadores.", result.Explanation.Substitution);
    }

    [Fact]
    public void RollUp_NothingCalculable_SaysSo()
    {
        var result = RollUp(new PlanSettings(), Calc(Ind(targets: "2025=10", key: "SD")), Calc(Ind(targets: "2025=0", values: "2025=1", key: "NE")));

        Assert.Null(result.Avance);
        Assert.Equal(ProgressStatus.SinDato, result.Status);
        Assert.Equal(RelevanceFormula, result.Explanation.Formula);
        Assert.Equal("No se calcula: ningún indicador tiene avance calculable en el periodo.", result.Explanation.Substitution);
    }
}
