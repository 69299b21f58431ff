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

    [Fact]
    public void SetTarget_StartedYear_IsARevisionKeepingTheFirstValue()
    {
        var indicator = new Indicator { Key = "K", PublishedCode = "K", Name = "N", Targets = [new AnnualTarget { Year = 2025, Value = 50m }] };

        var first = indicator.SetTarget(2025, 55m, currentYear: 2026, "Primera revisión");
        indicator.SetTarget(2025, 60m, currentYear: 2026, "Segunda revisión");

        Assert.True(first);
        var target = Assert.Single(indicator.Targets);
        Assert.Equal((60m, 50m, "Segunda revisión"), (target.Value, target.OriginalValue!.Value, target.RevisionReason));
    }

    [Fact]
    public void SetTarget_CurrentYear_IsARevision()
    {
        var indicator = new Indicator { Key = "K", PublishedCode = "K", Name = "N", Targets = [new AnnualTarget { Year = 2026, Value = 50m }] };

        Assert.True(indicator.SetTarget(2026, 45m, currentYear: 2026, "Recorte presupuestal"));
        var target = indicator.Targets.Single();
        Assert.Equal((45m, 50m, "Recorte presupuestal"), (target.Value, target.OriginalValue!.Value, target.RevisionReason));
    }

    [Fact]
    public void SetTarget_YearWithoutTarget_AddsItAsAPlainChange()
    {
        var indicator = new Indicator { Id = 7, Key = "K", PublishedCode = "K", Name = "N", Targets = [new AnnualTarget { Year = 2025, Value = 50m }] };

        Assert.False(indicator.SetTarget(2026, 60m, currentYear: 2026, "Nueva meta"));
        var added = indicator.Targets.Single(t => t.Year == 2026);
        Assert.Equal((7, 60m, (decimal?)null, (string?)null), (added.IndicatorId, added.Value, added.OriginalValue, added.RevisionReason));
    }

    [Fact]
    public void SetTarget_NullOnAYearWithoutTarget_ChangesNothing()
    {
        var indicator = new Indicator { Key = "K", PublishedCode = "K", Name = "N", Targets = [new AnnualTarget { Year = 2025, Value = 50m }] };

        Assert.False(indicator.SetTarget(2027, null, currentYear: 2026, "Sin meta"));
        Assert.Equal(2025, indicator.Targets.Single().Year);
    }

    [Theory]
    [InlineData(3, null, true)]
    [InlineData(null, 5, false)]
    public void MeasuresObjective_OnlyWhenOwnedByAnOei(int? objectiveId, int? actionId, bool expected)
    {
        var indicator = new Indicator { Key = "K", PublishedCode = "K", Name = "N", ObjectiveId = objectiveId, ActionId = actionId };

        Assert.Equal(expected, indicator.MeasuresObjective);
    }

    [Fact]
    public void SetTarget_FutureYear_IsAPlainChange()
    {
        var indicator = new Indicator { Key = "K", PublishedCode = "K", Name = "N", Targets = [new AnnualTarget { Year = 2029, Value = 50m }] };

        Assert.False(indicator.SetTarget(2029, 70m, currentYear: 2026, "Reprogramación"));
        Assert.Null(indicator.Targets.Single().OriginalValue);
    }

    [Fact]
    public void SetTarget_NullOnAnExistingYear_RemovesIt()
    {
        var indicator = new Indicator { Key = "K", PublishedCode = "K", Name = "N", Targets = [new AnnualTarget { Year = 2029, Value = 50m }] };

        indicator.SetTarget(2029, null, currentYear: 2026, "Sin meta");

        Assert.Empty(indicator.Targets);
    }
}
