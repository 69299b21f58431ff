using PeiTracker.Domain;

namespace PeiTracker.Domain.Tests;

public class IndicatorRulesTests
{
    [Theory]
    [InlineData(1, null, true)]
    [InlineData(null, 1, true)]
    [InlineData(1, 1, false)]
    [InlineData(null, null, false)]
    public void HasSingleOwner_ObjectiveOrAction_ExactlyOne(int? objectiveId, int? actionId, bool expected)
    {
        Assert.Equal(expected, Indicator.HasSingleOwner(objectiveId, actionId));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void IsValidRelevance_GradesOneToThree(int relevance, bool expected)
    {
        Assert.Equal(expected, Indicator.IsValidRelevance(relevance));
    }

    [Fact]
    public void TargetFor_YearWithoutTarget_IsNullNotZero()
    {
        var indicator = new Indicator { Key = "K", PublishedCode = "K", Name = "N", Targets = [new AnnualTarget { Year = 2025, Value = 50m }] };

        Assert.Null(indicator.TargetFor(2026));
        Assert.Equal(50m, indicator.TargetFor(2025));
    }

    [Theory]
    [InlineData(null, "60", false)]
    [InlineData("60", "60", false)]
    [InlineData("55", "60", true)]
    public void IsRevised_OnlyWhenTheOriginalDiffers(string? original, string current, bool expected)
    {
        var target = new AnnualTarget
        {
            Year = 2026,
            Value = decimal.Parse(current, System.Globalization.CultureInfo.InvariantCulture),
            OriginalValue = original is null ? null : decimal.Parse(original, System.Globalization.CultureInfo.InvariantCulture),
        };

        Assert.Equal(expected, target.IsRevised);
    }

    [Theory]
    [InlineData(3, null, true)]
    [InlineData(null, 5, false)]
    public void MeasuresObjective_OnlyWhenOwnedByAnOei(int? objectiveId, int? actionId, bool expected)
    {
        var indicator = new Indicator { Key = "K", PublishedCode = "K", Name = "N", ObjectiveId = objectiveId, ActionId = actionId };

        Assert.Equal(expected, indicator.MeasuresObjective);
    }
}
