using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using static PeiTracker.Domain.Tests.Progress.ProgressTestData;

namespace PeiTracker.Domain.Tests.Progress;

/// <summary>The product's own estimates toward 2030: avance hacia la meta final and the linear projection.</summary>
public class FinalTargetAndProjectionTests
{
    private const string ProjectionFormula = "Tendencia lineal (mínimos cuadrados) de la línea base y los valores anuales, leída en el último año del plan y acotada al rango de la unidad de medida (estimación de PeiTracker, no es una cifra de CEPLAN)";

    // ---- Toward the final target ----

    [Theory]
    [InlineData(Direction.NoDefinido, "20", "2030=70", "2025=30", "No se calcula: indicador de sentido no definido.")]
    [InlineData(Direction.Ascendente, "20", "2029=70", "2025=30", "No se calcula: no hay logro esperado para 2030.")]
    [InlineData(Direction.Ascendente, null, "2030=70", "2025=30", "No se calcula: el indicador no tiene línea base.")]
    [InlineData(Direction.Ascendente, "20", "2030=70", "", "No se calcula: aún no hay valores anuales.")]
    [InlineData(Direction.Ascendente, "20", "2030=20", "2025=30", "No se calcula: la meta final es igual a la línea base: no hay camino que recorrer.")]
    public void TowardFinal_Undefined_SaysWhy(Direction direction, string? baseline, string targets, string values, string reason)
    {
        var towardFinal = Calc(Ind(direction, baseline, targets, values)).TowardFinal;

        Assert.Null(towardFinal.Percent);
        Assert.Equal("Avance hacia la meta final = (último VO anual − LB) / (LE final − LB) × 100 (estimación de PeiTracker, no es una cifra de CEPLAN)", towardFinal.Explanation.Formula);
        Assert.Equal(reason, towardFinal.Explanation.Substitution);
    }

    [Theory]
    [InlineData("2025=30", "20", "= (30 − 20) / (70 − 20) × 100 = 20", "Último valor anual: 2025.")]
    [InlineData("2025=30 2026=45", "50", "= (45 − 20) / (70 − 20) × 100 = 50", "Último valor anual: 2026.")]
    [InlineData("2026S1=30 2026=45", "50", "= (45 − 20) / (70 − 20) × 100 = 50", "Último valor anual: 2026.")]
    [InlineData("2026S2=30 2026=45", "50", "= (45 − 20) / (70 − 20) × 100 = 50", "Último valor anual: 2026.")]
    [InlineData("2025=60 2026S1=45", "80", "= (60 − 20) / (70 − 20) × 100 = 80", "Último valor anual: 2025.")]
    public void TowardFinal_UsesTheLatestAnnualValue_SemestersDoNotCount(string values, string percent, string substitution, string note)
    {
        var towardFinal = Calc(Ind(baseline: "20", targets: "2025=30 2030=70", values: values)).TowardFinal;

        Assert.Equal(D(percent), towardFinal.Percent);
        Assert.Equal(substitution, towardFinal.Explanation.Substitution);
        Assert.Equal(note, towardFinal.Explanation.Note);
    }

    // ---- Projection ----

    [Theory]
    [InlineData(Direction.NoDefinido, "0", "2030=60", "2025=10", "No se calcula: indicador de sentido no definido: se evalúa contra su límite permisible, no se proyecta.")]
    [InlineData(Direction.Ascendente, "0", "2029=60", "2025=10", "No se calcula: no hay logro esperado para 2030.")]
    [InlineData(Direction.Ascendente, null, "2030=60", "2025=10", "No se calcula: se necesitan al menos dos puntos: la línea base y un valor anual, o dos valores anuales (los valores semestrales no se proyectan).")]
    [InlineData(Direction.Ascendente, "0", "2030=60", "", "No se calcula: se necesitan al menos dos puntos: la línea base y un valor anual, o dos valores anuales (los valores semestrales no se proyectan).")]
    [InlineData(Direction.Ascendente, "0", "2030=60", "2025S1=10 2026S2=20", "No se calcula: se necesitan al menos dos puntos: la línea base y un valor anual, o dos valores anuales (los valores semestrales no se proyectan).")]
    public void Projection_NotEnoughToProject_SaysWhy(Direction direction, string? baseline, string targets, string values, string reason)
    {
        var projection = Calc(Ind(direction, baseline, targets, values)).Projection;

        Assert.Equal(ProjectionClass.NoEvaluable, projection.Class);
        Assert.Equal((null, null, null), (projection.ProjectedValue, projection.ProjectedProgress, projection.SlopePerYear));
        Assert.Equal(ProjectionFormula, projection.Explanation.Formula);
        Assert.Equal(reason, projection.Explanation.Substitution);
    }

    [Fact]
    public void Projection_AValueForTheBaselineYearItself_IsStillOnePointInTime()
    {
        var projection = ProgressCalculator.Calculate(Ind(baseline: "0", targets: "2030=60", values: "2024=10"), new PlanSettings(), 2024, 2030).Projection;

        Assert.Equal(ProjectionClass.NoEvaluable, projection.Class);
    }

    [Fact]
    public void Projection_SemesterValues_AreNotAnnualPoints()
    {
        var projection = Calc(Ind(baseline: "0", targets: "2030=60", values: "2025=10 2026S1=70")).Projection;

        Assert.Equal(ProjectionClass.EnCamino, projection.Class);
        Assert.Equal(10m, projection.SlopePerYear);
    }
}
