using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Entry;
using PeiTracker.Web.Data;
using PeiTracker.Web.Entry;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Progress;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Pages.Registro;

/// <summary>"Por validar": the planning office's queue of sent values, by unit, to validate or return with a reason.</summary>
[Authorize(Policy = Policies.EditPlan)]
public class RevisionModel(AppDbContext db, ValueEntryService entry, PlanProgressService progress, TimeProvider clock) : PageModel
{
    /// <summary>The plan whose queue is shown: the first vigente plan unless another is asked for.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Plan { get; set; }

    public IReadOnlyList<Item> Items { get; private set; } = [];

    public IReadOnlyDictionary<(int Year, PeriodKind Period), DateOnly> Deadlines { get; private set; } = new Dictionary<(int, PeriodKind), DateOnly>();

    public DateOnly Today { get; private set; }

    public record Item(IndicatorValue Value, Indicator Indicator, string Units);

    /// <summary>The period the units are reporting now, and how much of it has arrived.</summary>
    public ReportPeriod? OpenPeriod { get; private set; }

    public ReportingCompleteness? Completeness { get; private set; }

    public bool IsAdministrator { get; private set; }

    public async Task OnGetAsync()
    {
        Today = DateOnly.FromDateTime(PeruTime.ToLima(clock.GetUtcNow()).DateTime);
        // One plan's queue: with several entities in the database, another entity's values are not this office's to review.
        Plan = await db.ResolveCodeAsync(Plan);
        var planId = await db.Plans.Where(p => p.Code == Plan).Select(p => (int?)p.Id).SingleOrDefaultAsync();
        var values = await db.Values.AsNoTracking()
            .Where(v => v.Status == ValueStatus.Enviado && v.Indicator!.PlanId == planId)
            .Include(v => v.Indicator).ThenInclude(i => i!.ResponsibleUnits).ThenInclude(u => u.Unit)
            .Include(v => v.Evidence)
            .OrderBy(v => v.Year).ThenBy(v => v.Period).ThenBy(v => v.Indicator!.Key)
            .AsSplitQuery()
            .ToListAsync();
        // A sent value of a closed period cannot be validated: it is "no presentado" until the period is reopened, not a task.
        var closed = (await db.PeriodClosures.AsNoTracking().Where(c => c.PlanId == planId && c.ReopenedAt == null).Select(c => new { c.Year, c.Period }).ToListAsync())
            .Select(c => (c.Year, c.Period)).ToHashSet();
        Items = values.Where(v => !closed.Contains((v.Year, v.Period)))
            .Select(v => new Item(v, v.Indicator!, string.Join(", ", v.Indicator!.ResponsibleUnits.Select(u => u.Unit!.Acronym)))).ToList();
        Deadlines = await db.PeriodDeadlines.AsNoTracking().Where(d => d.PlanId == planId).ToDictionaryAsync(d => (d.Year, d.Period), d => d.DueDate);
        if (Plan is not null && await progress.LoadAsync(Plan, null) is { } view)
        {
            var open = ReportPeriod.Open(Today, view.Settings.SemesterFollowUp);
            OpenPeriod = view.Plan.Covers(open.Year) ? open : null;
            Completeness = OpenPeriod is null ? null : ReportingCompleteness.Of(view, view.AllIndicators, OpenPeriod);
        }

        IsAdministrator = User.IsInRole(Roles.Administrador);
    }

    public Task<IActionResult> OnPostValidateAsync(int valueId, uint version) => ReviewAsync(valueId, WorkflowAction.Validar, null, version);

    public Task<IActionResult> OnPostObserveAsync(int valueId, uint version, string? reason) => ReviewAsync(valueId, WorkflowAction.Observar, reason, version);

    private async Task<IActionResult> ReviewAsync(int valueId, WorkflowAction action, string? reason, uint version)
    {
        var result = await entry.ReviewAsync(User, valueId, action, reason, version);
        TempData[result.Succeeded ? "Status" : "Error"] = result.Succeeded
            ? (action == WorkflowAction.Validar ? "Valor validado." : "Valor observado: la unidad verá el motivo y podrá corregirlo.")
            : result.Summary();
        return RedirectToPage(new { plan = Plan });
    }
}
