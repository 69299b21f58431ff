using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Progress;

/// <summary>A reporting period: a year, or one of its semesters.</summary>
public sealed record ReportPeriod(int Year, PeriodKind Kind)
{
    public string Label => Kind == PeriodKind.Anual ? $"Año {Year}" : $"{Labels.Of(Kind)} {Year}";

    public string QueryValue => PeriodText.ShortForm(Kind);

    /// <summary>The label inside a sentence ("valor de año 2025", "valor de I semestre 2026").</summary>
    public string InSentence => Kind == PeriodKind.Anual ? $"año {Year}" : Label;

    /// <summary>
    /// The period the units are reporting now (Lima's date): from July, the first semester of this year when the plan
    /// follows semesters; otherwise the previous year.
    /// </summary>
    public static ReportPeriod Open(DateOnly limaToday, bool semesterFollowUp) =>
        limaToday.Month >= 7 && semesterFollowUp ? new ReportPeriod(limaToday.Year, PeriodKind.PrimerSemestre) : new ReportPeriod(limaToday.Year - 1, PeriodKind.Anual);

    /// <summary>Where a page puts <see cref="FromQuery"/>'s note; the layout shows it above the page.</summary>
    public const string NoteKey = "PeriodNote";

    /// <summary>
    /// The period a page's address asks for (?anio=…&amp;periodo=…) when the page shows that year, otherwise the
    /// page's default. An unknown ?periodo= gives the default too, with a note that says so: a page never shows
    /// another period as if it were the one asked for, and never fails on a hand-edited address.
    /// </summary>
    public static ReportPeriod FromQuery(int? year, string? periodo, Func<int, bool> shows, Func<ReportPeriod> fallback, out string? note)
    {
        note = null;
        if (!PeriodText.TryParse(periodo, out var kind))
        {
            var shown = fallback();
            note = UnknownNote(periodo, shown);
            return shown;
        }

        return year is { } y && shows(y) ? new ReportPeriod(y, kind) : fallback();
    }

    /// <summary>The period of a plan's page: the one its address asks for, or else the one being reported now (<see cref="Open"/>).</summary>
    public static ReportPeriod ForPlan(Domain.Plan plan, int? year, string? periodo, TimeProvider clock, out string? note)
    {
        var open = Open(DateOnly.FromDateTime(Infrastructure.PeruTime.ToLima(clock.GetUtcNow()).DateTime), plan.Settings.SemesterFollowUp);
        return FromQuery(year, periodo, plan.Covers, () => open, out note);
    }

    /// <summary>What a page says when its address names no period, and which one it shows instead.</summary>
    public static string UnknownNote(string? periodo, ReportPeriod shown)
    {
        var asked = periodo!.Trim();
        return $"La dirección pide el periodo «{(asked.Length > 30 ? asked[..30] + "…" : asked)}», que no existe (use A, S1 o S2): se muestra en su lugar «{shown.Label}».";
    }
}

/// <summary>
/// A plan with every indicator's progress computed by the engine, and roll-ups on demand. Built once
/// per data version and shared by every request that reads that version (<see cref="ProgressCache"/>):
/// its tree is a <see cref="PlanSnapshot"/> and every collection it exposes is read-only, so no reader
/// can change what another reads.
/// </summary>
public sealed class PlanProgressView
{
    private readonly IReadOnlyDictionary<int, IndicatorProgress> byIndicator;

    private readonly IReadOnlyDictionary<(int Year, PeriodKind Period), DateOnly> deadlines;

    public PlanProgressView(PlanSnapshot plan, bool includePending, IReadOnlyDictionary<int, IndicatorProgress> byIndicator, IReadOnlyDictionary<(int, PeriodKind), DateOnly>? deadlines = null, long dataVersion = 0)
    {
        Plan = plan;
        IncludePending = includePending;
        this.byIndicator = byIndicator;
        this.deadlines = deadlines ?? new Dictionary<(int, PeriodKind), DateOnly>();
        DataVersion = dataVersion;
    }

    /// <summary>The date by which the units must report the period, when the planning office set one.</summary>
    public DateOnly? DeadlineOf(ReportPeriod period) => deadlines.TryGetValue((period.Year, period.Kind), out var due) ? due : null;

    public PlanSnapshot Plan { get; }

    /// <summary>The plan's data version this view was computed at (0 when computed outside the cache).</summary>
    public long DataVersion { get; }

    public PlanSettings Settings => Plan.Settings;

    /// <summary>Whether values sent but not yet validated are counted.</summary>
    public bool IncludePending { get; }

    public IndicatorProgress Of(IndicatorSnapshot indicator) => Of(indicator.Id);

    public IndicatorProgress Of(int indicatorId) => byIndicator[indicatorId];

    public IEnumerable<IndicatorSnapshot> AllIndicators => Plan.Indicators;

    public RollUpResult RollUp(IEnumerable<IndicatorSnapshot> indicators, ReportPeriod period) =>
        ProgressCalculator.RollUp(indicators.Select(Of), period.Year, period.Kind, Settings);

    /// <summary>The plan's avance: its OEI indicators (the AEI ones measure the actions, not the objectives).</summary>
    public RollUpResult ForPlan(ReportPeriod period) => RollUp(Plan.Objectives.SelectMany(o => o.Indicators), period);

