using System.Globalization;
using PeiTracker.Domain;
using PeiTracker.Domain.Entry;

namespace PeiTracker.Domain.Tests.Entry;

public class ValueRulesTests
{
    private static Indicator Of(UnitOfMeasure unit, bool allowsOver100 = false, decimal? baseline = null, params decimal[] targets) => new()
    {
        Key = "K",
        PublishedCode = "K",
        Name = "N",
        Unit = unit,
        AllowsOver100 = allowsOver100,
        BaselineValue = baseline,
        Targets = targets.Select((t, i) => new AnnualTarget { Year = 2025 + i, Value = t }).ToList(),
    };

    private static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(UnitOfMeasure.Porcentaje, "0")]
    [InlineData(UnitOfMeasure.Porcentaje, "100")]
    [InlineData(UnitOfMeasure.Porcentaje, "95.5")]
    [InlineData(UnitOfMeasure.Numero, "12")]
    [InlineData(UnitOfMeasure.Cantidad, "0")]
    [InlineData(UnitOfMeasure.TasaVariacion, "-12.5")]
    [InlineData(UnitOfMeasure.Indice, "0.75")]
    public void Check_ValueInRange_IsAccepted(UnitOfMeasure unit, string value)
    {
        Assert.Null(ValueRules.Check(Of(unit), D(value)));
    }

    [Theory]
    [InlineData(UnitOfMeasure.Porcentaje, "100.1")]
    [InlineData(UnitOfMeasure.Porcentaje, "-1")]
    [InlineData(UnitOfMeasure.Numero, "-1")]
    [InlineData(UnitOfMeasure.Numero, "2.5")]
    [InlineData(UnitOfMeasure.Cantidad, "0.1")]
    [InlineData(UnitOfMeasure.Indice, "-0.1")]
    [InlineData(UnitOfMeasure.Ratio, "-2")]
    [InlineData(UnitOfMeasure.TasaVariacion, "1.00001")]
    public void Check_ValueOutOfRange_IsRefused(UnitOfMeasure unit, string value)
    {
        Assert.NotNull(ValueRules.Check(Of(unit), D(value)));
    }

    [Fact]
    public void Check_PercentageAbove100_AcceptedWhenTheIndicatorAllowsIt()
    {
        Assert.Null(ValueRules.Check(Of(UnitOfMeasure.Porcentaje, allowsOver100: true), 130m));
    }

    [Fact]
    public void Check_IndexMeasuredBetweenZeroAndOne_RefusesAValueAboveOne()
    {
        var indicator = Of(UnitOfMeasure.Indice, baseline: 0.556m, targets: [0.576m, 0.6m]);

        Assert.NotNull(ValueRules.Check(indicator, 57.6m));
        Assert.Null(ValueRules.Check(indicator, 0.58m));
    }
}
