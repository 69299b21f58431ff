using PeiTracker.Domain;

namespace PeiTracker.Domain.Tests;

public class DecimalTextTests
{
    [Theory]
    [InlineData("95.5", "95.5")]
    [InlineData(" 12 ", "12")]
    [InlineData("-3.25", "-3.25")]
    [InlineData("0.001", "0.001")]
    public void TryParse_PointAsDecimalSeparator_IsAccepted(string text, string expected)
    {
        Assert.True(DecimalText.TryParse(text, out var value, out _));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("95,5")]
    [InlineData("1,200")]
    [InlineData("1,200.5")]
    public void TryParse_Comma_IsRefusedNeverReadAsThousands(string text)
    {
        Assert.False(DecimalText.TryParse(text, out var value, out var error));
        Assert.Null(value);
        Assert.Equal(DecimalText.CommaMessage, error);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1e5")]
    [InlineData("12%")]
    [InlineData("1 200")]
    [InlineData("--1")]
    [InlineData(".5")]
    public void TryParse_NotAPlainNumber_IsRefused(string text)
    {
        Assert.False(DecimalText.TryParse(text, out _, out var error));
        Assert.Equal(DecimalText.InvalidMessage, error);
    }

    [Theory]
    [InlineData("99999999999999999999999999999999")]
    [InlineData("1000000000000")]
    [InlineData("-1000000000000")]
    [InlineData("123456789012.123456789012")]
    public void TryParse_Huge_IsRefused(string text)
    {
        Assert.False(DecimalText.TryParse(text, out var value, out var error));
        Assert.Null(value);
        Assert.Equal(DecimalText.TooLargeMessage, error);
    }

    [Theory]
    [InlineData("999999999999.9999")]
    [InlineData("-999999999999")]
    [InlineData("123456789012.12345678901")]
    public void TryParse_JustUnderTheLimits_IsAccepted(string text)
    {
        Assert.True(DecimalText.TryParse(text, out var value, out var error));
        Assert.Equal(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("  ")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_Empty_MeansNoValue(string? text)
    {
        Assert.True(DecimalText.TryParse(text, out var value, out var error));
        Assert.Null(value);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("95.50", "95.5")]
    [InlineData("-3", "-3")]
    [InlineData("1234567.1234567", "1234567.123457")]
    [InlineData("0.0001", "0.0001")]
    [InlineData(null, "")]
    public void ToInput_WritesTheFigureBackWithoutGroupingOrTrailingZeros(string? value, string expected)
    {
        Assert.Equal(expected, DecimalText.ToInput(value is null ? null : decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