    public RollUpResult ForObjective(ObjectiveSnapshot objective, ReportPeriod period) => RollUp(objective.Indicators, period);

    public RollUpResult ForAction(ActionSnapshot action, ReportPeriod period) => RollUp(action.Indicators, period);

    /// <summary>Periods that have at least one counted value, newest first.</summary>
    public IReadOnlyList<ReportPeriod> PeriodsWithData() =>
        byIndicator.Values.SelectMany(p => p.Indicator.Values).Select(v => new ReportPeriod(v.Year, v.Period)).Distinct()
            .OrderByDescending(p => p.Year).ThenByDescending(p => PeriodOrder(p.Kind)).ToList();

    /// <summary>Every period a viewer may pick: each plan year, and its semesters when the plan follows semesters.</summary>
    public IReadOnlyList<ReportPeriod> SelectablePeriods() =>
        Plan.Years.SelectMany(y => Settings.SemesterFollowUp
                ? new[] { new ReportPeriod(y, PeriodKind.PrimerSemestre), new ReportPeriod(y, PeriodKind.SegundoSemestre), new ReportPeriod(y, PeriodKind.Anual) }
                : [new ReportPeriod(y, PeriodKind.Anual)])
            .ToList();

    public static int PeriodOrder(PeriodKind kind) => ProgressCalculator.PeriodOrder(kind);
}

/// <summary>Which plan a request means, and the version of its data (see <see cref="Domain.Plan.DataVersion"/>).</summary>
public sealed record PlanStamp(int Id, string Code, long DataVersion, bool OnlyValidated);

/// <summary>
/// Computed progress per plan, kept in memory and checked against the plan's data version at every
/// use: a write anywhere (this instance, another one, an import, SQL by hand) bumps the version in its
/// own transaction, so a cached view is never served after the data it was computed from changed.
/// Cached views are shared between requests; they are immutable (see <see cref="PlanProgressView"/>).
/// </summary>
public sealed class ProgressCache(int capacity)
{
    private readonly MemoryCache views = new(new MemoryCacheOptions { SizeLimit = capacity });

    public PlanProgressView? Find(PlanStamp stamp, bool includePending) =>
        views.TryGetValue((stamp.Id, includePending), out PlanProgressView? view) && view!.DataVersion == stamp.DataVersion ? view : null;

    /// <summary>Files a view under its own data version (the version read before its tree).</summary>
    public void Store(PlanProgressView view) =>
        views.Set((view.Plan.Id, view.IncludePending), view, new MemoryCacheEntryOptions { Size = 1 });
}

public sealed class PlanProgressService(AppDbContext db, ProgressCache cache)
{
    public async Task<PlanProgressView?> LoadAsync(string? planCode, bool? includePending, CancellationToken cancellationToken = default)
    {
        var stamp = await StampAsync(planCode, cancellationToken);
        return stamp is null ? null : await LoadAsync(stamp, includePending ?? !stamp.OnlyValidated, cancellationToken);
    }

    /// <summary>The view of a plan whose stamp the caller already read (the version must be read before the tree).</summary>
    public async Task<PlanProgressView> LoadAsync(PlanStamp stamp, bool pending, CancellationToken cancellationToken = default)
    {
        if (cache.Find(stamp, pending) is { } cached)
        {
            return cached;
        }

        // The version is read before the tree, so a cached view is never older than the version it is stored under.
        var plan = (await db.LoadTreesAsync([stamp.Id], withValues: true, cancellationToken)).Single();
        var deadlines = await db.PeriodDeadlines.AsNoTracking().Where(d => d.PlanId == stamp.Id).ToDictionaryAsync(d => (d.Year, d.Period), d => d.DueDate, cancellationToken);
        var view = Compute(plan, pending, deadlines, stamp.DataVersion);
        cache.Store(view);
        return view;
    }

    /// <summary>The requested plan, or the default one, with its data version (<see cref="PlanQueries.StampAsync"/>).</summary>
    public Task<PlanStamp?> StampAsync(string? planCode, CancellationToken cancellationToken = default) => db.StampAsync(planCode, cancellationToken);

    /// <summary>
    /// Every indicator of a loaded plan through the engine, counting the values the viewer counts; the
    /// view keeps a snapshot of the tree, not the entities, so the loaded plan can be let go.
    /// </summary>
    public static PlanProgressView Compute(Domain.Plan plan, bool includePending, IReadOnlyDictionary<(int, PeriodKind), DateOnly>? deadlines = null, long dataVersion = 0)
    {
        var progress = new Dictionary<int, IndicatorProgress>(plan.Indicators.Count);
        foreach (var indicator in plan.Indicators)
        {
            var counted = indicator.Values.Where(v => Counts(v.Status, includePending));
            progress[indicator.Id] = ProgressCalculator.Calculate(IndicatorInput.From(indicator, counted), plan.Settings, plan.FirstYear, plan.LastYear);
        }

        return new PlanProgressView(PlanSnapshot.Of(plan), includePending, progress, deadlines, dataVersion);
    }

    /// <summary>Validated values always count; values sent for review count only when the viewer includes pending ones.</summary>
    public static bool Counts(ValueStatus status, bool includePending) =>
        status == ValueStatus.Validado || (includePending && status == ValueStatus.Enviado);
}
