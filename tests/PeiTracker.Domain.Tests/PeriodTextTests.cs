using PeiTracker.Domain;

namespace PeiTracker.Domain.Tests;

public class PeriodTextTests
{
    [Theory]
    [InlineData("A", PeriodKind.Anual)]
    [InlineData("S1", PeriodKind.PrimerSemestre)]
    [InlineData("S2", PeriodKind.SegundoSemestre)]
    [InlineData("Anual", PeriodKind.Anual)]
    [InlineData("PrimerSemestre", PeriodKind.PrimerSemestre)]
    [InlineData("SegundoSemestre", PeriodKind.SegundoSemestre)]
    [InlineData("s2", PeriodKind.SegundoSemestre)]
    [InlineData("segundosemestre", PeriodKind.SegundoSemestre)]
    [InlineData("ANUAL", PeriodKind.Anual)]
    [InlineData(" S1 ", PeriodKind.PrimerSemestre)]
    public void TryParse_ShortFormOrApiName_InAnyCase_IsRead(string text, PeriodKind expected)
    {
        Assert.True(PeriodText.TryParse(text, out var kind));
        Assert.Equal(expected, kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void TryParse_NothingWritten_IsTheAnnualPeriod(string? text)
    {
        Assert.True(PeriodText.TryParse(text, out var kind));
        Assert.Equal(PeriodKind.Anual, kind);
    }

    [Theory]
    [InlineData("II")]
    [InlineData("I semestre")]
    [InlineData("II semestre")]
    [InlineData("S3")]
    [InlineData("Semestral")]
    [InlineData("Anuall")]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("Segundo Semestre")]
    [InlineData("S 1")]
    [InlineData("ＳＥＧＵＮＤＯＳＥＭＥＳＴＲＥ")]
    [InlineData("<script>alert(1)</script>")]
    public void TryParse_AnythingElse_IsRefusedNeverReadAsAnnual(string text)
    {
        Assert.False(PeriodText.TryParse(text, out _));
    }

    [Theory]
    [InlineData(PeriodKind.Anual, "A")]
    [InlineData(PeriodKind.PrimerSemestre, "S1")]
    [InlineData(PeriodKind.SegundoSemestre, "S2")]
    public void ShortForm_ReadsBackAsTheSamePeriod(PeriodKind kind, string expected)
    {
        Assert.Equal(expected, PeriodText.ShortForm(kind));
        Assert.True(PeriodText.TryParse(PeriodText.ShortForm(kind), out var read));
        Assert.Equal(kind, read);
    }

    [Theory]
    [InlineData(PeriodKind.Anual)]
    [InlineData(PeriodKind.PrimerSemestre)]
    [InlineData(PeriodKind.SegundoSemestre)]
    public void TryParse_TheNameTheApiWrites_ReadsBackAsTheSamePeriod(PeriodKind kind)
    {
        Assert.True(PeriodText.TryParse(kind.ToString(), out var read));
        Assert.Equal(kind, read);
    }
}
