namespace PeiTracker.Domain.Entry;

/// <summary>
/// How long a value has waited in the review queue, in calendar days from the day it was sent (the date the
/// queue shows, in Lima) to today. "Enviado hace más de N días" keeps the values that waited more than N days:
/// a value sent on the 1st is more than 3 days old from the 5th on.
/// </summary>
public static class ReviewAge
{
    /// <summary>The ages the queue offers to filter by.</summary>
    public static readonly IReadOnlyList<int> Choices = [3, 7, 15];

    /// <summary>Whole days since the value was sent; never negative (a clock a little ahead is "today").</summary>
    public static int DaysWaiting(DateOnly sentOn, DateOnly today) => Math.Max(0, today.DayNumber - sentOn.DayNumber);

    public static bool IsOlderThan(DateOnly sentOn, DateOnly today, int days) => DaysWaiting(sentOn, today) > days;

    /// <summary>"hoy", "hace 1 día", "hace 9 días".</summary>
    public static string Describe(DateOnly sentOn, DateOnly today) => DaysWaiting(sentOn, today) switch
    {
        0 => "hoy",
        1 => "hace 1 día",
        var days => $"hace {days} días",
    };
}
