using PeiTracker.Domain;

namespace PeiTracker.Domain.Tests;

public class PlanRulesTests
{
    private static Plan NewPlan() => new() { Code = "P", Name = "Plan", FirstYear = 2025, LastYear = 2030 };

    [Theory]
    [InlineData(2024, false)]
    [InlineData(2025, true)]
    [InlineData(2030, true)]
    [InlineData(2031, false)]
    public void Covers_YearAgainstPlanRange_IsInclusive(int year, bool expected)
    {
        Assert.Equal(expected, NewPlan().Covers(year));
    }

    [Fact]
    public void Years_PlanOf2025To2030_ListsSixYears()
    {
        Assert.Equal([2025, 2026, 2027, 2028, 2029, 2030], NewPlan().Years);
    }
}
