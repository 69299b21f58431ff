using System.Globalization;

namespace PeiTracker.Domain;

/// <summary>Where a reminder stands against its deadline.</summary>
public enum ReminderStage
{
    /// <summary>Some days before the deadline (one of the plan's offsets).</summary>
    Antes = 0,

    /// <summary>On the deadline day.</summary>
    Vence = 1,

    /// <summary>The day after the deadline.</summary>
    Vencido = 2,

    /// <summary>The plan's escalation days after the deadline: the unit's head and the planning office hear of it.</summary>
    Escalado = 3,
}

/// <summary>One reminder of a deadline: its stage, how many days before (positive) or after (negative) the deadline, and its day.</summary>
public sealed record ReminderStep(ReminderStage Stage, int DaysBefore, DateOnly On)
{
    /// <summary>Stable across releases: part of the reminder's event id, so a reminder is written once.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Stage}:{DaysBefore}");
}

/// <summary>
/// When the units hear of a deadline (ADR 0021): the plan's offsets before it (default 7 and 1 days), on the
/// day, the day after, and an escalation some days late (default 3). A pass that finds several steps due (the app
/// was down) writes only the latest one, and none once the deadline is more than <see cref="MaxLateDays"/> behind.
/// </summary>
public static class ReminderRules
{
    public static readonly IReadOnlyList<int> DefaultDaysBefore = [7, 1];

    public const int DefaultEscalationDays = 3;

    /// <summary>After this many days late nobody is reminded any more: the planning office has the completeness board.</summary>
    public const int MaxLateDays = 30;

    /// <summary>The largest offset a plan may set (a reminder two months ahead is noise).</summary>
    public const int MaxDaysBefore = 60;

    /// <summary>The steps a unit hears of, in time order: each offset before, the day, the day after.</summary>
    public static IReadOnlyList<ReminderStep> UnitSteps(DateOnly due, IEnumerable<int> daysBefore) =>
        daysBefore.Where(d => d > 0).Distinct().OrderByDescending(d => d)
            .Select(d => new ReminderStep(ReminderStage.Antes, d, due.AddDays(-d)))
            .Append(new ReminderStep(ReminderStage.Vence, 0, due))
            .Append(new ReminderStep(ReminderStage.Vencido, -1, due.AddDays(1)))
            .ToList();

    /// <summary>
    /// The step due on <paramref name="today"/>: the latest whose day has come, or none before the first or once
    /// the deadline is more than <see cref="MaxLateDays"/> behind. A missed earlier step is never sent late.
    /// </summary>
    public static ReminderStep? CurrentStep(DateOnly due, IEnumerable<int> daysBefore, DateOnly today) =>
        today.DayNumber - due.DayNumber > MaxLateDays ? null : UnitSteps(due, daysBefore).LastOrDefault(s => s.On <= today);

    /// <summary>The escalation, from its day until the deadline is <see cref="MaxLateDays"/> behind.</summary>
    public static ReminderStep? Escalation(DateOnly due, int escalationDays, DateOnly today)
    {
        var on = due.AddDays(escalationDays);
        return today >= on && today.DayNumber - due.DayNumber <= MaxLateDays ? new ReminderStep(ReminderStage.Escalado, -escalationDays, on) : null;
    }

    /// <summary>"7, 1" as the form shows the offsets.</summary>
    public static string Describe(IEnumerable<int> daysBefore) => string.Join(", ", daysBefore.OrderByDescending(d => d));

    /// <summary>Reads "7, 1" (or "7 1", "7;1"); null with a Spanish reason when it cannot.</summary>
    public static (IReadOnlyList<int>? Days, string? Problem) ParseDaysBefore(string? text)
    {
        var parts = (text ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var days = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var day) || day is < 1 or > MaxDaysBefore)
            {
                return (null, $"Los días de anticipación deben ser números enteros entre 1 y {MaxDaysBefore}, separados por comas (por ejemplo «7, 1»); «{(part.Length > 20 ? part[..20] + "…" : part)}» no lo es.");
            }

            days.Add(day);
        }

        // "7, 7" is one reminder: the limit counts distinct days.
        var distinct = days.Distinct().OrderByDescending(d => d).ToList();
        if (distinct.Count > 5)
        {
            return (null, "Indique como máximo 5 recordatorios antes del plazo.");
        }

        return (distinct, null);
    }

    /// <summary>Null when the escalation is usable; otherwise why not.</summary>
    public static string? EscalationProblem(int days) =>
        days is < 1 or > MaxLateDays ? $"Los días de atraso para escalar deben estar entre 1 y {MaxLateDays}." : null;
}
