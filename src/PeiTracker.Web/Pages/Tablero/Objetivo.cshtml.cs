using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using PeiTracker.Web.Data;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Pages.Tablero;

/// <summary>One OEI or one AEI: its avance in the period, its actions (for an OEI) and its indicators.</summary>
public class ObjetivoModel(PlanProgressService progress, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Anio { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Periodo { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? Pendientes { get; set; }

    public PlanProgressView View { get; private set; } = null!;

    public ReportPeriod Period { get; private set; } = null!;

    public string Code { get; private set; } = "";

    public string Statement { get; private set; } = "";

    public ObjectiveSnapshot Objective { get; private set; } = null!;

    public bool IsAction { get; private set; }

    public RollUpResult RollUp { get; private set; } = null!;

    public IReadOnlyList<(ActionSnapshot Action, RollUpResult RollUp)> Actions { get; private set; } = [];

    public IReadOnlyList<IndexModel.IndicatorRow> Rows { get; private set; } = [];

    /// <summary>"Contribuye a: …" (PGG, PESEM, políticas nacionales), as the plan's articulation records it.</summary>
    public string? ContributesTo { get; private set; }

    public string PeriodQuery => IndexModel.PeriodLink(View.Plan.Code, Period, Pendientes);

    /// <summary>The link to an indicator's page, which leads back here.</summary>
    public string IndicatorLink(int indicatorId) => IndexModel.IndicatorLink(indicatorId, View.Plan.Code, Period, Pendientes, Request.Path + PeriodQuery);

    public async Task<IActionResult> OnGetAsync(string kind, int id, string? plan)
    {
        var view = await progress.LoadAsync(plan, Pendientes);
        var objective = view?.Plan.Objectives.FirstOrDefault(o => kind == "Objetivo" ? o.Id == id : o.Actions.Any(a => a.Id == id));
        if (view is null || objective is null)
        {
            return NotFound();
        }

        View = view;
        Objective = objective;
        Period = ReportPeriod.FromQuery(Anio, Periodo, view.Plan.Covers,
            () => view.PeriodsWithData().FirstOrDefault() ?? new ReportPeriod(view.Plan.FirstYear, PeriodKind.Anual), out var periodNote);
        ViewData[ReportPeriod.NoteKey] = periodNote;
        IsAction = kind == "Accion";
        if (IsAction)
        {
            var action = objective.Actions.Single(a => a.Id == id);
            (Code, Statement) = (action.Code, action.Statement);
            RollUp = view.ForAction(action, Period);
            Rows = action.Indicators.Select(i => IndexModel.RowOf(view, i, action.Code, Period)).ToList();
        }
        else
        {
            (Code, Statement) = (objective.Code, objective.Statement);
            RollUp = view.ForObjective(objective, Period);
            Actions = objective.Actions.Select(a => (a, view.ForAction(a, Period))).ToList();
            Rows = objective.Indicators.Select(i => IndexModel.RowOf(view, i, objective.Code, Period)).ToList();
        }

        if (await db.ContributionAsync(IsAction, id) is var (contribution, pesemPeriod))
        {
            ContributesTo = contribution.Describe(pesemPeriod);
        }

        return Page();
    }
}
