using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Pages.DatosAbiertos;

/// <summary>Stable open-data URLs: /DatosAbiertos/{plan}/indicadores.csv, avance.csv and plan.json (validated values only).</summary>
public class IndexModel(PlanProgressService progress, AppDbContext db, TimeProvider clock) : PageModel
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<IActionResult> OnGetAsync(string plan, string file)
    {
        var view = await progress.LoadAsync(plan, includePending: false);
        if (view is null)
        {
            return NotFound();
        }

        if (file is "indicadores.csv" or "avance.csv" or "plan.json")
        {
            await db.RecordAsync(clock, User, "Datos abiertos", $"{view.Plan.Code}/{file}", view.Plan.Id);
        }

        return file switch
        {
            "indicadores.csv" => File(OpenData.IndicatorsCsv(view), "text/csv; charset=utf-8", $"{view.Plan.Code}-indicadores.csv"),
            "avance.csv" => File(OpenData.ProgressCsv(view), "text/csv; charset=utf-8", $"{view.Plan.Code}-avance.csv"),
            "plan.json" => File(JsonSerializer.SerializeToUtf8Bytes(OpenData.Json(view, await DataAsOf.OfPlanAsync(db, view.Plan.Id)), JsonOptions), "application/json; charset=utf-8", $"{view.Plan.Code}.json"),
            _ => NotFound(),
        };
    }
}
