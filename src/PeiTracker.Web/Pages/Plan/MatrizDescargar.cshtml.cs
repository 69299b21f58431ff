using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Infrastructure;

namespace PeiTracker.Web.Pages.Plan;

/// <summary>
/// Downloads the Matriz del PEI (Anexo B-3) as .xlsx. Any signed-in user may read the plan, so this
/// is its own page: uploading a changed matrix (Matriz) needs the EditPlan policy, downloading does not.
/// </summary>
public class MatrizDescargarModel(AppDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>The changes that alter what the matrix shows; values, users and exports do not.</summary>
    private static readonly AuditKind[] MatrixKinds =
        [AuditKind.Definicion, AuditKind.Meta, AuditKind.LineaBase, AuditKind.Objetivo, AuditKind.Accion, AuditKind.Importacion, AuditKind.Configuracion];

    public async Task<IActionResult> OnGetAsync(string? plan)
    {
        var code = await db.ResolveCodeAsync(plan);
        var tree = code is null ? null : await db.LoadTreeAsync(code);
        if (tree is null)
        {
            return NotFound();
        }

        var dataAsOf = await DataAsOfAsync(tree);
        await db.RecordAsync(clock, User, "Matriz del PEI", $"{MatrizPeiExporter.FileName(tree, dataAsOf)}; datos al {dataAsOf:dd/MM/yyyy}", tree.Id);
        return File(MatrizPeiExporter.Export(tree, dataAsOf), MatrizPeiExporter.ContentType, MatrizPeiExporter.FileName(tree, dataAsOf));
    }

    /// <summary>
    /// "Datos al": the day of the plan's latest recorded change, not the day of the download, so the
    /// same data give the same file. A plan never changed since it was loaded is dated 1 January of its first year.
    /// </summary>
    private async Task<DateOnly> DataAsOfAsync(Domain.Plan plan)
    {
        var latest = await db.AuditEntries.AsNoTracking()
            .Where(a => a.PlanId == plan.Id && MatrixKinds.Contains(a.Kind))
            .MaxAsync(a => (DateTimeOffset?)a.At);
        return latest is { } at ? DateOnly.FromDateTime(PeruTime.ToLima(at).DateTime) : new DateOnly(plan.FirstYear, 1, 1);
    }
}
