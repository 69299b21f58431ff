using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Pages.Administracion;

/// <summary>The institution's organic units (unidades orgánicas): the list, a form to add one, and their history.</summary>
public class UnidadesModel(AppDbContext db, InstitutionScope scope, AuditedWriter writer) : PageModel
{
    public sealed record UnitRow(int Id, string Acronym, string Name, bool IsActive, int Indicators, int Accounts);

    [BindProperty]
    public UnitInput Input { get; set; } = new();

    public IReadOnlyList<UnitRow> Units { get; private set; } = [];

    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        ChangeReason.Check(ModelState, "Input.Reason", Input.Reason);
        var others = await db.OrganizationalUnits.AsNoTracking().Where(u => u.InstitutionId == scope.HomeInstitutionId).ToListAsync();
        var (unit, result) = OrganizationalUnit.Create(scope.HomeInstitutionId!.Value, Input.Name ?? "", Input.Acronym ?? "", others);
        ModelState.AddEditErrors(result, "Input.");
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        db.OrganizationalUnits.Add(unit!);
        var status = await writer.SaveAsync(new AuditContext(User.Identity!.Name!, unit!.Acronym, Input.Reason!.Trim(), null, null), result);
        if (status == WriteStatus.Conflict)
        {
            // Another administrator created a unit with the same name or siglas a moment before.
            ModelState.AddModelError(string.Empty, UnidadModel.TakenMeanwhileText);
            await LoadAsync();
            return Page();
        }

        TempData["Status"] = $"Unidad orgánica creada: {unit.Label}. Ya puede asignarse a indicadores y a registradores.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Units = await db.OrganizationalUnits.AsNoTracking()
            .Where(u => u.InstitutionId == scope.HomeInstitutionId)
            .OrderByDescending(u => u.IsActive).ThenBy(u => u.Acronym)
            .Select(u => new UnitRow(u.Id, u.Acronym, u.Name, u.IsActive,
                db.IndicatorResponsibleUnits.Count(r => r.UnitId == u.Id),
                db.UserUnits.Count(x => x.UnitId == u.Id)))
            .ToListAsync();
        History = await UnidadModel.HistoryOf(db, scope.HomeInstitutionId).Take(50).ToListAsync();
    }
}

/// <summary>What the create and rename forms bind: the unit's name and siglas, and the reason that goes into the history.</summary>
public sealed class UnitInput
{
    public string? Name { get; set; }

    public string? Acronym { get; set; }

    public string? Reason { get; set; }

    /// <summary>The unit's version when the form was opened (rename only).</summary>
    public uint Version { get; set; }
}
