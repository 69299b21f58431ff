using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using static PeiTracker.Domain.Tests.Progress.ProgressTestData;

namespace PeiTracker.Domain.Tests.Progress;

/// <summary>How figures, states and periods are written on pages and in reports.</summary>
public class ProgressFormatTests
{
    [Theory]
    [InlineData(ProgressStatus.Verde, "Verde")]
    [InlineData(ProgressStatus.Amarillo, "Amarillo")]
    [InlineData(ProgressStatus.Rojo, "Rojo")]
    [InlineData(ProgressStatus.SinDato, "Sin dato")]
    [InlineData(ProgressStatus.SinMeta, "Sin meta")]
    [InlineData(ProgressStatus.NoEvaluable, "No evaluable")]
    [InlineData(ProgressStatus.Cumple, "Cumple")]
    [InlineData(ProgressStatus.NoCumple, "No cumple")]
    public void Label_Status_IsTheWordShownNextToTheColour(ProgressStatus status, string expected)
    {
        Assert.Equal(expected, ProgressFormat.Label(status));
    }

    [Theory]
    [InlineData(ExpectationSource.Anual, "logro esperado anual")]
    [InlineData(ExpectationSource.SemestralDefinida, "propio del semestre (OGPP)")]
    [InlineData(ExpectationSource.MitadDeLaAnual, "½ del anual (agregable)")]
    [InlineData(ExpectationSource.MetaAnual, "igual al anual (regla del plan)")]
    [InlineData(ExpectationSource.LimitePermisible, "límite permisible")]
    [InlineData(ExpectationSource.Ninguna, "sin logro esperado")]
    public void SourceShort_EverySource_IsPlainWordsThatASpreadsheetKeepsAsText(ExpectationSource source, string expected)
    {
        var label = ProgressFormat.SourceShort(source);

        Assert.Equal(expected, label);
        // CSV and xlsx writers escape a leading =, +, - or @ (formula injection), which would print a stray apostrophe.
        Assert.DoesNotContain(label[0], "=+-@");
    }

    [Theory]
    [InlineData(ProjectionClass.Cumplida, "Meta final ya cumplida")]
    [InlineData(ProjectionClass.EnCamino, "En camino")]
    [InlineData(ProjectionClass.RequiereAcelerar, "Requiere acelerar")]
    [InlineData(ProjectionClass.EnRiesgo, "En riesgo")]
    [InlineData(ProjectionClass.NoEvaluable, "No evaluable")]
    public void Label_Projection_IsWrittenInSpanish(ProjectionClass projection, string expected)
    {
        Assert.Equal(expected, ProgressFormat.Label(projection));
    }

    [Theory]
    [InlineData("1234.5", 1, "1,234.5")]
    [InlineData("2.45", 1, "2.5")]
    [InlineData("-2.45", 1, "-2.5")]
    [InlineData("0.5", 0, "1")]
    [InlineData("0.57649", 3, "0.576")]
    [InlineData(null, 2, "—")]
    public void Number_RoundsHalfAwayFromZeroInPeruvianFormat(string? value, int decimals, string expected)
    {
        Assert.Equal(expected, ProgressFormat.Number(value is null ? null : D(value), decimals));
    }

    [Theory]
    [InlineData("87.45", "87.5 %")]
    [InlineData("100", "100.0 %")]
    [InlineData(null, "—")]
    public void Percent_OneDecimalWithTheSign(string? value, string expected)
    {
        Assert.Equal(expected, ProgressFormat.Percent(value is null ? null : D(value)));
    }

    [Theory]
    [InlineData(PeriodKind.Anual, "2026")]
    [InlineData(PeriodKind.PrimerSemestre, "I semestre 2026")]
    [InlineData(PeriodKind.SegundoSemestre, "II semestre 2026")]
    public void PeriodLabel_NamesTheSemesterBeforeTheYear(PeriodKind period, string expected)
    {
        var progress = Calc(Ind(targets: "2026=10", values: "2026=5 2026S1=2 2026S2=3"));

        Assert.Equal(expected, progress.For(2026, period)!.PeriodLabel);
    }

    [Fact]
    public void From_Entity_TakesTheDefinitionAndOnlyTheValuesThatHaveAFigure()
    {
        var indicator = new Indicator
        {
            Key = "IAEI.11.03.01#2",
            PublishedCode = "IAEI.11.03.01",
            Name = "Tasa de variación de la cobertura",
            Unit = UnitOfMeasure.TasaVariacion,
            Direction = Direction.Descendente,
            Aggregation = Aggregation.Agregable,
            Relevance = 1,
            Decimals = 2,
            BaselineYear = 2024,
            BaselineValue = 3.5m,
            LimitKind = PermissibleLimitKind.Minimo,
            PermissibleLimit = 1m,
            Targets = [new AnnualTarget { Year = 2025, Value = 3m }, new AnnualTarget { Year = 2026, Value = 2.5m }],
        };
        IndicatorValue Value(int year, PeriodKind period, decimal? figure) => new() { Year = year, Period = period, Value = figure, CreatedBy = "ana" };

        var input = IndicatorInput.From(indicator, [Value(2025, PeriodKind.Anual, 2.9m), Value(2026, PeriodKind.PrimerSemestre, null), Value(2026, PeriodKind.SegundoSemestre, 2.7m)]);

        Assert.Equal(
            ("IAEI.11.03.01#2", "IAEI.11.03.01", UnitOfMeasure.TasaVariacion, Direction.Descendente, Aggregation.Agregable, 1, 2, 2024, 3.5m, PermissibleLimitKind.Minimo, 1m),
            (input.Key, input.Code, input.Unit, input.Direction, input.Aggregation, input.Relevance, input.Decimals, input.BaselineYear!.Value, input.BaselineValue!.Value, input.LimitKind!.Value, input.PermissibleLimit!.Value));
        Assert.Equal(new Dictionary<int, decimal> { [2025] = 3m, [2026] = 2.5m }, input.Targets);
        Assert.Equal([new PeriodValue(2025, PeriodKind.Anual, 2.9m), new PeriodValue(2026, PeriodKind.SegundoSemestre, 2.7m)], input.Values);
    }
}
