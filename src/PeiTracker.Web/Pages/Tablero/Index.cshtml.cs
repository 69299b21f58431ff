using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Pages.Plan;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Pages.Tablero;

/// <summary>
/// The plan dashboard: where the plan stands in a period, each OEI's avance, what is at risk and
/// what is overdue. Every filter lives in the query string, so a view can be bookmarked and shared.
/// </summary>
public class IndexModel(AppDbContext db, PlanProgressService progress, TimeProvider clock, ArticulationMapCache articulations) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Plan { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Anio { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Periodo { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Oei { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Unidad { get; set; }

    [BindProperty(SupportsGet = true)]
    public ProgressStatus? Semaforo { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? Pendientes { get; set; }

    /// <summary>"tabla": the printed page also carries the full indicator table (a meeting's print leaves it out).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Imprimir { get; set; }

    public bool PrintsFullTable => Imprimir == "tabla";

    public PlanProgressView View { get; private set; } = null!;

    public ReportPeriod Period { get; private set; } = null!;

    // The figures are computed when the page first reads them: when its body comes from the fragment
    // cache (same data version and filters), nothing below is computed at all.
    private Figures? figures;

    private Figures Computed => figures ??= ComputeFigures();

    public RollUpResult PlanRollUp => Computed.PlanRollUp;

    public RollUpResult Scope => Computed.Scope;

    public IReadOnlyList<ObjectiveCard> Cards => Computed.Cards;

    public IReadOnlyList<IndicatorRow> Rows => Computed.Rows;

    public IReadOnlyList<IndicatorRow> AtRisk => Computed.AtRisk;

    public IReadOnlyList<IndicatorRow> Missing => Computed.Missing;

    public IReadOnlyList<UnitSnapshot> Units => Computed.Units;

    public bool HasAnyData => Computed.HasAnyData;

    public IReadOnlyList<OesRow> ByPesemObjective => Computed.ByPesemObjective;

    public IReadOnlyList<EjeRow> ByPggEje => Computed.ByPggEje;

    private ArticulationMap articulation = null!;

    public DateOnly? Deadline { get; private set; }

    public bool DeadlinePassed { get; private set; }

    /// <summary>Today in Lima: decides overdue deadlines, so the cached body is also keyed by it.</summary>
    private DateOnly today;

    private sealed record Figures(
        RollUpResult PlanRollUp, RollUpResult Scope, IReadOnlyList<ObjectiveCard> Cards, IReadOnlyList<IndicatorRow> Rows,
        IReadOnlyList<IndicatorRow> AtRisk, IReadOnlyList<IndicatorRow> Missing, IReadOnlyList<UnitSnapshot> Units, bool HasAnyData,
        IReadOnlyList<OesRow> ByPesemObjective, IReadOnlyList<EjeRow> ByPggEje);

    /// <summary>An objective of the PESEM with the OEI the Anexo B-1 links to it and their mean avance (<see cref="ArticulationRollUp"/>).</summary>
    public record OesRow(string Code, string Statement, IReadOnlyList<ObjectiveSnapshot> Objectives, ArticulationRollUp RollUp);

    /// <summary>An eje of the PGG with the mean avance of its linked OEI and, apart, of its linked AEI.</summary>
    public record EjeRow(int Eje, IReadOnlyList<ObjectiveSnapshot> Objectives, ArticulationRollUp ObjectivesRollUp, IReadOnlyList<ActionSnapshot> Actions, ArticulationRollUp ActionsRollUp);

    public bool IsFiltered => Oei is not null || Unidad is not null || Semaforo is not null;

    /// <summary>Everything the rendered body depends on: the plan's data version, the filters and the day (for overdue deadlines).</summary>
    public string FragmentKey => string.Join('|', View.Plan.Id, View.DataVersion, View.IncludePending, Period.Year, Period.QueryValue, Oei, Unidad, Semaforo, Pendientes, PrintsFullTable, today.DayNumber);

    /// <summary>
    /// The dashboard's "Datos al" (<see cref="DataAsOf"/>), read only when the body is rendered: every change it dates
    /// moves the plan's data version, which keys the cached body.
    /// </summary>
    public Task<DateTimeOffset> DataAsOfAsync() => DataAsOf.OfPlanAsync(db, View.Plan.Id, View.Plan.FirstYear, ExportedData.Progress, HttpContext.RequestAborted);

    public record ObjectiveCard(ObjectiveSnapshot Objective, RollUpResult RollUp, IReadOnlyList<(string Label, decimal? Avance)> Trend);

    /// <param name="Why">Why the period's semáforo and the projection seem to disagree, when they do.</param>
    public record IndicatorRow(IndicatorSnapshot Indicator, string Owner, PeriodProgress Progress, Projection Projection, string Units, string? Why)
    {
        public ProgressStatus Status => Progress.Status;
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var view = await progress.LoadAsync(Plan, Pendientes);
        if (view is null)
        {
            return RedirectToPage("/Plan/Index");
        }

        View = view;
        Plan = view.Plan.Code;
        articulation = await articulations.GetAsync(db, view.Plan.Id, view.DataVersion, HttpContext.RequestAborted);
        today = DateOnly.FromDateTime(PeruTime.ToLima(clock.GetUtcNow()).DateTime);
        Period = ReportPeriod.FromQuery(Anio, Periodo, view.Plan.Covers, () => DefaultPeriod(view, today), out var periodNote);
        ViewData[ReportPeriod.NoteKey] = periodNote;
        Anio = Period.Year;
        Periodo = Period.QueryValue;
        Deadline = view.DeadlineOf(Period);
        DeadlinePassed = Deadline is { } due && today > due;
        return Page();
    }

    private Figures ComputeFigures()
    {
        var view = View;
        var withData = view.PeriodsWithData();
        // A trend compares like with like: years with years, a semester with the same semester of other years.
        var trend = withData.Where(p => p.Kind == Period.Kind && p.Year <= Period.Year).Reverse().ToList();
        var cards = view.Plan.Objectives
            .Where(o => Oei is null || o.Id == Oei)
            .Select(o => new ObjectiveCard(o, view.ForObjective(o, Period), trend.Select(p => (p.Label, view.ForObjective(o, p).Avance)).ToList()))
            .ToList();

        var rows = RowsOf(view, Period, (indicator, objective) =>
            (Oei is null || objective.Id == Oei) && (Unidad is null || indicator.Units.Any(u => u.Id == Unidad)));
        var atRisk = AtRiskOf(rows);
        return new Figures(
            view.ForPlan(Period),
            view.RollUp(rows.Select(r => r.Indicator), Period),
            cards,
            Semaforo is { } status ? rows.Where(r => r.Status == status).ToList() : rows,
            atRisk,
            rows.Where(r => r.Status == ProgressStatus.SinDato).ToList(),
            view.AllIndicators.SelectMany(i => i.Units).DistinctBy(u => u.Id).OrderBy(u => u.Name).ToList(),
            withData.Count > 0,
            PesemRows(view),
            EjeRows(view));
    }

    // The same OEI and AEI roll-ups as the cards above (ForObjective, ForAction), averaged by ArticulationRollUp.
    private List<OesRow> PesemRows(PlanProgressView view) =>
        articulation.SectoralObjectives.Select(oes =>
        {
            var objectives = view.Plan.Objectives.Where(o => articulation.ObjectiveInOes(o.Id, oes.Code)).ToList();
            return new OesRow(oes.Code, oes.Statement, objectives, ArticulationRollUp.Of(objectives.Select(o => Member(o.Code, view.ForObjective(o, Period))), view.Settings));
        }).ToList();

    private List<EjeRow> EjeRows(PlanProgressView view) =>
        articulation.Ejes.Select(eje =>
        {
            var objectives = view.Plan.Objectives.Where(o => articulation.ObjectiveInEje(o.Id, eje)).ToList();
            var actions = view.Plan.Objectives.SelectMany(o => o.Actions).Where(a => articulation.ActionInEje(a.Id, eje)).ToList();
            return new EjeRow(
                eje,
                objectives,
                ArticulationRollUp.Of(objectives.Select(o => Member(o.Code, view.ForObjective(o, Period))), view.Settings),
                actions,
                ArticulationRollUp.Of(actions.Select(a => Member(a.Code, view.ForAction(a, Period))), view.Settings));
        }).ToList();

    private static ArticulationRollUp.Member Member(string code, RollUpResult rollUp) => new(code, rollUp.Avance);

    /// <summary>This view's URL with some filters changed, so every link keeps the rest.</summary>
    public string Link(object? changes = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["plan"] = Plan,
            ["anio"] = Anio?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["periodo"] = Periodo,
            ["oei"] = Oei?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["unidad"] = Unidad?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["semaforo"] = Semaforo?.ToString(),
            ["pendientes"] = Pendientes is null ? null : Pendientes.Value ? "true" : "false",
        };
        if (changes is not null)
        {
            foreach (var property in changes.GetType().GetProperties())
            {
                values[property.Name] = property.GetValue(changes)?.ToString();
            }
        }

        return "/Tablero" + QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    /// <summary>The period and pending switch, for links to the OEI, AEI and unit pages.</summary>
    public string PeriodQuery => PeriodLink(Plan, Period, Pendientes);

    public static string PeriodLink(string? plan, ReportPeriod period, bool? pending) =>
        QueryString.Create(ContextValues(plan, period, pending)).ToString();

    /// <summary>
    /// An indicator's page opened from a dashboard view: it shows the same period and pending switch, and leads back
    /// to <paramref name="back"/> (that view, filters included).
    /// </summary>
    public static string IndicatorLink(int indicatorId, string? plan, ReportPeriod period, bool? pending, string back) =>
        $"/Plan/Indicador/{indicatorId}" + QueryString.Create(ContextValues(plan, period, pending).Append(new("volver", back)));

    /// <summary>The link to an indicator's page from this view.</summary>
    public string IndicatorLink(int indicatorId) => IndicatorLink(indicatorId, Plan, Period, Pendientes, Link());

    private static IEnumerable<KeyValuePair<string, string?>> ContextValues(string? plan, ReportPeriod period, bool? pending) =>
        new Dictionary<string, string?>
        {
            ["plan"] = plan,
            ["anio"] = period.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["periodo"] = period.QueryValue,
            ["pendientes"] = pending is null ? null : pending.Value ? "true" : "false",
        }.Where(v => v.Value is not null);

    /// <summary>The period the dashboard opens on without ?anio=: the newest with data, else last year within the plan.</summary>
    public static ReportPeriod DefaultPeriod(PlanProgressView view, DateOnly limaToday) =>
        view.PeriodsWithData().FirstOrDefault() ?? new ReportPeriod(Math.Clamp(limaToday.Year - 1, view.Plan.FirstYear, view.Plan.LastYear), PeriodKind.Anual);

    /// <summary>"En riesgo": the rows whose projection will not reach the target, the furthest behind first (ten at most).</summary>
    public static IReadOnlyList<IndicatorRow> AtRiskOf(IEnumerable<IndicatorRow> rows) =>
        rows.Where(r => r.Projection.Class is ProjectionClass.EnRiesgo or ProjectionClass.RequiereAcelerar)
            .OrderBy(r => r.Projection.ProjectedProgress ?? 0m).Take(10).ToList();

    /// <summary>The plan's indicators (OEI and AEI) as the dashboard's table lists them, those of its filters only when given.</summary>
    public static List<IndicatorRow> RowsOf(PlanProgressView view, ReportPeriod period, Func<IndicatorSnapshot, ObjectiveSnapshot, bool>? include = null) =>
        view.Plan.Objectives.SelectMany(o =>
                o.Indicators.Select(i => (Indicator: i, Objective: o, Owner: o.Code))
                    .Concat(o.Actions.SelectMany(a => a.Indicators.Select(i => (Indicator: i, Objective: o, Owner: a.Code)))))
            .Where(x => include is null || include(x.Indicator, x.Objective))
            .Select(x => RowOf(view, x.Indicator, x.Owner, period))
            .ToList();

    /// <summary>One indicator row as shown in every dashboard table.</summary>
    public static IndicatorRow RowOf(PlanProgressView view, IndicatorSnapshot indicator, string owner, ReportPeriod period)
    {
        var progress = view.Of(indicator);
        return new IndicatorRow(indicator, owner, progress.For(period.Year, period.Kind), progress.Projection,
            string.Join(", ", indicator.Units.Select(u => u.Acronym)), progress.WhyStatusAndProjectionDiffer(period.Year, period.Kind));
    }

    public static string StatusBorder(ProgressStatus status) => status switch
    {
        ProgressStatus.Verde => "st-border-verde",
        ProgressStatus.Amarillo => "st-border-amarillo",
        ProgressStatus.Rojo => "st-border-rojo",
        _ => "",
    };
}
