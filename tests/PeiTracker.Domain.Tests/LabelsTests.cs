using PeiTracker.Domain;

namespace PeiTracker.Domain.Tests;

public class LabelsTests
{
    [Theory]
    [InlineData(UnitOfMeasure.Cantidad, "Cantidad")]
    [InlineData(UnitOfMeasure.Numero, "Número")]
    [InlineData(UnitOfMeasure.Porcentaje, "Porcentaje")]
    [InlineData(UnitOfMeasure.Ratio, "Ratio")]
    [InlineData(UnitOfMeasure.Tasa, "Tasa")]
    [InlineData(UnitOfMeasure.Indice, "Índice")]
    [InlineData(UnitOfMeasure.TasaVariacion, "Tasa de variación")]
    [InlineData(UnitOfMeasure.Promedio, "Promedio")]
    public void Of_UnitOfMeasure_IsWrittenInSpanishWithAccents(UnitOfMeasure unit, string expected)
    {
        Assert.Equal(expected, Labels.Of(unit));
    }

    [Theory]
    [InlineData(Direction.Ascendente, "Ascendente")]
    [InlineData(Direction.Descendente, "Descendente")]
    [InlineData(Direction.NoDefinido, "No definido")]
    public void Of_Direction_IsTheSentidoEsperado(Direction direction, string expected)
    {
        Assert.Equal(expected, Labels.Of(direction));
    }

    [Theory]
    [InlineData(Aggregation.Agregable, "Agregable")]
    [InlineData(Aggregation.NoAgregable, "No agregable")]
    public void Of_Aggregation_IsTheTipoDeAgregacion(Aggregation aggregation, string expected)
    {
        Assert.Equal(expected, Labels.Of(aggregation));
    }

    [Theory]
    [InlineData(PermissibleLimitKind.Maximo, "Máximo permisible")]
    [InlineData(PermissibleLimitKind.Minimo, "Mínimo permisible")]
    public void Of_PermissibleLimitKind_NamesTheLimit(PermissibleLimitKind kind, string expected)
    {
        Assert.Equal(expected, Labels.Of(kind));
    }

    [Theory]
    [InlineData(ObjectiveType.TipoI, "Tipo I")]
    [InlineData(ObjectiveType.TipoII, "Tipo II")]
    public void Of_ObjectiveType_IsTheOeiType(ObjectiveType type, string expected)
    {
        Assert.Equal(expected, Labels.Of(type));
    }

    [Theory]
    [InlineData(PeriodKind.Anual, "Anual")]
    [InlineData(PeriodKind.PrimerSemestre, "I semestre")]
    [InlineData(PeriodKind.SegundoSemestre, "II semestre")]
    public void Of_PeriodKind_UsesRomanNumeralsForSemesters(PeriodKind period, string expected)
    {
        Assert.Equal(expected, Labels.Of(period));
    }

    [Theory]
    [InlineData(ValueStatus.Borrador, "Borrador")]
    [InlineData(ValueStatus.Enviado, "Enviado")]
    [InlineData(ValueStatus.Validado, "Validado")]
    [InlineData(ValueStatus.Observado, "Observado")]
    public void Of_ValueStatus_IsTheReviewState(ValueStatus status, string expected)
    {
        Assert.Equal(expected, Labels.Of(status));
    }

    [Theory]
    [InlineData(PlanStatus.Borrador, "En formulación")]
    [InlineData(PlanStatus.Vigente, "Vigente")]
    [InlineData(PlanStatus.Cerrado, "Cerrado")]
    public void Of_PlanStatus_IsTheStateOfThePlan(PlanStatus status, string expected)
    {
        Assert.Equal(expected, Labels.Of(status));
    }

    [Theory]
    [InlineData(1, "Muy relevante")]
    [InlineData(2, "Relevante")]
    [InlineData(3, "Poco relevante")]
    [InlineData(4, "4")]
    public void Relevance_Grade_HasCeplanLabel(int grade, string expected)
    {
        Assert.Equal(expected, Labels.Relevance(grade));
    }

    [Theory]
    [InlineData(PeriodKind.Anual, "anual")]
    [InlineData(PeriodKind.PrimerSemestre, "I semestre")]
    [InlineData(PeriodKind.SegundoSemestre, "II semestre")]
    public void InSentence_Period_KeepsTheSemestersRomanNumeral(PeriodKind period, string expected)
    {
        Assert.Equal(expected, Labels.InSentence(period));
    }
}
