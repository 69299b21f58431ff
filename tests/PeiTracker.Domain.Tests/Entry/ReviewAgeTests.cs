using PeiTracker.Domain.Entry;

namespace PeiTracker.Domain.Tests.Entry;

public class ReviewAgeTests
{
    [Theory]
    [InlineData("2026-03-02", "2026-03-02", 0)]
    [InlineData("2026-03-01", "2026-03-02", 1)]
    [InlineData("2026-02-25", "2026-03-02", 5)]
    [InlineData("2025-12-30", "2026-01-02", 3)]
    [InlineData("2024-02-28", "2024-03-01", 2)]
    // A sent date a little ahead of today (another clock) counts as sent today.
    [InlineData("2026-03-03", "2026-03-02", 0)]
    public void DaysWaiting_CalendarDaysFromTheSentDayToToday(string sent, string today, int expected) =>
        Assert.Equal(expected, ReviewAge.DaysWaiting(DateOnly.Parse(sent), DateOnly.Parse(today)));

    [Theory]
    [InlineData("2026-03-01", "2026-03-04", 3, false)]
    [InlineData("2026-03-01", "2026-03-05", 3, true)]
    [InlineData("2026-03-01", "2026-03-08", 7, false)]
    [InlineData("2026-03-01", "2026-03-09", 7, true)]
    [InlineData("2026-03-01", "2026-03-16", 15, false)]
    [InlineData("2026-03-01", "2026-03-17", 15, true)]
    [InlineData("2026-03-05", "2026-03-05", 3, false)]
    public void IsOlderThan_MoreThanTheGivenDaysSinceSent(string sent, string today, int days, bool expected) =>
        Assert.Equal(expected, ReviewAge.IsOlderThan(DateOnly.Parse(sent), DateOnly.Parse(today), days));

    [Theory]
    [InlineData("2026-03-02", "hoy")]
    [InlineData("2026-03-01", "hace 1 día")]
    [InlineData("2026-02-21", "hace 9 días")]
    public void Describe_SaysHowLongItWaited(string sent, string expected) =>
        Assert.Equal(expected, ReviewAge.Describe(DateOnly.Parse(sent), new DateOnly(2026, 3, 2)));
}
