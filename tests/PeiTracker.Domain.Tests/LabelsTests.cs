using PeiTracker.Domain;

namespace PeiTracker.Domain.Tests;

public class LabelsTests
{
    [Theory]
    [InlineData(UnitOfMeasure.Numero, "Número")]
    [InlineData(UnitOfMeasure.Indice, "Índice")]
    [InlineData(UnitOfMeasure.TasaVariacion, "Tasa de variación")]
    [InlineData(UnitOfMeasure.Porcentaje, "Porcentaje")]
    public void Of_UnitOfMeasure_IsWrittenInSpanishWithAccents(UnitOfMeasure unit, string expected)
    {
        Assert.Equal(expected, Labels.Of(unit));
    }

    [Theory]
    [InlineData(1, "Muy relevante")]
    [InlineData(2, "Relevante")]
    [InlineData(3, "Poco relevante")]
    public void Relevance_Grade_HasCeplanLabel(int grade, string expected)
    {
        Assert.Equal(expected, Labels.Relevance(grade));
    }
}
