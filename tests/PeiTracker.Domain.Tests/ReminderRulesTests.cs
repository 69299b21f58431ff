using PeiTracker.Domain;

namespace PeiTracker.Domain.Tests;

/// <summary>When the units hear of a deadline (ADR 0021): the steps, the escalation, and the plan's offsets as the form reads them.</summary>
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

    private static string BadDays(string quoted) =>
        $"Los días de anticipación deben ser números enteros entre 1 y 60, separados por comas (por ejemplo «7, 1»); «{quoted}» no lo es.";

    [Fact]
    public void UnitSteps_DefaultOffsets_FallOnTheirDays() =>
        Assert.Equal(
            [
                new ReminderStep(ReminderStage.Antes, 7, new DateOnly(2026, 3, 24)),
                new ReminderStep(ReminderStage.Antes, 1, new DateOnly(2026, 3, 30)),
                new ReminderStep(ReminderStage.Vence, 0, Due),
                new ReminderStep(ReminderStage.Vencido, -1, new DateOnly(2026, 4, 1)),
            ],
            ReminderRules.UnitSteps(Due, ReminderRules.DefaultDaysBefore));

    [Fact]
    public void UnitSteps_ZeroOrNegativeOffsets_AreNoReminderBefore() =>
        Assert.Equal(["Antes:2", "Vence:0", "Vencido:-1"], ReminderRules.UnitSteps(Due, [0, -3, 2]).Select(s => s.Key));

    [Fact]
    public void Escalation_ItsDay_IsTheDeadlinePlusTheEscalationDays() =>
        Assert.Equal(new ReminderStep(ReminderStage.Escalado, -5, new DateOnly(2026, 4, 5)), ReminderRules.Escalation(Due, 5, Due.AddDays(6)));

    [Theory]
    [InlineData(new[] { 1, 7 }, "7, 1")]
    [InlineData(new[] { 3, 14, 7 }, "14, 7, 3")]
    [InlineData(new int[0], "")]
    public void Describe_Offsets_LargestFirst(int[] days, string expected) =>
        Assert.Equal(expected, ReminderRules.Describe(days));

    [Theory]
    [InlineData("1 7", new[] { 7, 1 })]
    [InlineData("7;14;7", new[] { 14, 7 })]
    [InlineData("1", new[] { 1 })]
    [InlineData("60", new[] { 60 })]
    [InlineData("1,2,3,4,5", new[] { 5, 4, 3, 2, 1 })]
    [InlineData("7,,1", new[] { 7, 1 })]
    [InlineData(" 7 ,\t1\t", new[] { 7, 1 })]
    public void ParseDaysBefore_ValidText_GivesTheDistinctDaysLargestFirst(string text, int[] expected)
    {
        var (days, problem) = ReminderRules.ParseDaysBefore(text);

        Assert.Null(problem);
        Assert.Equal(expected, days);
    }

    [Fact]
    public void ParseDaysBefore_NoText_GivesNoDays()
    {
        var (days, problem) = ReminderRules.ParseDaysBefore(null);

        Assert.Null(problem);
        Assert.Empty(days!);
    }

    [Theory]
    [InlineData("7, 0", "0")]
    [InlineData("61", "61")]
    [InlineData("+7", "+7")]
    [InlineData("-1", "-1")]
    [InlineData("7, siete", "siete")]
    [InlineData("abcdefghijklmnopqrst", "abcdefghijklmnopqrst")]
    [InlineData("abcdefghijklmnopqrstu", "abcdefghijklmnopqrst…")]
    [InlineData("1234567890123456789012345", "12345678901234567890…")]
    public void ParseDaysBefore_APartThatIsNoDay_IsQuotedInTheMessageCutAfterTwentyCharacters(string text, string quoted)
    {
        var (days, problem) = ReminderRules.ParseDaysBefore(text);

        Assert.Null(days);
        Assert.Equal(BadDays(quoted), problem);
    }

    [Fact]
    public void ParseDaysBefore_SixDays_IsRefusedAsTooManyReminders()
    {
        var (days, problem) = ReminderRules.ParseDaysBefore("1, 2, 3, 4, 5, 6");

        Assert.Null(days);
        Assert.Equal("Indique como máximo 5 recordatorios antes del plazo.", problem);
    }

    [Theory]
    [InlineData("1,1,1,1,1,1", new[] { 1 })]
    [InlineData("7, 7, 7, 7, 7, 7, 1", new[] { 7, 1 })]
    [InlineData("1, 2, 3, 4, 5, 5", new[] { 5, 4, 3, 2, 1 })]
    public void ParseDaysBefore_RepeatedDays_CountOnceTowardsTheLimitOfFive(string text, int[] expected)
    {
        var (days, problem) = ReminderRules.ParseDaysBefore(text);

        Assert.Null(problem);
        Assert.Equal(expected, days);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(-3)]
    public void EscalationProblem_OutOfRange_SaysTheRange(int days) =>
        Assert.Equal("Los días de atraso para escalar deben estar entre 1 y 30.", ReminderRules.EscalationProblem(days));
}
