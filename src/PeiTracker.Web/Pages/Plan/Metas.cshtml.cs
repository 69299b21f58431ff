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
/// The planning office sets the logros esperados of an indicator through <see cref="Indicator.SetTargets"/>,
/// and optionally a semester's own through <see cref="Indicator.SetSemesterTarget"/>; a semester left empty is
/// judged by the plan's rule. Changing the target of a year that has already started is a revision: the
/// original target is kept next to the revised one. All of it is saved, or none of it.
/// </summary>
[Authorize(Policy = Policies.EditPlan)]
public class MetasModel(AppDbContext db, TimeProvider clock, AuditedWriter writer) : PageModel
{
    public const string ConflictText =
        "Otra persona cambió este indicador o sus logros esperados mientras usted los editaba. Sus cambios no se guardaron: estos son los valores actuales.";

    [BindProperty]
    public Dictionary<int, string?> Targets { get; set; } = [];

    /// <summary>A semester's own logro esperado, keyed by <see cref="SemesterKey"/>; empty means the plan's rule applies.</summary>
    [BindProperty]
    public Dictionary<string, string?> Semesters { get; set; } = [];

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
        Semesters = Years.SelectMany(y => SemesterKinds.Select(k => (y, k)))
            .ToDictionary(p => SemesterKey(p.y, p.k), p => (string?)DecimalText.ToInput(Indicator.SemesterTargetFor(p.y, p.k)));
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

        var semesters = new Dictionary<(int Year, PeriodKind Kind), decimal?>();
        foreach (var year in Years)
        {
            foreach (var kind in SemesterKinds)
            {
                if (DecimalText.TryParse(Semesters.GetValueOrDefault(SemesterKey(year, kind)), out var value, out var error))
                {
                    semesters[(year, kind)] = value;
                }
                else
                {
                    ModelState.AddModelError(Indicator.SemesterTargetField(year, kind), error!);
                }
            }
        }

        ChangeReason.Check(ModelState, nameof(Reason), Reason);

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var reason = Reason!.Trim();
        writer.Expect(Indicator, Version);
        var edit = SetAll(targets, semesters, reason);
        return await writer.SaveAsync(new AuditContext(User.Identity!.Name!, Indicator.Key, reason, Indicator.PlanId, Indicator.Id), edit) switch
        {
            WriteStatus.Invalid => Refused(edit),
            WriteStatus.Conflict => await ConflictAsync(id),
            WriteStatus.Unchanged => Done(id, "No había cambios que guardar."),
            _ => Done(id, $"Se guardaron {edit.Changes.Count} logro(s) esperado(s)."),
        };
    }

    public static readonly PeriodKind[] SemesterKinds = [PeriodKind.PrimerSemestre, PeriodKind.SegundoSemestre];

    public static string SemesterKey(int year, PeriodKind kind) =>
        $"{year.ToString(System.Globalization.CultureInfo.InvariantCulture)}{(kind == PeriodKind.PrimerSemestre ? "S1" : "S2")}";

    /// <summary>The annual targets first (a semester's figure is checked against the scale they set), then each semester's; any refusal refuses all.</summary>
    private EditResult SetAll(IReadOnlyDictionary<int, decimal?> targets, IReadOnlyDictionary<(int Year, PeriodKind Kind), decimal?> semesters, string reason)
    {
        var annual = Indicator.SetTargets(targets, CurrentYear, reason);
        if (!annual.IsValid)
        {
            return annual;
        }

        var changes = new List<FieldChange>(annual.Changes);
        var errors = new Dictionary<string, string>();
        foreach (var ((year, kind), value) in semesters)
        {
            var semester = Indicator.SetSemesterTarget(year, kind, value, Indicator.Plan!.FirstYear, Indicator.Plan.LastYear);
            changes.AddRange(semester.Changes);
            foreach (var (field, message) in semester.Errors)
            {
                errors[field] = message;
            }
        }

        return errors.Count > 0 ? EditResult.Refused(errors) : EditResult.Applied(changes);
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
        var indicator = await db.Indicators.Include(i => i.Plan).Include(i => i.Targets).Include(i => i.SemesterTargets).SingleOrDefaultAsync(i => i.Id == id);
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
