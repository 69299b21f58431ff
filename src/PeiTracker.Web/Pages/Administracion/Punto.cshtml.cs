using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Points;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Pages.Administracion;

/// <summary>Edits one reporting point (code, name, kind, unit, region) or deactivates it, with a reason and its history.</summary>
public class PuntoModel(AppDbContext db, InstitutionScope scope, AuditedWriter writer) : PageModel
{
    public const string ConflictText = "Otra persona modificó este punto de registro mientras usted lo editaba. Sus cambios no se guardaron: revise los datos actuales y vuelva a aplicarlos.";

    [BindProperty]
    public PointInput Input { get; set; } = new();

    public ReportingPoint Point { get; private set; } = null!;

    public IReadOnlyList<OrganizationalUnit> Units { get; private set; } = [];

    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input = new PointInput
        {
            Code = Point.Code, Name = Point.Name, Kind = Point.Kind, UnitId = Point.UnitId, Continent = Point.Continent,
            Country = Point.Country, Department = Point.Department, IsActive = Point.IsActive, Version = Point.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        ChangeReason.Check(ModelState, "Input.Reason", Input.Reason);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var others = await db.ReportingPoints.AsNoTracking().Where(p => p.InstitutionId == Point.InstitutionId && p.Id != id).ToListAsync();
        writer.Expect(Point, Input.Version);
        var result = Point.Edit(Input.ToData(Units), Point.Unit?.Label, others);
        switch (await writer.SaveAsync(new AuditContext(User.Identity!.Name!, Point.Code, Input.Reason!.Trim(), null, null), result))
        {
            case WriteStatus.Invalid:
                ModelState.AddEditErrors(result, "Input.");
                await LoadAsync(id);
                return Page();
            case WriteStatus.Conflict:
                ModelState.AddModelError(string.Empty, ConflictText);
                await OnGetAsync(id);
                return Page();
            case WriteStatus.Unchanged:
                TempData["Status"] = $"{Point.Code}: no había cambios que guardar.";
                break;
            default:
                TempData["Status"] = $"Punto de registro guardado: {Point.Label}.";
                break;
        }

        return RedirectToPage("Puntos");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var point = await db.ReportingPoints.Include(p => p.Unit).SingleOrDefaultAsync(p => p.Id == id && p.InstitutionId == scope.HomeInstitutionId);
        if (point is null)
        {
            return false;
        }

        Point = point;
        Units = await db.OrganizationalUnits.AsNoTracking().Where(u => u.InstitutionId == point.InstitutionId && (u.IsActive || u.Id == point.UnitId)).OrderBy(u => u.Acronym).ToListAsync();
        History = await PuntosModel.HistoryOf(db, point.InstitutionId).Where(a => a.Subject == point.Code).Take(50).ToListAsync();
        return true;
    }
}
