using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Editing;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Pages.Plan;

/// <summary>
/// The planning office sets the logros esperados of an indicator through <see cref="Indicator.SetTargets"/>.
/// Changing the target of a year that has already started is a revision: the original target is kept
/// next to the revised one.
/// </summary>
[Authorize(Policy = Policies.EditPlan)]
public class MetasModel(AppDbContext db, TimeProvider clock, AuditedWriter writer) : PageModel
{
    public const string ConflictText =
        "Otra persona cambió este indicador o sus logros esperados mientras usted los editaba. Sus cambios no se guardaron: estos son los valores actuales.";

    [BindProperty]
    public Dictionary<int, string?> Targets { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>The indicator's version when the form was opened; saving a target moves it, so it covers the targets too.</summary>
    [BindProperty]
    public uint Version { get; set; }

    public Indicator Indicator { get; private set; } = null!;

    public IReadOnlyList<int> Years { get; private set; } = [];

    public int CurrentYear { get; private set; }

    public string? ConflictMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Targets = Years.ToDictionary(y => y, y => (string?)DecimalText.ToInput(Indicator.TargetFor(y)));
        Version = Indicator.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var targets = new Dictionary<int, decimal?>();
        foreach (var year in Years)
        {
            if (DecimalText.TryParse(Targets.GetValueOrDefault(year), out var value, out var error))
            {
                targets[year] = value;
            }
            else
            {
                ModelState.AddModelError(FieldKeys.Target(year), error!);
            }
        }

        ChangeReason.Check(ModelState, nameof(Reason), Reason);

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var reason = Reason!.Trim();
        writer.Expect(Indicator, Version);
        var edit = Indicator.SetTargets(targets, CurrentYear, reason);
        return await writer.SaveAsync(new AuditContext(User.Identity!.Name!, Indicator.Key, reason, Indicator.PlanId, Indicator.Id), edit) switch
        {
            WriteStatus.Invalid => Refused(edit),
            WriteStatus.Conflict => await ConflictAsync(id),
            WriteStatus.Unchanged => Done(id, "No había cambios que guardar."),
            _ => Done(id, $"Se guardaron {edit.Changes.Count} logro(s) esperado(s)."),
        };
    }

    private PageResult Refused(EditResult edit)
    {
        ModelState.AddEditErrors(edit);
        return Page();
    }

    private async Task<IActionResult> ConflictAsync(int id)
    {
        ConflictMessage = ConflictText;
        ModelState.Clear();
        return await OnGetAsync(id);
    }

    private RedirectToPageResult Done(int id, string status)
    {
        TempData["Status"] = status;
        return RedirectToPage("Indicador", new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var indicator = await db.Indicators.Include(i => i.Plan).Include(i => i.Targets).SingleOrDefaultAsync(i => i.Id == id);
        if (indicator is null)
        {
            return false;
        }

        Indicator = indicator;
        Years = indicator.Plan!.Years.ToList();
        CurrentYear = PeruTime.ToLima(clock.GetUtcNow()).Year;
        return true;
    }
}
