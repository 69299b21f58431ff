using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;

namespace PeiTracker.Web.Pages.Reportes;

/// <summary>Fichas técnicas: one indicator's, or every indicator of a plan in one printable document (and PDF).</summary>
[PdfDownload("fichas-tecnicas.pdf")]
public class FichasModel(AppDbContext db) : PageModel
{
    public Domain.Plan Plan { get; private set; } = null!;

    public IReadOnlyList<Indicator> Indicators { get; private set; } = [];

    /// <summary>A ficha shows the plan itself (definition, línea base, logros esperados), so its date moves only with those.</summary>
    public DateTimeOffset DataAsOfDate { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? plan, int? indicador)
    {
        var code = await db.ResolveCodeAsync(plan);
        var tree = code is null ? null : await db.LoadTreeAsync(code);
        if (tree is null)
        {
            return NotFound();
        }

        Plan = tree;
        DataAsOfDate = await DataAsOf.OfPlanAsync(db, tree.Id, tree.FirstYear, ExportedData.Plan, HttpContext.RequestAborted);
        var ordered = tree.Objectives
            .SelectMany(o => o.Indicators.Concat(o.Actions.SelectMany(a => a.Indicators)))
            .ToList();
        Indicators = indicador is { } id ? ordered.Where(i => i.Id == id).ToList() : ordered;
        return Indicators.Count == 0 ? NotFound() : Page();
    }
}
