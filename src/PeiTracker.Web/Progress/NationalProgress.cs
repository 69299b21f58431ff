using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Progress;

/// <summary>
/// Where one plan stands in one period: its avance, how many of its OEI indicators it rests on, and its
/// indicators per semáforo (all of them).
/// </summary>
public sealed record PeriodSummary(decimal? Avance, ProgressStatus Status, IReadOnlyDictionary<ProgressStatus, int> Counts, int AvanceIndicators, int ObjectiveIndicators)
{
    public string Coverage => ProgressFormat.Coverage(AvanceIndicators, ObjectiveIndicators);

    public int Count(ProgressStatus status) => Counts.TryGetValue(status, out var n) ? n : 0;

    public int Total => Counts.Values.Sum();
}

/// <summary>
/// The summary of every plan in every period, kept per plan and data version. A national roll-up
/// recomputes only the plans whose version moved since it was last asked, so after the first
/// request it reads one row per plan and no plan tree. Memory: a few hundred bytes per plan and period.
/// </summary>
public sealed class PlanSummaryCache
{
    private readonly ConcurrentDictionary<(int PlanId, bool IncludePending), (long DataVersion, Dictionary<ReportPeriod, PeriodSummary> Periods)> summaries = new();

    public IReadOnlyDictionary<ReportPeriod, PeriodSummary>? Find(int planId, long dataVersion, bool includePending) =>
        summaries.TryGetValue((planId, includePending), out var entry) && entry.DataVersion == dataVersion ? entry.Periods : null;

    public void Store(int planId, long dataVersion, bool includePending, Dictionary<ReportPeriod, PeriodSummary> periods) =>
        summaries[(planId, includePending)] = (dataVersion, periods);

    /// <summary>One recomputation at a time: concurrent first requests wait for it instead of repeating it.</summary>
    public SemaphoreSlim Refresh { get; } = new(1, 1);

    /// <summary>Periods whose whole roll-up is kept (a roll-up of 2,000 entities is a few hundred kilobytes).</summary>
    public const int RollUpPeriods = 8;

    private readonly ConcurrentDictionary<ReportPeriod, (PlanVersion[] Versions, NationalRollUp RollUp)> rollUps = new();

    private long generations;

    /// <summary>The period's roll-up, when it was made from exactly these plans at exactly these versions.</summary>
    public NationalRollUp? FindRollUp(ReportPeriod period, ReadOnlySpan<PlanVersion> versions) =>
        rollUps.TryGetValue(period, out var entry) && entry.Versions.AsSpan().SequenceEqual(versions) ? entry.RollUp : null;

    /// <summary>A number no other roll-up made by this instance has: a roll-up is reused only while no plan version moved.</summary>
    public long NextGeneration() => Interlocked.Increment(ref generations);

    public void StoreRollUp(ReportPeriod period, PlanVersion[] versions, NationalRollUp rollUp)
    {
        if (rollUps.Count >= RollUpPeriods && !rollUps.ContainsKey(period))
        {
            rollUps.Clear();
        }

        rollUps[period] = (versions, rollUp);
    }
}

/// <summary>A plan and its data version (which moves with any write to the plan, its tree or its entity).</summary>
public readonly record struct PlanVersion(int Id, long DataVersion);

/// <summary>One entity (pliego) in the national roll-up.</summary>
public sealed record EntityProgress(int PlanId, string PlanCode, string PliegoCode, string Institution, string Sector, string Level, PeriodSummary? Summary);

/// <summary>A sector: its entities, how many have a figure, their mean avance and the sum of their indicators per semáforo.</summary>
public sealed record SectorProgress(string Sector, IReadOnlyList<EntityProgress> Entities)
{
    public int WithAvance => Entities.Count(e => e.Summary?.Avance is not null);

    /// <summary>A simple mean of the entities' avance: every entity weighs the same, whatever its number of indicators.</summary>
    public decimal? MeanAvance => WithAvance == 0 ? null : Entities.Where(e => e.Summary?.Avance is not null).Average(e => e.Summary!.Avance!.Value);

    public int Count(ProgressStatus status) => Entities.Sum(e => e.Summary?.Count(status) ?? 0);

    public int Total => Entities.Sum(e => e.Summary?.Total ?? 0);
}

/// <summary>
/// The national roll-up of one period. Its generation is new whenever it is made again, which happens only when a plan's
/// version moved (any write to a plan, its tree or its entity), so a page can cache what it renders from it by generation.
/// </summary>
public sealed record NationalRollUp(IReadOnlyList<SectorProgress> Sectors, long Generation);

public sealed class NationalProgressService(AppDbContext db, PlanSummaryCache cache, PlanSummaryStore store)
{
    /// <summary>Plans whose trees are read together when summaries must be recomputed: bounds memory, not correctness.</summary>
    public const int BatchSize = 25;

