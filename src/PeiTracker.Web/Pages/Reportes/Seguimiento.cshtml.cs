using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Pages.Reportes;

/// <summary>Downloads the Reporte de seguimiento del PEI (.xlsx) for a year or semester; every download is recorded.</summary>
[Authorize(Policy = Policies.EditPlan)]
public class SeguimientoModel(PlanProgressService progress, AppDbContext db, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? plan, int anio, string? periodo, bool? pendientes, bool? desglose)
    {
        var view = await progress.LoadAsync(plan, pendientes);
        if (view is null)
        {
            return NotFound();
        }

        if (!view.Plan.Covers(anio))
        {
            TempData["Error"] = $"Elija un año del plan ({view.Plan.FirstYear}-{view.Plan.LastYear}).";
            return RedirectToPage("Index");
        }

        if (!PeriodText.TryParse(periodo, out var kind))
        {
            TempData["Error"] = PeriodText.InvalidMessage;
            return RedirectToPage("Index");
        }

        var period = new ReportPeriod(anio, kind);
        var shown = desglose == true ? ExportedData.Progress | ExportedData.PointFigures : ExportedData.Progress;
        var asOf = await DataAsOf.OfPlanAsync(db, view.Plan.Id, view.Plan.FirstYear, shown, HttpContext.RequestAborted);
        var breakdowns = desglose == true ? await BreakdownsAsync(view.Plan.Id, period) : null;
        var bytes = SeguimientoReport.Build(view, period, asOf, await DemoMark.InPlanAsync(db, view.Plan.Id, HttpContext.RequestAborted), breakdowns);
        var fileName = $"reporte-seguimiento-{view.Plan.Code}-{period.Year}-{period.QueryValue}.xlsx";
        await db.RecordAsync(clock, User, "Reporte de seguimiento",
            $"{fileName}; {(view.IncludePending ? "incluye pendientes" : "solo validados")}{(desglose == true ? "; con desglose por punto de registro" : "")}; {DataAsOf.Label(asOf).ToLowerInvariant()}", view.Plan.Id);
        return File(bytes, XlsxWriter.ContentType, fileName);
    }

    /// <summary>The breakdown of every indicator of the plan collected by point, in the plan's order of keys.</summary>
    private async Task<IReadOnlyList<IndicatorBreakdown>> BreakdownsAsync(int planId, ReportPeriod period)
    {
        var indicators = await db.Indicators.AsNoTracking().Include(i => i.Plan).Include(i => i.Variables)
            .Where(i => i.PlanId == planId && i.CollectedByPoint).OrderBy(i => i.Key).ToListAsync(HttpContext.RequestAborted);
        var result = new List<IndicatorBreakdown>();
        foreach (var indicator in indicators)
        {
            result.Add(new IndicatorBreakdown(indicator.PublishedCode, await Points.PointBreakdown.LoadAsync(db, indicator, period.Year, period.Kind, HttpContext.RequestAborted)));
        }

        return result;
    }
}
