using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using static PeiTracker.Domain.Tests.Progress.ProgressTestData;

namespace PeiTracker.Domain.Tests.Progress;

/// <summary>"¿Cómo se calculó?": the formula and the substituted figures a planner checks by hand.</summary>
public class AvanceExplanationTests
{
    private const string TipoIAscending = "Avance Tipo I = VO / LE × 100";
    private const string TipoIDescending = "Avance Tipo I = LE / VO × 100 (100 si VO = 0)";
    private const string TipoIIAscending = "Avance Tipo II = (VO − LB) / (LE − LB) × 100";
    private const string TipoIIDescending = "Avance Tipo II = (LB − VO) / (LB − LE) × 100";
    private const string TipoIIAggregate = "Avance Tipo II = Σ VO / Σ LE × 100 (años transcurridos)";

    [Theory]
    [InlineData(Direction.Ascendente, "8", "7", "87.5", TipoIAscending, "= 7 / 8 × 100 = 87.5")]
    [InlineData(Direction.Ascendente, "0", "3", null, TipoIAscending, "No se calcula: el logro esperado es 0 y la fórmula dividiría entre cero.")]
    [InlineData(Direction.Ascendente, "5", "-1", null, TipoIAscending, "No se calcula: con valores negativos la razón VO / LE no mide avance; use el Avance Tipo II.")]
    [InlineData(Direction.Ascendente, "-2", "-1", null, TipoIAscending, "No se calcula: con valores negativos la razón VO / LE no mide avance; use el Avance Tipo II.")]
    [InlineData(Direction.Descendente, "10", "20", "50", TipoIDescending, "= 10 / 20 × 100 = 50")]
    [InlineData(Direction.Descendente, "10", "0", "100", TipoIDescending, "VO = 0: el valor llegó al mínimo posible, avance = 100")]
    [InlineData(Direction.Descendente, "5", "-1", null, TipoIDescending, "No se calcula: con valores negativos la razón LE / VO no mide avance; use el Avance Tipo II.")]
    [InlineData(Direction.Descendente, "-5", "3", null, TipoIDescending, "No se calcula: con valores negativos la razón LE / VO no mide avance; use el Avance Tipo II.")]
    public void TipoI_Explanation_ShowsTheFormulaAndTheFiguresOrWhyNot(Direction direction, string target, string value, string? avance, string formula, string substitution)
    {
        var tipoI = Annual(Calc(Ind(direction, targets: $"2025={target}", values: $"2025={value}")), 2025).TipoI;

        Assert.Equal(avance is null ? null : D(avance), tipoI.Uncapped);
        Assert.Equal(formula, tipoI.Explanation.Formula);
        Assert.Equal(substitution, tipoI.Explanation.Substitution);
    }

    [Theory]
    [InlineData(Direction.Ascendente, "40", "60", "50", "50", TipoIIAscending, "= (50 − 40) / (60 − 40) × 100 = 50")]
    [InlineData(Direction.Descendente, "10", "6", "8", "50", TipoIIDescending, "= (10 − 8) / (10 − 6) × 100 = 50")]
    [InlineData(Direction.Ascendente, null, "60", "50", null, TipoIIAscending, "No se calcula: el indicador no tiene línea base.")]
    [InlineData(Direction.Descendente, null, "6", "8", null, TipoIIDescending, "No se calcula: el indicador no tiene línea base.")]
    [InlineData(Direction.Descendente, "6", "6", "8", null, TipoIIDescending, "No se calcula: el logro esperado es igual a la línea base (LE = LB): la fórmula dividiría entre cero.")]
    public void TipoII_Explanation_ShowsTheDistanceFromTheBaseline(Direction direction, string? baseline, string target, string value, string? avance, string formula, string substitution)
    {
        var tipoII = Annual(Calc(Ind(direction, baseline, $"2025={target}", $"2025={value}")), 2025).TipoII;

        Assert.Equal(avance is null ? null : D(avance), tipoII.Uncapped);
        Assert.Equal(formula, tipoII.Explanation.Formula);
        Assert.Equal(substitution, tipoII.Explanation.Substitution);
    }

    [Theory]
    [InlineData("2025=10 2026=10", "2025=8 2026=12", 2026, "100", "= 20 / 20 × 100 = 100")]
    [InlineData("2025=10 2026=30", "2025=8 2026=12", 2026, "50", "= 20 / 40 × 100 = 50")]
    [InlineData("2025=0", "2025=3", 2025, null, "No se calcula: la suma de los logros esperados es 0.")]
    public void TipoII_Agregable_ExplainsTheSumsSoFar(string targets, string values, int year, string? avance, string substitution)
    {
        var tipoII = Annual(Calc(Ind(targets: targets, values: values, aggregation: Aggregation.Agregable)), year).TipoII;

        Assert.Equal(avance is null ? null : D(avance), tipoII.Uncapped);
        Assert.Equal(TipoIIAggregate, tipoII.Explanation.Formula);
        Assert.Equal(substitution, tipoII.Explanation.Substitution);
    }

    // ---- The cap ----

    [Theory]
    [InlineData("60", true, "120", "100", "Sin tope: 120; con tope de 100 para el semáforo y los promedios: 100.")]
    [InlineData("50", true, "100", "100", null)]
    [InlineData("45", true, "90", "90", null)]
    [InlineData("60", false, "120", "120", null)]
    public void Cap_NoteAppearsOnlyWhenTheCapChangesTheFigure(string value, bool capEnabled, string uncapped, string capped, string? note)
    {
        var tipoI = Annual(Calc(Ind(targets: "2025=50", values: $"2025={value}"), new PlanSettings { CapEnabled = capEnabled }), 2025).TipoI;

        Assert.Equal((D(uncapped), D(capped)), (tipoI.Uncapped!.Value, tipoI.Capped!.Value));
        Assert.Equal(note, tipoI.Explanation.Note);
    }

    [Fact]
    public void Cap_OnASemester_FollowsTheSemesterNote()
    {
        var semester = Calc(Ind(targets: "2026=80", values: "2026S1=96"), new PlanSettings { Cap = 110m }).For(2026, PeriodKind.PrimerSemestre)!;

        Assert.Equal(
            "Valor del I semestre 2026 comparado con el logro esperado anual 2026 (80), según la regla del plan. Sin tope: 120; con tope de 110 para el semáforo y los promedios: 110.",
            semester.TipoI.Explanation.Note);
    }
}
