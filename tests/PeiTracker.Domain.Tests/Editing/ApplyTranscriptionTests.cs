using PeiTracker.Domain.Editing;

namespace PeiTracker.Domain.Tests.Editing;

/// <summary>A newer plan data file reaches an indicator seeded by an earlier one; a person's recorded edit wins.</summary>
public class ApplyTranscriptionTests
{
    // As an earlier file left IAEI.02.02.02: baseline year without value, not provisional, old notes.
    private static Indicator Earlier() => new()
    {
        Key = "IAEI.02.02.02",
        PublishedCode = "IAEI.02.02.02",
        Name = "Número de empresas",
        BaselineYear = 2023,
        BaselineValue = null,
        Notes = "Nota antigua",
    };

    [Theory]
    [InlineData(false, "100 (2023)", true, "Nota antigua|Nota nueva;sin valor (2023)|100 (2023);No|Sí")]
    [InlineData(true, "sin valor (2023)", false, "Nota antigua|Nota nueva")]
    public void ApplyTranscription_EarlierIndicator_TakesTheFileUnlessAPersonEditedTheBaseline(bool edited, string baseline, bool provisional, string changes)
    {
        var indicator = Earlier();

        var result = indicator.ApplyTranscription("Nota nueva", new Baseline(2023, 100m), provisional: true, baselineEditedByPerson: edited);

        Assert.Equal(baseline, indicator.Baseline.Describe());
        Assert.Equal(provisional, indicator.BaselineProvisional);
        Assert.Equal("Nota nueva", indicator.Notes);
        Assert.Equal(changes, string.Join(";", result.Changes.Select(c => $"{c.Before}|{c.After}")));
    }

    [Fact]
    public void ApplyTranscription_SameAsTheFile_ChangesNothing()
    {
        var indicator = Earlier();
        indicator.ApplyTranscription("Nota nueva", new Baseline(2023, 100m), provisional: true, baselineEditedByPerson: false);

        var again = indicator.ApplyTranscription("Nota nueva", new Baseline(2023, 100m), provisional: true, baselineEditedByPerson: false);

        Assert.True(again.IsValid);
        Assert.Empty(again.Changes);
    }
}
