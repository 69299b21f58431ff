using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Pages.Registro;

/// <summary>
/// "Mis pendientes": the indicators a person reports for a period, with their state. A Registrador
/// sees only the indicators of their units; the planning office sees all.
/// </summary>
public class IndexModel(AppDbContext db, UserScope scope, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Anio { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Periodo { get; set; }

    public ReportPeriod Period { get; private set; } = null!;

    public Domain.Plan? Plan { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyList<Row> Observed { get; private set; } = [];

    public DateOnly? Deadline { get; private set; }

    public bool CanEnter { get; private set; }

    public bool IsPlanningOffice { get; private set; }

    /// <summary>The OGPP closed the shown period: its values no longer change, and those not validated read "no presentado".</summary>
    public bool PeriodClosed { get; private set; }

    /// <summary>What a row's value is, as the unit reads it.</summary>
    public string StateOf(Row row) =>
        row.Value is null ? PeriodClosed ? $"Sin registrar · {PeriodClosing.NotPresented.ToLowerInvariant()} (periodo cerrado)" : "Sin registrar"
        : PeriodClosing.IsNotPresented(row.Value.Status, PeriodClosed) ? $"{PeriodClosing.NotPresented} (periodo cerrado; estaba {Labels.Of(row.Value.Status).ToLowerInvariant()})"
        : Labels.Of(row.Value.Status);

    /// <summary>The row's action: a closed period is only read, never corrected.</summary>
    public string? ActionOf(Row row) =>
        PeriodClosed ? row.Value is null ? null : "Ver"
        : row.Value is null ? "Registrar"
        : row.Value.Status is ValueStatus.Borrador or ValueStatus.Observado ? "Corregir" : "Ver";

    public record Row(Indicator Indicator, string Units, decimal? Target, IndicatorValue? Value);

    /// <summary>An indicator collected by point, and the person's points that enter it (the links to their entry pages).</summary>
    public record PointTask(Indicator Indicator, IReadOnlyList<string> PointCodes);

    /// <summary>For a Registrador of reporting points: the indicators their points enter, each point with its own link.</summary>
    public IReadOnlyList<PointTask> PointTasks { get; private set; } = [];

    public async Task OnGetAsync(string? plan)
    {
        var code = await db.ResolveCodeAsync(plan);
        Plan = code is null ? null : await db.LoadTreeAsync(code, withValues: true);
        if (Plan is null)
        {
            return;
        }

        Period = ReportPeriod.ForPlan(Plan, Anio, Periodo, clock, out var periodNote);
        ViewData[ReportPeriod.NoteKey] = periodNote;
        Anio = Period.Year;
        Periodo = Period.QueryValue;
        IsPlanningOffice = User.IsInRole(Roles.Administrador) || User.IsInRole(Roles.Planificador);
        CanEnter = IsPlanningOffice || User.IsInRole(Roles.Registrador);
        var units = scope.SeesEverything(User) ? null : await scope.UnitIdsAsync(User);
        Rows = Plan.Objectives.SelectMany(o => o.Indicators.Concat(o.Actions.SelectMany(a => a.Indicators)))
            .Where(i => units is null || i.ResponsibleUnits.Any(u => units.Contains(u.UnitId)))
            .Select(i => new Row(i, string.Join(", ", i.ResponsibleUnits.Select(u => u.Unit!.Acronym)), i.TargetFor(Period.Year),
                i.Values.FirstOrDefault(v => v.Year == Period.Year && v.Period == Period.Kind)))
            .ToList();
        var closed = (await db.PeriodClosures.AsNoTracking().Where(c => c.PlanId == Plan.Id && c.ReopenedAt == null).Select(c => new { c.Year, c.Period }).ToListAsync())
            .Select(c => (c.Year, c.Period)).ToHashSet();
        PeriodClosed = closed.Contains((Period.Year, Period.Kind));
        // An observed value of a closed period cannot be corrected: it is "no presentado", not a task.
        Observed = Plan.Indicators
            .Where(i => units is null || i.ResponsibleUnits.Any(u => units.Contains(u.UnitId)))
            .SelectMany(i => i.Values.Where(v => v.Status == ValueStatus.Observado && !closed.Contains((v.Year, v.Period))).Select(v => new Row(i, "", i.TargetFor(v.Year), v)))
            .ToList();
        var myPoints = User.IsInRole(Roles.Registrador) ? await scope.PointIdsAsync(User) : new HashSet<int>();
        if (myPoints.Count > 0)
        {
            var codes = await db.ReportingPoints.AsNoTracking().Where(p => myPoints.Contains(p.Id) && p.IsActive).OrderBy(p => p.Code).Select(p => p.Code).ToListAsync();
            PointTasks = Plan.Indicators.Where(i => i.CollectedByPoint).OrderBy(i => i.Key).Select(i => new PointTask(i, codes)).ToList();
        }

        Deadline = await db.PeriodDeadlines.AsNoTracking()
            .Where(d => d.PlanId == Plan.Id && d.Year == Period.Year && d.Period == Period.Kind)
            .Select(d => (DateOnly?)d.DueDate).SingleOrDefaultAsync();
    }
}
