using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;

namespace PeiTracker.Web.Pages.Registro;

/// <summary>Downloads an evidence file, only for people allowed to see its indicator.</summary>
public class EvidenciaModel(AppDbContext db, UserScope scope) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id)
    {
        var evidence = await db.Evidence.AsNoTracking()
            .Where(e => e.Id == id)
            .Select(e => new { e.FileName, e.ContentType, e.Content, UnitIds = e.Value!.Indicator!.ResponsibleUnits.Select(u => u.UnitId).ToList() })
            .SingleOrDefaultAsync();
        if (evidence is null)
        {
            return NotFound();
        }

        if (!scope.SeesEverything(User) && !(await scope.UnitIdsAsync(User)).Overlaps(evidence.UnitIds))
        {
            return Forbid();
        }

        // Always a download, never rendered inline: an uploaded file cannot run in the app's origin.
        return File(evidence.Content, evidence.ContentType, evidence.FileName);
    }
}
