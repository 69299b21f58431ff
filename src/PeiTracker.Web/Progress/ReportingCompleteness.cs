using PeiTracker.Domain;

namespace PeiTracker.Web.Progress;

/// <summary>
/// How much of a period has been reported: the indicators expected to report (with a logro esperado for it), how many
/// have a value sent or validated, and how many are validated.
/// </summary>
public sealed record ReportingCompleteness(int Expected, int Reported, int Validated)
{
    public decimal? Percent => Expected == 0 ? null : Reported * 100m / Expected;

    public static ReportingCompleteness Of(PlanProgressView view, IEnumerable<IndicatorSnapshot> indicators, ReportPeriod period)
    {
        var values = indicators.Where(i => view.Of(i).For(period.Year, period.Kind).HasExpectation)
            .Select(i => i.Values.FirstOrDefault(v => v.Year == period.Year && v.Period == period.Kind))
            .ToList();
        return new ReportingCompleteness(values.Count,
            values.Count(v => v is { Status: ValueStatus.Enviado or ValueStatus.Validado }),
            values.Count(v => v is { Status: ValueStatus.Validado }));
    }
}
