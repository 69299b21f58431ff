using PeiTracker.Domain;

namespace PeiTracker.Domain.Tests;

public class ReminderRulesTests
{
    private static readonly DateOnly Due = new(2026, 3, 31);

    [Theory]
    [InlineData(-8, null)]
    [InlineData(-7, "Antes:7")]
    [InlineData(-2, "Antes:7")]
    [InlineData(-1, "Antes:1")]
    [InlineData(0, "Vence:0")]
    [InlineData(1, "Vencido:-1")]
    [InlineData(30, "Vencido:-1")]
    [InlineData(31, null)]
    public void CurrentStep_DayAgainstTheDeadline_IsTheLatestStepDueAndNoneOnceLongPast(int day, string? expected) =>
        Assert.Equal(expected, ReminderRules.CurrentStep(Due, ReminderRules.DefaultDaysBefore, Due.AddDays(day))?.Key);

    [Theory]
    [InlineData(2, null)]
    [InlineData(3, "Escalado:-3")]
    [InlineData(30, "Escalado:-3")]
    [InlineData(31, null)]
    public void Escalation_DaysLate_FromTheEscalationDayUntilTheLimit(int day, string? expected) =>
        Assert.Equal(expected, ReminderRules.Escalation(Due, ReminderRules.DefaultEscalationDays, Due.AddDays(day))?.Key);

    [Fact]
    public void UnitSteps_OffsetsInAnyOrderWithRepeats_AreInTimeOrderOnce() =>
        Assert.Equal(["Antes:14", "Antes:3", "Vence:0", "Vencido:-1"], ReminderRules.UnitSteps(Due, [3, 14, 3]).Select(s => s.Key));

    [Theory]
    [InlineData("7, 1", "7, 1")]
    [InlineData("1 7", "7, 1")]
    [InlineData("14;7;7", "14, 7")]
    [InlineData("", "")]
    public void ParseDaysBefore_ValidText_ReadsTheOffsetsLargestFirst(string text, string expected)
    {
        var (days, problem) = ReminderRules.ParseDaysBefore(text);
        Assert.Null(problem);
        Assert.Equal(expected, ReminderRules.Describe(days!));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("61")]
    [InlineData("siete")]
    [InlineData("7.5")]
    [InlineData("1,2,3,4,5,6")]
    public void ParseDaysBefore_InvalidText_IsRefusedInSpanish(string text)
    {
        var (days, problem) = ReminderRules.ParseDaysBefore(text);
        Assert.Null(days);
        Assert.NotNull(problem);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(30, true)]
    [InlineData(31, false)]
    public void EscalationProblem_Days_AcceptsOneToThirty(int days, bool accepted) =>
        Assert.Equal(accepted, ReminderRules.EscalationProblem(days) is null);
}
