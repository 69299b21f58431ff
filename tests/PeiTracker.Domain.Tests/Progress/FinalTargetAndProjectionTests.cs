using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using static PeiTracker.Domain.Tests.Progress.ProgressTestData;

namespace PeiTracker.Domain.Tests.Progress;

/// <summary>The product's own estimates toward 2030: avance hacia la meta final and the linear projection.</summary>
public class FinalTargetAndProjectionTests
{
    private const string ProjectionFormula = "Tendencia lineal (mínimos cuadrados) sobre la línea base y los valores anuales, proyectada al año final";
    private const string ProjectionRule = "En camino si la proyección cubre ≥ 100 %; requiere acelerar si cubre ≥ 75 %; en riesgo si cubre menos.";

    // ---- Toward the final target ----

    [Theory]
    [InlineData(Direction.NoDefinido, "20", "2030=70", "2025=30", "No se calcula: indicador de sentido no definido.")]
    [InlineData(Direction.Ascendente, "20", "2029=70", "2025=30", "No se calcula: no hay logro esperado para 2030.")]
    [InlineData(Direction.Ascendente, null, "2030=70", "2025=30", "No se calcula: el indicador no tiene línea base.")]
    [InlineData(Direction.Ascendente, "20", "2030=70", "", "No se calcula: aún no hay valores obtenidos.")]
    [InlineData(Direction.Ascendente, "20", "2030=20", "2025=30", "No se calcula: la meta final es igual a la línea base.")]
    public void TowardFinal_Undefined_SaysWhy(Direction direction, string? baseline, string targets, string values, string reason)
    {
        var towardFinal = Calc(Ind(direction, baseline, targets, values)).TowardFinal;

        Assert.Null(towardFinal.Percent);
        Assert.Equal("Avance hacia la meta final = (último VO − LB) / (LE final − LB) × 100", towardFinal.Explanation.Formula);
        Assert.Equal(reason, towardFinal.Explanation.Substitution);
    }

    [Theory]
    [InlineData("2025=30", "20", "= (30 − 20) / (70 − 20) × 100 = 20", "Último valor: 2025.")]
    [InlineData("2025=30 2026=45", "50", "= (45 − 20) / (70 − 20) × 100 = 50", "Último valor: 2026.")]
    [InlineData("2026S1=30 2026=45", "50", "= (45 − 20) / (70 − 20) × 100 = 50", "Último valor: 2026.")]
    [InlineData("2026S2=30 2026=45", "50", "= (45 − 20) / (70 − 20) × 100 = 50", "Último valor: 2026.")]
    [InlineData("2026S1=30 2026S2=45", "50", "= (45 − 20) / (70 − 20) × 100 = 50", "Último valor: 2026.")]
    [InlineData("2025=60 2026S1=45", "50", "= (45 − 20) / (70 − 20) × 100 = 50", "Último valor: 2026.")]
    public void TowardFinal_UsesTheLatestValue_AnnualBeforeSecondSemesterBeforeFirst(string values, string percent, string substitution, string note)
    {
        var towardFinal = Calc(Ind(baseline: "20", targets: "2025=30 2030=70", values: values)).TowardFinal;

        Assert.Equal(D(percent), towardFinal.Percent);
        Assert.Equal(substitution, towardFinal.Explanation.Substitution);
        Assert.Equal(note, towardFinal.Explanation.Note);
    }

    // ---- Projection ----

    [Theory]
    [InlineData(Direction.NoDefinido, "0", "2030=60", "2025=10", "No se calcula: indicador de sentido no definido.")]
    [InlineData(Direction.Ascendente, "0", "2029=60", "2025=10", "No se calcula: no hay logro esperado para 2030.")]
    [InlineData(Direction.Ascendente, null, "2030=60", "2025=10", "No se calcula: se necesitan al menos dos puntos (línea base y un valor anual, o dos valores anuales).")]
    [InlineData(Direction.Ascendente, "0", "2030=60", "", "No se calcula: se necesitan al menos dos puntos (línea base y un valor anual, o dos valores anuales).")]
    [InlineData(Direction.Ascendente, "0", "2030=60", "2025S1=10 2026S2=20", "No se calcula: se necesitan al menos dos puntos (línea base y un valor anual, o dos valores anuales).")]
    public void Projection_NotEnoughToProject_SaysWhy(Direction direction, string? baseline, string targets, string values, string reason)
    {
        var projection = Calc(Ind(direction, baseline, targets, values)).Projection;

        Assert.Equal(ProjectionClass.DatosInsuficientes, projection.Class);
        Assert.Equal((null, null, null), (projection.ProjectedValue, projection.ProjectedProgress, projection.SlopePerYear));
        Assert.Equal(ProjectionFormula, projection.Explanation.Formula);
        Assert.Equal(reason, projection.Explanation.Substitution);
    }

    [Fact]
    public void Projection_AValueForTheBaselineYearItself_IsStillOnePointInTime()
    {
        var projection = ProgressCalculator.Calculate(Ind(baseline: "0", targets: "2030=60", values: "2024=10"), new PlanSettings(), 2024, 2030).Projection;

        Assert.Equal(ProjectionClass.DatosInsuficientes, projection.Class);
    }

