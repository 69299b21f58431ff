using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Entry;
using PeiTracker.Domain.Progress;
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

    /// <summary>Filters, kept in the address and through validate / observe.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Unidad { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Oei { get; set; }

    /// <summary>Enviado (the queue, by default) or Observado (returned to the units, awaiting their correction).</summary>
    [BindProperty(SupportsGet = true)]
    public ValueStatus? Estado { get; set; }

    /// <summary>"Enviado hace más de N días": one of <see cref="ReviewAge.Choices"/>, or every value.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Antiguedad { get; set; }

    /// <summary>One period (year and A, S1 or S2), as the completeness board links to it; every period when absent or unknown.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Anio { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Periodo { get; set; }

    public ReportPeriod? PeriodShown => Anio is { } year && PeriodText.TryParse(Periodo, out var kind) ? new ReportPeriod(year, kind) : null;

    public int? AgeShown => Antiguedad is { } days && ReviewAge.Choices.Contains(days) ? days : null;

    public bool Filtered => Unidad is not null || Oei is not null || AgeShown is not null || PeriodShown is not null;

    /// <summary>The planning office's saved reasons, offered beside each reason box.</summary>
    public IReadOnlyList<ObservationReason> SavedReasons { get; private set; } = [];

    public ValueStatus Shown => Estado == ValueStatus.Observado ? ValueStatus.Observado : ValueStatus.Enviado;

    public IReadOnlyList<Item> Items { get; private set; } = [];

    /// <summary>Every value in the shown state before the unit and OEI filters: the filter choices come from it.</summary>
    public IReadOnlyList<Item> Unfiltered { get; private set; } = [];

    public IReadOnlyDictionary<(int Year, PeriodKind Period), DateOnly> Deadlines { get; private set; } = new Dictionary<(int, PeriodKind), DateOnly>();

    public DateOnly Today { get; private set; }

    /// <param name="Progress">What the value gives against the period's logro esperado (null without one).</param>
    public record Item(IndicatorValue Value, Indicator Indicator, string Units, StrategicObjective Objective, PeriodProgress? Progress)
    {
        /// <summary>When it was sent, as the queue shows it: its last change by the unit, or its creation.</summary>
        public DateTimeOffset SentAt => Value.UpdatedAt ?? Value.CreatedAt;

        public DateOnly SentOn => DateOnly.FromDateTime(PeruTime.ToLima(SentAt).DateTime);

        public AvanceFigure? Avance(AvanceType type) => type == AvanceType.TipoII ? Progress?.TipoII : Progress?.TipoI;
    }

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
        // Each value's indicator brings its other values (for the avance), a cycle only identity resolution allows.
        var values = await db.Values.AsNoTrackingWithIdentityResolution()
            .Where(v => (v.Status == ValueStatus.Enviado || v.Status == ValueStatus.Observado) && v.Indicator!.PlanId == planId)
            .Include(v => v.Indicator).ThenInclude(i => i!.ResponsibleUnits).ThenInclude(u => u.Unit)
            .Include(v => v.Indicator).ThenInclude(i => i!.Plan)
            .Include(v => v.Indicator).ThenInclude(i => i!.Objective)
            .Include(v => v.Indicator).ThenInclude(i => i!.Action).ThenInclude(a => a!.Objective)
            .Include(v => v.Indicator).ThenInclude(i => i!.Targets)
            .Include(v => v.Indicator).ThenInclude(i => i!.SemesterTargets)
            .Include(v => v.Indicator).ThenInclude(i => i!.Values)
            .Include(v => v.Evidence)
            .OrderBy(v => v.Year).ThenBy(v => v.Period).ThenBy(v => v.Indicator!.Key)
            .AsSplitQuery()
            .ToListAsync();
        // A sent value of a closed period cannot be validated: it is "no presentado" until the period is reopened, not a task.
        var closed = (await db.PeriodClosures.AsNoTracking().Where(c => c.PlanId == planId && c.ReopenedAt == null).Select(c => new { c.Year, c.Period }).ToListAsync())
            .Select(c => (c.Year, c.Period)).ToHashSet();
        var open = values.Where(v => !closed.Contains((v.Year, v.Period))).ToList();
        Unfiltered = open.Where(v => v.Status == Shown).Select(ItemOf).ToList();
        Items = Unfiltered
            .Where(i => Unidad is null || i.Indicator.ResponsibleUnits.Any(u => u.UnitId == Unidad))
            .Where(i => Oei is null || i.Objective.Id == Oei)
            .Where(i => AgeShown is not { } days || ReviewAge.IsOlderThan(i.SentOn, Today, days))
            .Where(i => PeriodShown is not { } shown || (i.Value.Year == shown.Year && i.Value.Period == shown.Kind))
            .ToList();
        SavedReasons = await SavedReasonsOf(db).ToListAsync();
        PendingCount = open.Count(v => v.Status == ValueStatus.Enviado);
        pendingPeriods = open.Where(v => v.Status == ValueStatus.Enviado).Select(v => (v.Year, v.Period)).ToList();
        Deadlines = await db.PeriodDeadlines.AsNoTracking().Where(d => d.PlanId == planId).ToDictionaryAsync(d => (d.Year, d.Period), d => d.DueDate);
        if (Plan is not null && await progress.LoadAsync(Plan, null) is { } view)
        {
            var reporting = ReportPeriod.Open(Today, view.Settings.SemesterFollowUp);
            OpenPeriod = view.Plan.Covers(reporting.Year) ? reporting : null;
            Completeness = OpenPeriod is null ? null : ReportingCompleteness.Of(view, view.AllIndicators, OpenPeriod);
        }

        IsAdministrator = User.IsInRole(Roles.Administrador);
    }

    /// <summary>Values waiting for validation in the plan, whatever the filters.</summary>
    public int PendingCount { get; private set; }

    private IReadOnlyList<(int Year, PeriodKind Period)> pendingPeriods = [];

    /// <summary>Values of the period waiting for validation, whatever the filters.</summary>
    public int PendingIn(ReportPeriod period) => pendingPeriods.Count(p => p.Year == period.Year && p.Period == period.Kind);

    private static Item ItemOf(IndicatorValue value)
    {
        var indicator = value.Indicator!;
        var progress = value.Value is { } number ? ValueEntryService.Preview(indicator, value.Year, value.Period, number) : null;
        return new Item(value, indicator, string.Join(", ", indicator.ResponsibleUnits.Select(u => u.Unit!.Acronym)),
            indicator.Objective ?? indicator.Action!.Objective!, progress is { HasExpectation: true } ? progress : null);
    }

    public Task<IActionResult> OnPostValidateAsync(int valueId, uint version) => ReviewAsync(valueId, WorkflowAction.Validar, null, version);

    /// <summary>The reason typed wins; an empty box takes the saved reason chosen beside it (how the form works without JavaScript).</summary>
    public async Task<IActionResult> OnPostObserveAsync(int valueId, uint version, string? reason, int? savedReasonId)
    {
        if (string.IsNullOrWhiteSpace(reason) && savedReasonId is { } id)
        {
            reason = await SavedReasonsOf(db).Where(r => r.Id == id).Select(r => r.Text).SingleOrDefaultAsync();
        }

        return await ReviewAsync(valueId, WorkflowAction.Observar, reason, version);
    }

    /// <summary>The acting person's own institution's saved reasons (a reader of several institutions sees only theirs here).</summary>
    private static IQueryable<ObservationReason> SavedReasonsOf(AppDbContext db) =>
        db.ObservationReasons.AsNoTracking().Where(r => r.InstitutionId == db.ActingInstitutionId).OrderBy(r => r.Text);

    private async Task<IActionResult> ReviewAsync(int valueId, WorkflowAction action, string? reason, uint version)
    {
        var result = await entry.ReviewAsync(User, valueId, action, reason, version);
        if (result.Status == WriteStatus.NotFound)
        {
            // Unknown, or another institution's (which this request cannot see): the same answer either way.
            return NotFound();
        }

        var subject = await db.Values.AsNoTracking().Where(v => v.Id == valueId)
            .Select(v => new { v.Indicator!.PublishedCode, v.Year, v.Period }).SingleOrDefaultAsync();
        var named = subject is null ? "" : $"{subject.PublishedCode} · {new ReportPeriod(subject.Year, subject.Period).Label}: ";
        TempData[result.Succeeded ? "Status" : "Error"] = named + (result.Succeeded
            ? (action == WorkflowAction.Validar ? "valor validado; ya cuenta en el tablero." : "valor observado; la unidad verá el motivo y podrá corregirlo.")
            : result.Summary());
        return RedirectToPage(new { plan = Plan, unidad = Unidad, oei = Oei, estado = Estado, antiguedad = AgeShown, anio = PeriodShown?.Year, periodo = PeriodShown?.QueryValue });
    }
}
