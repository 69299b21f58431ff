using System.Globalization;
using PeiTracker.Web.Points;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Pages.Plan;

/// <summary>
/// The indicator page's breakdown by reporting point and region, with its chart: one bar per point's own value and a
/// line at the indicator's value (the formula on the sums), drawn as SVG on the server with classes, no inline style.
/// </summary>
public sealed record PointBreakdownView(int IndicatorId, int Decimals, ReportPeriod Period, PointBreakdown Breakdown)
{
    public const int RowHeight = 24;
    public const int LabelWidth = 150;
    public const int BarWidth = 420;
    public const int ChartWidth = LabelWidth + BarWidth + 70;

    /// <summary>The bars: the points whose own value can be computed.</summary>
    public IReadOnlyList<(string Code, decimal Value, bool Accepted)> Bars => Breakdown.Rows
        .Where(r => r.Own.Value is not null)
        .Select(r => (r.Code, r.Own.Value!.Value, r.Status == Domain.Points.PointSubmissionStatus.Aceptado)).ToList();

    public decimal Scale => Math.Max(Bars.Select(b => b.Value).DefaultIfEmpty(0).Max(), Breakdown.Total.Evaluation.Value ?? 0) is var max and > 0 ? max : 1;

    public int ChartHeight => (Bars.Count + 1) * RowHeight + 10;

    public static string Px(decimal value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    public decimal X(decimal value) => LabelWidth + Math.Max(value, 0) / Scale * BarWidth;
}
