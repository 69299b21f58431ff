using PeiTracker.Domain;

namespace PeiTracker.Web.Progress;

/// <summary>
/// One unit's reporting of one period: of the unit's indicators, how many expected a value and have none (pending),
/// and how many values are in each state; and, once the period's deadline has passed with something still missing
/// (pending, draft or observed), how many Lima calendar days late it is.
/// </summary>
public sealed record CompletenessCell(ReportPeriod Period, DateOnly? Deadline, bool Started, bool Closed, int Expected, int Pending, int Draft, int Sent, int Observed, int Validated, int DaysLate)
{
    /// <summary>What the unit still owes: nothing sent for an expected indicator, a draft not sent, an observed value not corrected.</summary>
    public int Missing => Pending + Draft + Observed;
}

public sealed record CompletenessRow(UnitSnapshot Unit, IReadOnlyList<CompletenessCell> Cells);

/// <summary>
/// The planning office's completeness board: units × the periods the plan follows (its years, and its semesters when it
/// follows them). An indicator of two units counts in both rows. Counts come from the same snapshot as the dashboards.
/// </summary>
public static class CompletenessBoard
{
    /// <summary>The periods of the plan in order, of one year or of all (<paramref name="year"/> null).</summary>
    public static IReadOnlyList<ReportPeriod> Periods(PlanProgressView view, int? year) =>
        view.Plan.Years.Where(y => year is null || y == year)
            .SelectMany(y => view.Settings.SemesterFollowUp
                ? new[] { new ReportPeriod(y, PeriodKind.PrimerSemestre), new ReportPeriod(y, PeriodKind.SegundoSemestre), new ReportPeriod(y, PeriodKind.Anual) }
                : [new ReportPeriod(y, PeriodKind.Anual)])
            .ToList();

    public static IReadOnlyList<CompletenessRow> Build(PlanProgressView view, IReadOnlyList<ReportPeriod> periods, IReadOnlySet<(int Year, PeriodKind Period)> closed, DateOnly today) =>
        view.AllIndicators
            .SelectMany(i => i.Units.Select(u => (Unit: u, Indicator: i)))
            .GroupBy(x => x.Unit.Id)
            .Select(g => new CompletenessRow(g.First().Unit, periods.Select(p => Cell(view, g.Select(x => x.Indicator).ToList(), p, closed.Contains((p.Year, p.Kind)), today)).ToList()))
            .OrderBy(r => r.Unit.Name, StringComparer.CurrentCulture)
            .ToList();

    /// <summary>The first day of a period: values of a period not begun are not asked for yet.</summary>
    public static DateOnly StartOf(ReportPeriod period) => new(period.Year, period.Kind == PeriodKind.SegundoSemestre ? 7 : 1, 1);

    private static CompletenessCell Cell(PlanProgressView view, IReadOnlyList<IndicatorSnapshot> indicators, ReportPeriod period, bool closed, DateOnly today)
    {
        var started = StartOf(period) <= today;
        var rows = indicators.Select(i => (Expected: view.Of(i).For(period.Year, period.Kind).HasExpectation, Value: i.Values.FirstOrDefault(v => v.Year == period.Year && v.Period == period.Kind))).ToList();
        int Count(ValueStatus status) => rows.Count(r => r.Value?.Status == status);
        var pending = started ? rows.Count(r => r.Expected && r.Value is null) : 0;
        var deadline = view.DeadlineOf(period);
        var cell = new CompletenessCell(period, deadline, started, closed, rows.Count(r => r.Expected), pending,
            Count(ValueStatus.Borrador), Count(ValueStatus.Enviado), Count(ValueStatus.Observado), Count(ValueStatus.Validado), 0);
        return deadline is { } due && today > due && cell.Missing > 0 ? cell with { DaysLate = today.DayNumber - due.DayNumber } : cell;
    }
}
