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
    [InlineData(UnitOfMeasure.Porcentaje, "100.1", "Un porcentaje debe estar entre 0 y 100 (este indicador no admite más de 100).")]
    [InlineData(UnitOfMeasure.Porcentaje, "-1", "Un porcentaje no puede ser negativo.")]
    [InlineData(UnitOfMeasure.Numero, "-1", "Número: el valor no puede ser negativo.")]
    [InlineData(UnitOfMeasure.Numero, "2.5", "Número: el valor debe ser un número entero.")]
    [InlineData(UnitOfMeasure.Cantidad, "-3", "Cantidad: el valor no puede ser negativo.")]
    [InlineData(UnitOfMeasure.Cantidad, "0.1", "Cantidad: el valor debe ser un número entero.")]
    [InlineData(UnitOfMeasure.Indice, "-0.1", "Un índice no puede ser negativo.")]
    [InlineData(UnitOfMeasure.Ratio, "-2", "Ratio: el valor no puede ser negativo.")]
    [InlineData(UnitOfMeasure.Tasa, "-0.5", "Tasa: el valor no puede ser negativo.")]
    [InlineData(UnitOfMeasure.Promedio, "-1", "Promedio: el valor no puede ser negativo.")]
    [InlineData(UnitOfMeasure.TasaVariacion, "1.00001", "Use como máximo 4 decimales.")]
    [InlineData(UnitOfMeasure.Ratio, "0.12345", "Use como máximo 4 decimales.")]
    public void Check_ValueOutOfRange_IsRefusedWithTheReason(UnitOfMeasure unit, string value, string expected)
    {
        Assert.Equal(expected, ValueRules.Check(Of(unit), D(value)));
    }

    [Theory]
    [InlineData(UnitOfMeasure.Indice, "0")]
    [InlineData(UnitOfMeasure.Ratio, "0")]
    [InlineData(UnitOfMeasure.Tasa, "0")]
    [InlineData(UnitOfMeasure.Promedio, "0")]
    [InlineData(UnitOfMeasure.Ratio, "1.2345")]
    [InlineData(UnitOfMeasure.TasaVariacion, "-100")]
    public void Check_ZeroAndFourDecimals_AreAccepted(UnitOfMeasure unit, string value)
    {
        Assert.Null(ValueRules.Check(Of(unit), D(value)));
    }

    [Fact]
    public void Check_PercentageAbove100_AcceptedWhenTheIndicatorAllowsIt()
    {
        Assert.Null(ValueRules.Check(Of(UnitOfMeasure.Porcentaje, allowsOver100: true), 130m));
    }

    [Theory]
    [InlineData("0.556", "0.576 0.6", "0.58", true)]
    [InlineData("0.556", "0.576 0.6", "1", true)]
    [InlineData("0.556", "0.576 0.6", "57.6", false)]
    [InlineData("0", "0.2 0.4", "1.5", false)]
    [InlineData("0.3", "0.5 1", "1.2", false)]
    [InlineData(null, "0.5 0.8", "1.2", false)]
    [InlineData(null, "60 70", "57.6", true)]
    [InlineData("5", "0.5 0.8", "2", true)]
    [InlineData("0.5", "", "2", true)]
    [InlineData(null, "", "2", true)]
    public void Check_Index_IsHeldToZeroToOneOnlyWhenBaselineAndTargetsAre(string? baseline, string targets, string value, bool accepted)
    {
        var indicator = Of(UnitOfMeasure.Indice, baseline: baseline is null ? null : D(baseline),
            targets: targets.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(D).ToArray());

        Assert.Equal(accepted ? null : "Este índice se mide entre 0 y 1 (su línea base y sus metas lo están).", ValueRules.Check(indicator, D(value)));
    }
}
