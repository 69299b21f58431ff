using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Pages.DatosAbiertos;

/// <summary>
/// Stable open-data URLs: /DatosAbiertos/{plan}/indicadores.csv, avance.csv and plan.json (validated values only).
/// Every file carries its "Datos al" as the HTTP Last-Modified date (a CSV has no place for it); the JSON also has it inside.
/// </summary>
public class IndexModel(PlanProgressService progress, AppDbContext db, TimeProvider clock) : PageModel
{

    public async Task<IActionResult> OnGetAsync(string plan, string file)
    {
        var view = await progress.LoadAsync(plan, includePending: false);
        if (view is null || file is not ("indicadores.csv" or "avance.csv" or "plan.json"))
        {
            return NotFound();
        }

        var asOf = await DataAsOf.OfPlanAsync(db, view.Plan.Id, view.Plan.FirstYear, ExportedData.Progress, HttpContext.RequestAborted);
        await db.RecordAsync(clock, User, "Datos abiertos", $"{view.Plan.Code}/{file}", view.Plan.Id);
        var (bytes, contentType, name) = file switch
        {
            "indicadores.csv" => (OpenData.IndicatorsCsv(view), "text/csv; charset=utf-8", $"{view.Plan.Code}-indicadores.csv"),
            "avance.csv" => (OpenData.ProgressCsv(view), "text/csv; charset=utf-8", $"{view.Plan.Code}-avance.csv"),
            _ => (OpenData.JsonBytes(view, asOf), "application/json; charset=utf-8", $"{view.Plan.Code}.json"),
        };
        return new FileContentResult(bytes, contentType) { FileDownloadName = name, LastModified = asOf };
    }
}
