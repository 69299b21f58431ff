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

    [Fact]
    public void TryParse_Huge_IsRefused()
    {
        Assert.False(DecimalText.TryParse("99999999999999999999999999999999", out _, out var error));
        Assert.Equal(DecimalText.TooLargeMessage, error);
    }

    [Fact]
    public void TryParse_Empty_MeansNoValue()
    {
        Assert.True(DecimalText.TryParse("  ", out var value, out var error));
        Assert.Null(value);
        Assert.Null(error);
    }
}
