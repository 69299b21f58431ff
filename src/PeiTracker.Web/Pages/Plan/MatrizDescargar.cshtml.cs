using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;

namespace PeiTracker.Web.Pages.Plan;

/// <summary>
/// Downloads the Matriz del PEI (Anexo B-3) as .xlsx. Any signed-in user may read the plan, so this
/// is its own page: uploading a changed matrix (Matriz) needs the EditPlan policy, downloading does not.
/// </summary>
public class MatrizDescargarModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? plan)
    {
        var code = await db.ResolveCodeAsync(plan);
        var tree = code is null ? null : await db.LoadTreeAsync(code);
        if (tree is null)
        {
            return NotFound();
        }

        // The matrix shows the plan itself: values, settings and report narratives do not move its date.
        var dataAsOf = await DataAsOf.OfPlanAsync(db, tree.Id, tree.FirstYear, ExportedData.Plan, HttpContext.RequestAborted);
        var fileName = MatrizPeiExporter.FileName(tree, dataAsOf);
        await db.RecordAsync(clock, User, "Matriz del PEI", $"{fileName}; {DataAsOf.Label(dataAsOf).ToLowerInvariant()}", tree.Id);
        var demo = await DemoMark.InPlanAsync(db, tree.Id, HttpContext.RequestAborted);
        return File(MatrizPeiExporter.Export(tree, dataAsOf, demo), MatrizPeiExporter.ContentType, fileName);
    }
}
