using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using static PeiTracker.Domain.Tests.Progress.ProgressTestData;

namespace PeiTracker.Domain.Tests.Progress;

/// <summary>The semáforo of one period and the sentence shown next to it.</summary>
public class PeriodStatusTests
{
    [Theory]
    [InlineData(AvanceType.TipoI, null, "2025=100", "2025=99", ProgressStatus.Verde, "Avance Tipo I comparado con el logro esperado 2025: verde (≥ 95 %).")]
    [InlineData(AvanceType.TipoI, null, "2025=100", "2025=80", ProgressStatus.Amarillo, "Avance Tipo I comparado con el logro esperado 2025: amarillo (75 % a menos de 95 %).")]
    [InlineData(AvanceType.TipoI, null, "2025=100", "2025=10", ProgressStatus.Rojo, "Avance Tipo I comparado con el logro esperado 2025: rojo (< 75 %).")]
    [InlineData(AvanceType.TipoI, null, "2025=10", "", ProgressStatus.SinDato, "Aún no se registra el valor obtenido: se muestra como «sin dato», nunca como cero.")]
    [InlineData(AvanceType.TipoI, null, "2026=10", "2025=7", ProgressStatus.SinMeta, "Hay valor obtenido, pero no hay logro esperado para 2025: no se calcula avance.")]
    [InlineData(AvanceType.TipoI, null, "2025=0", "2025=3", ProgressStatus.NoEvaluable, "Avance Tipo I no evaluable: el logro esperado es 0 y la fórmula dividiría entre cero.")]
    [InlineData(AvanceType.TipoI, "-5", "2025=5", "2025=-1", ProgressStatus.NoEvaluable, "Avance Tipo I no evaluable: con valores negativos la razón VO / LE no mide avance; use el Avance Tipo II.")]
    [InlineData(AvanceType.TipoII, "40", "2025=60", "2025=59", ProgressStatus.Verde, "Avance Tipo II comparado con el logro esperado 2025: verde (≥ 95 %).")]
    [InlineData(AvanceType.TipoII, "40", "2025=60", "2025=58", ProgressStatus.Amarillo, "Avance Tipo II comparado con el logro esperado 2025: amarillo (75 % a menos de 95 %).")]
    [InlineData(AvanceType.TipoII, null, "2025=60", "2025=58", ProgressStatus.NoEvaluable, "Avance Tipo II no evaluable: el indicador no tiene línea base.")]
    [InlineData(AvanceType.TipoII, "60", "2025=60", "2025=58", ProgressStatus.NoEvaluable, "Avance Tipo II no evaluable: el logro esperado es igual a la línea base (LE = LB): la fórmula dividiría entre cero.")]
    public void Status_OfAnAnnualValue_SaysWhichAvanceAndWhichRule(AvanceType dashboard, string? baseline, string targets, string values, ProgressStatus expected, string reason)
    {
        var period = Annual(Calc(Ind(baseline: baseline, targets: targets, values: values), Dashboard(dashboard)), 2025);

        Assert.Equal(expected, period.Status);
        Assert.Equal(reason, period.StatusReason);
    }

    [Fact]
    public void Status_PlanThresholds_AreTheOnesQuotedInTheReason()
    {
        var settings = new PlanSettings { GreenThreshold = 90m, YellowThreshold = 70.5m };

        Assert.Equal("Avance Tipo I comparado con el logro esperado 2025: verde (≥ 90 %).", Annual(Calc(Ind(targets: "2025=100", values: "2025=90"), settings), 2025).StatusReason);
        Assert.Equal("Avance Tipo I comparado con el logro esperado 2025: amarillo (70.5 % a menos de 90 %).", Annual(Calc(Ind(targets: "2025=100", values: "2025=80"), settings), 2025).StatusReason);
        Assert.Equal("Avance Tipo I comparado con el logro esperado 2025: rojo (< 70.5 %).", Annual(Calc(Ind(targets: "2025=100", values: "2025=70"), settings), 2025).StatusReason);
    }

    [Fact]
    public void Status_MissingValue_ExplainsBothAvancesAsNotCalculated()
    {
        var period = Annual(Calc(Ind(baseline: "5", targets: "2025=10")), 2025);

        Assert.Equal((null, 10m), (period.Value, period.Target));
        Assert.Equal("No se calcula: aún no hay valor obtenido registrado.", period.TipoI.Explanation.Substitution);
        Assert.Equal("No se calcula: aún no hay valor obtenido registrado.", period.TipoII.Explanation.Substitution);
    }

    [Fact]
    public void Status_ValueWithoutTarget_ExplainsWhichYearLacksIt()
    {
        var period = Annual(Calc(Ind(baseline: "5", targets: "2025=10", values: "2027=7")), 2027);

        Assert.Equal((7m, (decimal?)null), (period.Value, period.Target));
        Assert.Equal("No se calcula: no hay logro esperado para 2027.", period.TipoI.Explanation.Substitution);
        Assert.Equal("No se calcula: no hay logro esperado para 2027.", period.TipoII.Explanation.Substitution);
    }

    // ---- Which periods exist ----

    [Fact]
    public void Periods_TheLastYearOfThePlan_IsIncluded()
    {
        var period = Annual(Calc(Ind(targets: "2030=10", values: "2030=10")), 2030);

        Assert.Equal(ProgressStatus.Verde, period.Status);
    }

    [Fact]
    public void Periods_SemesterOfAYearWithoutTarget_IsSinMetaNotComparedWithZero()
    {
        var semester = Calc(Ind(targets: "2025=10", values: "2027S2=4")).For(2027, PeriodKind.SegundoSemestre)!;

        Assert.Null(semester.Target);
        Assert.Equal(ProgressStatus.SinMeta, semester.Status);
    }

    [Fact]
    public void Periods_SemesterNote_NamesTheSemesterAndTheExpectationItIsJudgedAgainst()
    {
        var progress = Calc(Ind(targets: "2026=80", values: "2026=70 2026S1=40 2026S2=60"));

        Assert.Null(progress.For(2026, PeriodKind.Anual)!.TipoI.Explanation.Note);
        Assert.Equal("Valor del I semestre 2026 comparado con el logro esperado anual 2026 (80), según la regla del plan.", progress.For(2026, PeriodKind.PrimerSemestre)!.TipoI.Explanation.Note);
        Assert.Equal("Valor del II semestre 2026 comparado con el logro esperado anual 2026 (80), según la regla del plan.", progress.For(2026, PeriodKind.SegundoSemestre)!.TipoI.Explanation.Note);
    }

    [Fact]
    public void Periods_NoAgregable_HasNoAccumulatedFigures()
    {
        var period = Annual(Calc(Ind(targets: "2025=10 2026=10", values: "2025=8 2026=12")), 2026);

        Assert.Null(period.AccumulatedValue);
        Assert.Null(period.AccumulatedTarget);
    }

    [Theory]
    [InlineData(1, "Las cifras se redondean a 1 decimal(es) solo al mostrarlas (mitad lejos de cero); el avance, a 1 decimal. Los cálculos usan los valores exactos.")]
    [InlineData(3, "Las cifras se redondean a 3 decimal(es) solo al mostrarlas (mitad lejos de cero); el avance, a 1 decimal. Los cálculos usan los valores exactos.")]
    public void RoundingRule_SaysTheIndicatorsDecimals(int decimals, string expected)
    {
        Assert.Equal(expected, Calc(Ind(targets: "2025=10", decimals: decimals)).RoundingRule);
    }
}
