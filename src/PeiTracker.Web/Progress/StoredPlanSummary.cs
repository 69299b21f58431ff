using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql;
using NpgsqlTypes;
using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Progress;

/// <summary>
/// One plan's summary in every period, as the national roll-up computed it, kept in PostgreSQL so that a restarted
/// (or a new) instance answers the national view without recomputing thousands of plan trees (ADR 0023). It is a
/// cache, never a source: a row counts only for the data version and the engine it was computed with.
/// </summary>
public sealed class StoredPlanSummary
{
    public int PlanId { get; set; }

    public bool IncludePending { get; set; }

    /// <summary>The plan's data version read before its tree was: any later write to the plan moves it past this.</summary>
    public long DataVersion { get; set; }

    /// <summary>Which build of the progress rules computed it (<see cref="PlanSummaryStore.Engine"/>).</summary>
    public required string Engine { get; set; }

    /// <summary>The summaries per period, as JSON.</summary>
    public required string Periods { get; set; }

    public DateTimeOffset ComputedAt { get; set; }
}

public sealed class StoredPlanSummaryConfiguration : IEntityTypeConfiguration<StoredPlanSummary>
{
    public const string Table = "plan_summaries";

    public void Configure(EntityTypeBuilder<StoredPlanSummary> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(s => new { s.PlanId, s.IncludePending });
        builder.Property(s => s.Engine).HasMaxLength(64);
        builder.Property(s => s.Periods).HasColumnType("jsonb");
        // A deleted plan takes its cached summary with it.
        builder.HasOne<Plan>().WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Reads and writes <see cref="StoredPlanSummary"/> rows: the second level of <see cref="PlanSummaryCache"/>.</summary>
public sealed class PlanSummaryStore(AppDbContext db, TimeProvider clock)
{
    /// <summary>
    /// The build of the code that turns a plan into its summaries: the module version ids of the domain (the progress
    /// rules) and of the web project (the roll-up), which deterministic builds change only when their code changes.
    /// A summary stored by another build is recomputed, so a deployment that changes a rule never serves old figures.
    /// </summary>
    public static readonly string Engine = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
        typeof(ProgressCalculator).Assembly.ManifestModule.ModuleVersionId + "|" + typeof(PlanSummaryStore).Assembly.ManifestModule.ModuleVersionId)))[..32];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The stored summaries of these plans that were computed at exactly these versions by this build.</summary>
    public async Task<Dictionary<(int PlanId, bool IncludePending), Dictionary<ReportPeriod, PeriodSummary>>> FindAsync(
        IReadOnlyCollection<(int PlanId, long DataVersion, bool IncludePending)> wanted, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<(int, bool), Dictionary<ReportPeriod, PeriodSummary>>();
        if (wanted.Count == 0)
        {
            return found;
        }

        var ids = wanted.Select(w => w.PlanId).Distinct().ToList();
        var versions = wanted.ToDictionary(w => (w.PlanId, w.IncludePending), w => w.DataVersion);
        var rows = await db.StoredPlanSummaries.AsNoTracking()
            .Where(s => ids.Contains(s.PlanId) && s.Engine == Engine)
            .Select(s => new { s.PlanId, s.IncludePending, s.DataVersion, s.Periods })
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            if (versions.TryGetValue((row.PlanId, row.IncludePending), out var version) && version == row.DataVersion)
            {
                found[(row.PlanId, row.IncludePending)] = Read(row.Periods);
            }
        }

        return found;
    }

    /// <summary>Stores freshly computed summaries in one statement; a row computed at a newer version is never replaced by an older one.</summary>
    public async Task SaveAsync(IReadOnlyCollection<(int PlanId, long DataVersion, bool IncludePending, Dictionary<ReportPeriod, PeriodSummary> Periods)> computed, CancellationToken cancellationToken = default)
    {
        if (computed.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlRawAsync($"""
            INSERT INTO {StoredPlanSummaryConfiguration.Table} (plan_id, include_pending, data_version, engine, periods, computed_at)
            SELECT s.plan_id, s.include_pending, s.data_version, @engine, s.periods::jsonb, @now
            FROM unnest(@plans, @pending, @versions, @periods) AS s(plan_id, include_pending, data_version, periods)
            WHERE EXISTS (SELECT 1 FROM plans p WHERE p.id = s.plan_id)
            ON CONFLICT (plan_id, include_pending) DO UPDATE
              SET data_version = excluded.data_version, engine = excluded.engine, periods = excluded.periods, computed_at = excluded.computed_at
              WHERE {StoredPlanSummaryConfiguration.Table}.data_version <= excluded.data_version
            """,
            [
                new NpgsqlParameter("engine", Engine),
                new NpgsqlParameter("now", now),
                new NpgsqlParameter("plans", computed.Select(c => c.PlanId).ToArray()),
                new NpgsqlParameter("pending", computed.Select(c => c.IncludePending).ToArray()),
                new NpgsqlParameter("versions", computed.Select(c => c.DataVersion).ToArray()),
                new NpgsqlParameter("periods", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = computed.Select(c => Write(c.Periods)).ToArray() },
            ],
            cancellationToken);
    }

    private sealed record PeriodRow(int Year, PeriodKind Kind, decimal? Avance, ProgressStatus Status, Dictionary<ProgressStatus, int> Counts, int AvanceIndicators, int ObjectiveIndicators);

    public static string Write(Dictionary<ReportPeriod, PeriodSummary> periods) =>
        JsonSerializer.Serialize(periods.Select(p => new PeriodRow(p.Key.Year, p.Key.Kind, p.Value.Avance, p.Value.Status,
            p.Value.Counts.ToDictionary(), p.Value.AvanceIndicators, p.Value.ObjectiveIndicators)), Json);

    public static Dictionary<ReportPeriod, PeriodSummary> Read(string json) =>
        (JsonSerializer.Deserialize<List<PeriodRow>>(json, Json) ?? []).ToDictionary(
            r => new ReportPeriod(r.Year, r.Kind),
            r => new PeriodSummary(r.Avance, r.Status, r.Counts, r.AvanceIndicators, r.ObjectiveIndicators));
}
