using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Pages.Registro;

/// <summary>
/// The planning office's completeness board: for each unit and period of the plan, how many indicators have no value,
/// how many values are drafts, sent, observed or validated, and how many days late the unit is; each count leads to
/// the values it counts. Downloadable as .xlsx.
/// </summary>
[Authorize(Policy = Policies.EditPlan)]
public class CompletitudModel(PlanProgressService progress, AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Plan { get; set; }

    /// <summary>The year shown; 0 for every year of the plan; by default the current year (or the plan's first).</summary>
    [BindProperty(SupportsGet = true)]
    public int? Anio { get; set; }

    public PlanProgressView View { get; private set; } = null!;

    public int? Year { get; private set; }

    public DateOnly Today { get; private set; }

    public IReadOnlyList<ReportPeriod> Periods { get; private set; } = [];

    public IReadOnlyList<CompletenessRow> Rows { get; private set; } = [];

    public DateTimeOffset DataAsOfDate { get; private set; }

    public string YearsShown => Year is { } y ? y.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{View.Plan.FirstYear}-{View.Plan.LastYear}";

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnGetXlsxAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var bytes = CompletenessReport.Build(View, Rows, YearsShown, Today, DataAsOfDate, await DemoMark.InPlanAsync(db, View.Plan.Id, HttpContext.RequestAborted));
        var fileName = $"completitud-{View.Plan.Code}-{YearsShown}.xlsx";
        await db.RecordAsync(clock, User, "Completitud del reporte", $"{fileName}; {DataAsOf.Label(DataAsOfDate).ToLowerInvariant()}", View.Plan.Id);
        return File(bytes, XlsxWriter.ContentType, fileName);
    }

    /// <summary>
    /// Where a count leads. Sent and observed values of an open period: the review queue of that unit, state and period.
    /// The rest (and a closed period, whose values leave the queue): the unit's indicators in that period, with their states.
    /// </summary>
    public string LinkOf(CompletenessRow row, CompletenessCell cell, ValueStatus? status) =>
        status is ValueStatus.Enviado or ValueStatus.Observado && !cell.Closed
            ? $"/Registro/Revision?plan={Uri.EscapeDataString(View.Plan.Code)}&unidad={row.Unit.Id}&estado={status}&anio={cell.Period.Year}&periodo={cell.Period.QueryValue}"
            : $"/Tablero/Unidades/{row.Unit.Id}?plan={Uri.EscapeDataString(View.Plan.Code)}&anio={cell.Period.Year}&periodo={cell.Period.QueryValue}&pendientes=true";

    private async Task<bool> LoadAsync()
    {
        // Drafts and observed values count here whatever the dashboards count, so the view is the one with pending values.
        var view = await progress.LoadAsync(Plan, includePending: true, HttpContext.RequestAborted);
        if (view is null)
        {
            return false;
        }

        View = view;
        Plan = view.Plan.Code;
        Today = DateOnly.FromDateTime(PeruTime.ToLima(clock.GetUtcNow()).DateTime);
        Year = Anio switch
        {
            0 => null,
            { } asked when view.Plan.Covers(asked) => asked,
            _ => view.Plan.Covers(Today.Year) ? Today.Year : view.Plan.FirstYear,
        };
        Periods = CompletenessBoard.Periods(view, Year);
        var closed = (await db.PeriodClosures.AsNoTracking().Where(c => c.PlanId == view.Plan.Id && c.ReopenedAt == null).Select(c => new { c.Year, c.Period }).ToListAsync(HttpContext.RequestAborted))
            .Select(c => (c.Year, c.Period)).ToHashSet();
        Rows = CompletenessBoard.Build(view, Periods, closed, Today);
        DataAsOfDate = await DataAsOf.OfPlanAsync(db, view.Plan.Id, view.Plan.FirstYear, ExportedData.Values, HttpContext.RequestAborted);
        return true;
    }
}
