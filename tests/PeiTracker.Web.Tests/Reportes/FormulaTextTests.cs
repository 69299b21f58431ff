using PeiTracker.Web.Exports;

namespace PeiTracker.Web.Tests.Reportes;

public class FormulaTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://ejemplo.invalid\",\"clic\")", true)]
    [InlineData("=1+1", true)]
    [InlineData("+51 1 204 2400", true)]
    [InlineData("-2+3", true)]
    [InlineData("@SUM(A1:A2)", true)]
    [InlineData("\t=1", true)]
    [InlineData("\r=1", true)]
    [InlineData("\n=1", true)]
    [InlineData("-", true)]
    [InlineData("-5e3", true)]
    [InlineData("-1,000", true)]
    [InlineData("-5", false)]
    [InlineData("+3", false)]
    [InlineData("-0.25", false)]
    [InlineData("", false)]
    [InlineData("IOEI.01.01", false)]
    [InlineData("Índice de percepción (=)", false)]
    [InlineData(" =1", false)]
    public void IsFormulaLike_Text_FollowsTheOneRule(string text, bool expected)
    {
        Assert.Equal(expected, FormulaText.IsFormulaLike(text));
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("-5", "-5")]
    [InlineData("Número de acuerdos", "Número de acuerdos")]
    public void ForCsv_Text_GetsAnApostropheOnlyWhenFormulaLike(string text, string expected)
    {
        Assert.Equal(expected, FormulaText.ForCsv(text));
    }
}