    [Theory]
    [InlineData(Direction.Ascendente, "0", "60", "2025=60", "60", "El último valor (60, 2025) ya alcanza la meta final 60.")]
    [InlineData(Direction.Ascendente, "0", "60", "2025=10 2026=61", "61", "El último valor (61, 2026) ya alcanza la meta final 60.")]
    [InlineData(Direction.Ascendente, "0", "60", "2025=10 2030=60", "60", "El último valor (60, 2030) ya alcanza la meta final 60.")]
    [InlineData(Direction.Descendente, "12", "6", "2025=9 2026=6", "6", "El último valor (6, 2026) ya alcanza la meta final 6.")]
    public void Projection_LatestAnnualValueAlreadyAtTheFinalTarget_IsCumplida(Direction direction, string baseline, string final, string values, string last, string substitution)
    {
        var projection = Calc(Ind(direction, baseline, $"2030={final}", values)).Projection;

        Assert.Equal(ProjectionClass.Cumplida, projection.Class);
        Assert.Equal((D(last), 100m, D(final), (decimal?)null), (projection.ProjectedValue!.Value, projection.ProjectedProgress!.Value, projection.FinalTarget!.Value, projection.SlopePerYear));
        Assert.Equal(substitution, projection.Explanation.Substitution);
        Assert.Null(projection.Explanation.Note);
    }

    [Fact]
    public void Projection_SemesterValues_AreNotAnnualPoints()
    {
        var projection = Calc(Ind(baseline: "0", targets: "2030=60", values: "2025=10 2026S1=70")).Projection;

        Assert.Equal(ProjectionClass.EnCamino, projection.Class);
        Assert.Equal(10m, projection.SlopePerYear);
    }

    [Theory]
    [InlineData("0", 2024, "2025=10", "10", "60", "100", ProjectionClass.EnCamino,
        "Pendiente 10 por año; valor proyectado a 2030: 60; meta final: 60; se cubriría el 100 % del cambio requerido desde 0.")]
    [InlineData("0", 2024, "2025=7.5", "7.5", "45", "75", ProjectionClass.RequiereAcelerar,
        "Pendiente 7.5 por año; valor proyectado a 2030: 45; meta final: 60; se cubriría el 75 % del cambio requerido desde 0.")]
    [InlineData(null, null, "2025=10 2026=15", "5", "35", "50", ProjectionClass.EnRiesgo,
        "Pendiente 5 por año; valor proyectado a 2030: 35; meta final: 60; se cubriría el 50 % del cambio requerido desde 10.")]
    [InlineData("0", null, "2025=10 2026=15", "5", "35", "58.333333", ProjectionClass.EnRiesgo,
        "Pendiente 5 por año; valor proyectado a 2030: 35; meta final: 60; se cubriría el 58.333333 % del cambio requerido desde 0.")]
    public void Projection_Trend_MeasuredFromTheBaselineOrElseTheFirstValue(
        string? baseline, int? baselineYear, string values, string slope, string projected, string progress, ProjectionClass expected, string substitution)
    {
        var projection = Calc(Ind(baseline: baseline, baselineYear: baselineYear, targets: "2030=60", values: values)).Projection;

        Assert.Equal(expected, projection.Class);
        Assert.Equal((D(slope), D(projected), D(progress)), (projection.SlopePerYear!.Value, projection.ProjectedValue!.Value, Math.Round(projection.ProjectedProgress!.Value, 6)));
        Assert.Equal(ProjectionFormula, projection.Explanation.Formula);
        Assert.Equal(substitution, projection.Explanation.Substitution);
        Assert.Equal(ProjectionRule, projection.Explanation.Note);
    }

    [Theory]
    [InlineData(Direction.Ascendente, "100", "2025=80 2026=95", "155", "100", ProjectionClass.EnCamino)]
    [InlineData(Direction.Ascendente, "100", "2025=90 2026=92", "100", "100", ProjectionClass.EnCamino)]
    [InlineData(Direction.Ascendente, "100", "2025=90 2026=91", "95", "0", ProjectionClass.EnRiesgo)]
    [InlineData(Direction.Descendente, "10", "2025=20 2026=16", "0", "100", ProjectionClass.EnCamino)]
    [InlineData(Direction.Descendente, "10", "2025=20 2026=18", "10", "100", ProjectionClass.EnCamino)]
    [InlineData(Direction.Descendente, "10", "2025=20 2026=19", "15", "0", ProjectionClass.EnRiesgo)]
    public void Projection_FinalTargetEqualToTheStart_IsAllOrNothing(Direction direction, string level, string values, string projected, string progress, ProjectionClass expected)
    {
        // The baseline (year unknown, so not a point of the trend) already equals the final target: no change is required,
        // only to be back at that level by 2030.
        var projection = Calc(Ind(direction, baseline: level, baselineYear: null, targets: $"2030={level}", values: values)).Projection;

        Assert.Equal(expected, projection.Class);
        Assert.Equal((D(projected), D(progress)), (projection.ProjectedValue!.Value, projection.ProjectedProgress!.Value));
    }
}