    /// <summary>Every plan of every entity in the period, grouped by sector, each plan counting values as its own settings say.</summary>
    public async Task<NationalRollUp> LoadAsync(ReportPeriod period, CancellationToken cancellationToken = default)
    {
        // Every plan's version, two numbers a plan: when none moved since this period was last rolled up, that roll-up is
        // the answer. Names and sectors are covered too, since renaming an entity moves its plans' versions.
        var current = new List<PlanVersion>();
        await foreach (var version in VersionsQuery(db).WithCancellation(cancellationToken))
        {
            current.Add(version);
        }

        return cache.FindRollUp(period, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(current)) ?? await RollUpAsync(period, cancellationToken);
    }

    private static readonly Func<AppDbContext, IAsyncEnumerable<PlanVersion>> VersionsQuery = EF.CompileAsyncQuery((AppDbContext db) =>
        db.Plans.AsNoTracking().OrderBy(p => p.Id).Select(p => new PlanVersion(p.Id, p.DataVersion)));

    private async Task<NationalRollUp> RollUpAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        // Versions are read before any tree, so a stored summary is never newer than the version it is filed under.
        var plans = await db.Plans.AsNoTracking()
            .Select(p => new
            {
                p.Id, p.Code, p.DataVersion, p.Settings.OnlyValidated,
                p.Institution!.PliegoCode, Institution = p.Institution.Name, p.Institution.Sector, Level = p.Institution.GovernmentLevel,
            })
            .ToListAsync(cancellationToken);

        if (plans.Any(p => cache.Find(p.Id, p.DataVersion, !p.OnlyValidated) is null))
        {
            await cache.Refresh.WaitAsync(cancellationToken);
            try
            {
                var stale = plans.Where(p => cache.Find(p.Id, p.DataVersion, !p.OnlyValidated) is null).ToList();

                // A restarted instance (or another one) finds what was computed before at the same versions in PostgreSQL.
                var stored = await store.FindAsync([.. stale.Select(p => (p.Id, p.DataVersion, !p.OnlyValidated))], cancellationToken);
                var staleVersions = stale.ToDictionary(p => p.Id, p => p.DataVersion);
                foreach (var ((planId, includePending), periods) in stored)
                {
                    cache.Store(planId, staleVersions[planId], includePending, periods);
                }

                foreach (var batch in stale.Where(p => !stored.ContainsKey((p.Id, !p.OnlyValidated))).Chunk(BatchSize))
                {
                    var versions = batch.ToDictionary(p => p.Id, p => p.DataVersion);
                    var computed = new List<(int, long, bool, Dictionary<ReportPeriod, PeriodSummary>)>();
                    foreach (var tree in await db.LoadTreesAsync(versions.Keys, withValues: true, cancellationToken))
                    {
                        var includePending = !tree.Settings.OnlyValidated;
                        var periods = Summarize(PlanProgressService.Compute(tree, includePending));
                        cache.Store(tree.Id, versions[tree.Id], includePending, periods);
                        computed.Add((tree.Id, versions[tree.Id], includePending, periods));
                    }

                    await store.SaveAsync(computed, cancellationToken);
                }
            }
            finally
            {
                cache.Refresh.Release();
            }
        }

        var sectors = plans
            .Select(p => new EntityProgress(p.Id, p.Code, p.PliegoCode, p.Institution, p.Sector, p.Level,
                cache.Find(p.Id, p.DataVersion, !p.OnlyValidated)?.GetValueOrDefault(period)))
            .GroupBy(e => e.Sector)
            .Select(g => new SectorProgress(g.Key, g.OrderBy(e => e.PliegoCode, StringComparer.Ordinal).ToList()))
            .OrderBy(s => s.Sector, StringComparer.Create(new System.Globalization.CultureInfo("es-PE"), ignoreCase: true))
            .ToList();
        var rollUp = new NationalRollUp(sectors, cache.NextGeneration());
        cache.StoreRollUp(period, [.. plans.OrderBy(p => p.Id).Select(p => new PlanVersion(p.Id, p.DataVersion))], rollUp);
        return rollUp;
    }

    /// <summary>A plan's avance and counts in each period it can be followed in.</summary>
    public static Dictionary<ReportPeriod, PeriodSummary> Summarize(PlanProgressView view)
    {
        var all = view.AllIndicators.ToList();
        return view.SelectablePeriods().ToDictionary(p => p, p =>
        {
            var plan = view.ForPlan(p);
            return new PeriodSummary(plan.Avance, plan.Status, view.RollUp(all, p).Counts, plan.Included.Count, plan.Total);
        });
    }
}

/// <summary>
/// Computes every plan's summary once after start-up, in the background, so the first person to
/// open the national view does not wait for thousands of plans (PEI_WARM_UP=false turns it off).
/// </summary>
public sealed class NationalWarmUp(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<NationalWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("PEI_WARM_UP", true))
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var sectors = await scope.ServiceProvider.GetRequiredService<NationalProgressService>().LoadAsync(new ReportPeriod(2025, PeriodKind.Anual), stoppingToken);
            logger.LogInformation("Resumen nacional precalculado: {Plans} planes en {Seconds:F1} s",
                sectors.Sectors.Sum(s => s.Entities.Count), System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Not fatal: the first request computes what is missing.
            logger.LogWarning(exception, "No se pudo precalcular el resumen nacional");
        }
    }
}
