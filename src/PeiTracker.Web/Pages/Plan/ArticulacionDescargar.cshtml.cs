using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;

namespace PeiTracker.Web.Pages.Plan;

/// <summary>
/// Downloads the articulation in the document's layouts (<see cref="ArticulationExporter"/>): "ruta" (Ruta
/// estratégica), "b1" (Anexo B-1) or "b2" (Anexo B-2). Reading the plan needs only a signed-in account.
/// </summary>
public class ArticulacionDescargarModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string anexo, string? plan)
    {
        if (!ArticulationExporter.TryParse(anexo, out var layout))
        {
            return NotFound();
        }

        var code = await db.ResolveCodeAsync(plan);
        var data = code is null ? null : await ArticulationExporter.LoadAsync(db, code, HttpContext.RequestAborted);
        if (data is null)
        {
            return NotFound();
        }

        // The annexes show the plan's elements and their articulation: values and settings do not move their date.
        var dataAsOf = await DataAsOf.OfPlanAsync(db, data.Plan.Id, data.Plan.FirstYear, ExportedData.Plan | ExportedData.Articulation, HttpContext.RequestAborted);
        var fileName = ArticulationExporter.FileName(layout, data.Plan, dataAsOf);
        await db.RecordAsync(clock, User, ArticulationExporter.Title(layout), $"{fileName}; {DataAsOf.Label(dataAsOf).ToLowerInvariant()}", data.Plan.Id);
        var demo = await DemoMark.InPlanAsync(db, data.Plan.Id, HttpContext.RequestAborted);
        return File(ArticulationExporter.Export(layout, data, dataAsOf, demo), ArticulationExporter.ContentType, fileName);
    }
}
