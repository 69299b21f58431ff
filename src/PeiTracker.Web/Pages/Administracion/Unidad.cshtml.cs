using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Pages.Administracion;

/// <summary>One organic unit: rename it, or deactivate (reactivate) it, each with a reason that goes into the history.</summary>
public class UnidadModel(AppDbContext db, InstitutionScope scope, AuditedWriter writer) : PageModel
{
    public const string ConflictText = "Otra persona cambió esta unidad mientras usted la editaba. No se guardó nada: estos son sus datos actuales; vuelva a aplicar su cambio.";
    public const string TakenMeanwhileText = "Otra persona acaba de crear o renombrar una unidad con ese nombre o esas siglas. No se guardó nada: revise la lista.";

    [BindProperty]
    public UnitInput Input { get; set; } = new();

    public OrganizationalUnit Unit { get; private set; } = null!;

    public int Indicators { get; private set; }

    public int Accounts { get; private set; }

    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    /// <summary>The reason typed in the activation form, kept when it is refused.</summary>
    public string? StateReason { get; private set; }

    /// <summary>The history of the institution's units, newest first.</summary>
    public static IQueryable<AuditEntry> HistoryOf(AppDbContext db, int? institutionId) =>
        db.AuditEntries.AsNoTracking()
            .Where(a => a.Kind == AuditKind.UnidadOrganica && a.InstitutionId == institutionId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input = new UnitInput { Name = Unit.Name, Acronym = Unit.Acronym, Version = Unit.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var units = await db.OrganizationalUnits.Where(u => u.InstitutionId == scope.HomeInstitutionId).ToListAsync();
        if (units.SingleOrDefault(u => u.Id == id) is not { } unit)
        {
            return NotFound();
        }

        ChangeReason.Check(ModelState, "Input.Reason", Input.Reason);
        writer.Expect(unit, Input.Version);
        var result = unit.Rename(Input.Name ?? "", Input.Acronym ?? "", units);
        ModelState.AddEditErrors(result, "Input.");
        if (!ModelState.IsValid)
        {
            db.ChangeTracker.Clear();
            return await PageAsync(id);
        }

        return await SaveAsync(id, unit, result, Input.Reason!, $"Unidad orgánica renombrada: {unit.Label}.");
    }

    public async Task<IActionResult> OnPostDeactivateAsync(int id, uint version, string? reason) => await SetActiveAsync(id, version, reason, active: false);

    public async Task<IActionResult> OnPostReactivateAsync(int id, uint version, string? reason) => await SetActiveAsync(id, version, reason, active: true);

    private async Task<IActionResult> SetActiveAsync(int id, uint version, string? reason, bool active)
    {
        var unit = await db.OrganizationalUnits.SingleOrDefaultAsync(u => u.Id == id && u.InstitutionId == scope.HomeInstitutionId);
        if (unit is null)
        {
            return NotFound();
        }

        ChangeReason.Check(ModelState, "reason", reason);
        if (!ModelState.IsValid)
        {
            StateReason = reason;
            db.ChangeTracker.Clear();
            return await PageAsync(id);
        }

        writer.Expect(unit, version);
        var result = unit.SetActive(active);
        var done = active
            ? $"Unidad orgánica reactivada: {unit.Label}. Vuelve a ofrecerse para nuevas asignaciones."
            : $"Unidad orgánica desactivada: {unit.Label}. Ya no se ofrece para nuevas asignaciones; sus indicadores, cuentas e historial la conservan.";
        return await SaveAsync(id, unit, result, reason!, done);
    }

    private async Task<IActionResult> SaveAsync(int id, OrganizationalUnit unit, Domain.Editing.EditResult result, string reason, string done)
    {
        switch (await writer.SaveAsync(new AuditContext(User.Identity!.Name!, unit.Acronym, reason.Trim(), null, null), result))
        {
            case WriteStatus.Saved:
                TempData["Status"] = done;
                return RedirectToPage("/Administracion/Unidades");
            case WriteStatus.Unchanged:
                TempData["Status"] = "No había cambios que guardar.";
                return RedirectToPage(new { id });
            default:
                // The form shows what is stored now, with its current version, so saving again is a decision taken on the current data.
                ModelState.AddModelError(string.Empty, ConflictText);
                var page = await PageAsync(id);
                foreach (var key in new[] { "Input.Name", "Input.Acronym", "Input.Version" })
                {
                    ModelState.Remove(key);
                }

                Input = new UnitInput { Name = Unit.Name, Acronym = Unit.Acronym, Version = Unit.Version, Reason = Input.Reason };
                return page;
        }
    }

    /// <summary>
    /// The rows of this unit: each row's subject is the unit's siglas when it was written, so a change of siglas
    /// ("Siglas" DGC -> DGPE, written under DGPE) leads to the rows written under the siglas before.
    /// </summary>
    private static List<AuditEntry> OwnRows(IEnumerable<AuditEntry> newestFirst, string acronym)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { acronym };
        var rows = new List<AuditEntry>();
        foreach (var row in newestFirst.Where(r => names.Contains(r.Subject)))
        {
            rows.Add(row);
            if (row.Field == UnitFields.Acronym && row.Before is { } before)
            {
                names.Add(before);
            }
        }

        return rows;
    }

    private async Task<IActionResult> PageAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    private async Task<bool> LoadAsync(int id)
    {
        var unit = await db.OrganizationalUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && u.InstitutionId == scope.HomeInstitutionId);
        if (unit is null)
        {
            return false;
        }

        Unit = unit;
        Indicators = await db.IndicatorResponsibleUnits.CountAsync(r => r.UnitId == id);
        Accounts = await db.UserUnits.CountAsync(u => u.UnitId == id);
        History = OwnRows(await HistoryOf(db, scope.HomeInstitutionId).ToListAsync(), unit.Acronym);
        return true;
    }
}
