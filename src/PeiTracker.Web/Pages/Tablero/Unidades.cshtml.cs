using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Pages.Tablero;

/// <summary>Responsible units: how complete each one's reporting is, and one unit's indicators with their status.</summary>
public class UnidadesModel(PlanProgressService progress) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Anio { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Periodo { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? Pendientes { get; set; }

    public PlanProgressView View { get; private set; } = null!;

    public ReportPeriod Period { get; private set; } = null!;

    public IReadOnlyList<UnitSummary> Summaries { get; private set; } = [];

    public UnitSummary? Selected { get; private set; }

    public IReadOnlyList<IndexModel.IndicatorRow> Rows { get; private set; } = [];

    public string PeriodQuery => IndexModel.PeriodLink(View.Plan.Code, Period, Pendientes);

    /// <summary>The link to an indicator's page, which leads back here.</summary>
    public string IndicatorLink(int indicatorId) => IndexModel.IndicatorLink(indicatorId, View.Plan.Code, Period, Pendientes, Request.Path + PeriodQuery);

    /// <summary>Reporting of one unit in the period: indicators expected to report (with a logro esperado for it), how many were reported and validated.</summary>
    public record UnitSummary(UnitSnapshot Unit, int Indicators, ReportingCompleteness Reporting, RollUpResult RollUp)
    {
        public int Expected => Reporting.Expected;

        public int Reported => Reporting.Reported;

        public int Validated => Reporting.Validated;

        public decimal? Completeness => Reporting.Percent;
    }

    public async Task<IActionResult> OnGetAsync(int? id, string? plan)
    {
        var view = await progress.LoadAsync(plan, Pendientes);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        Period = ReportPeriod.FromQuery(Anio, Periodo, view.Plan.Covers,
            () => view.PeriodsWithData().FirstOrDefault() ?? new ReportPeriod(view.Plan.FirstYear, PeriodKind.Anual), out var periodNote);
        ViewData[ReportPeriod.NoteKey] = periodNote;
        var owners = view.Plan.Objectives.SelectMany(o => o.Indicators.Select(i => (i, o.Code)).Concat(o.Actions.SelectMany(a => a.Indicators.Select(i => (i, a.Code)))))
            .ToDictionary(x => x.i.Id, x => x.Code);
        Summaries = view.AllIndicators
            .SelectMany(i => i.Units.Select(u => (Unit: u, Indicator: i)))
            .GroupBy(x => x.Unit.Id)
            .Select(g =>
            {
                var indicators = g.Select(x => x.Indicator).ToList();
                return new UnitSummary(g.First().Unit, indicators.Count, ReportingCompleteness.Of(view, indicators, Period), view.RollUp(indicators, Period));
            })
            .OrderBy(s => s.Unit.Name)
            .ToList();
        if (id is { } unitId)
        {
            Selected = Summaries.FirstOrDefault(s => s.Unit.Id == unitId);
            if (Selected is null)
            {
                return NotFound();
            }

            Rows = view.AllIndicators.Where(i => i.Units.Any(u => u.Id == unitId))
                .Select(i => IndexModel.RowOf(view, i, owners[i.Id], Period)).ToList();
        }

        return Page();
    }
}
