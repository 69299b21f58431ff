using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PeiTracker.Domain.Articulation;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Pages.Plan;

/// <summary>
/// Which OEI and AEI of a plan are articulated to each eje of the Política General de Gobierno and to each objective
/// (OES) of the PESEM: what the plan tree filters by and what the dashboard rolls up. One rule for both pages: an OEI
/// or AEI belongs to an eje by its own vinculación (Ruta estratégica); an OEI belongs to an OES when a row of the
/// Anexo B-1 links it to that OES, to one of its AES, or to every AES of the PESEM (the MRE's OEI.11, per the
/// document's note). The Anexo B-1 links OEI only, so an AEI follows its OEI for the PESEM.
/// </summary>
public sealed class ArticulationMap
{
    private readonly IReadOnlyDictionary<int, PggAlignment> objectivePgg;
    private readonly IReadOnlyDictionary<int, PggAlignment> actionPgg;
    private readonly ILookup<int, string> objectiveOes;

    private ArticulationMap(
        IReadOnlyDictionary<int, PggAlignment> objectivePgg,
        IReadOnlyDictionary<int, PggAlignment> actionPgg,
        ILookup<int, string> objectiveOes,
        IReadOnlyList<OesOption> sectoralObjectives)
    {
        this.objectivePgg = objectivePgg;
        this.actionPgg = actionPgg;
        this.objectiveOes = objectiveOes;
        SectoralObjectives = sectoralObjectives;
        Ejes = objectivePgg.Values.Concat(actionPgg.Values)
            .Where(p => p.Status == PggStatus.Vinculado).Select(p => p.Eje!.Value).Distinct().Order().ToList();
    }

    /// <summary>An OES of the plan's PESEM, for a filter's options and the roll-up's rows.</summary>
    public sealed record OesOption(string Code, string Statement);

    /// <summary>The PGG ejes some OEI or AEI of the plan is linked to, in number order.</summary>
    public IReadOnlyList<int> Ejes { get; }

    /// <summary>The OES of the plan's PESEM, in code order (none when the plan has no PESEM).</summary>
    public IReadOnlyList<OesOption> SectoralObjectives { get; }

    public bool ObjectiveInEje(int objectiveId, int eje) => InEje(objectivePgg, objectiveId, eje);

    public bool ActionInEje(int actionId, int eje) => InEje(actionPgg, actionId, eje);

    public bool ObjectiveInOes(int objectiveId, string oesCode) => objectiveOes[objectiveId].Contains(oesCode, StringComparer.Ordinal);

    public bool HasOes(string oesCode) => SectoralObjectives.Any(o => o.Code == oesCode);

    private static bool InEje(IReadOnlyDictionary<int, PggAlignment> pgg, int id, int eje) =>
        pgg.TryGetValue(id, out var alignment) && alignment.Status == PggStatus.Vinculado && alignment.Eje == eje;

    public static async Task<ArticulationMap> LoadAsync(AppDbContext db, int planId, CancellationToken cancellationToken = default)
    {
        var objectives = await db.Objectives.AsNoTracking().Where(o => o.PlanId == planId)
            .Select(o => new { o.Id, o.PggStatus, o.PggEje, o.PggLineamiento }).ToListAsync(cancellationToken);
        var actions = await db.Actions.AsNoTracking().Where(a => a.PlanId == planId)
            .Select(a => new { a.Id, a.PggStatus, a.PggEje, a.PggLineamiento }).ToListAsync(cancellationToken);
        var oes = await db.SectoralObjectives.AsNoTracking().Where(o => o.SectoralPlan!.PlanId == planId)
            .OrderBy(o => o.Code).Select(o => new OesOption(o.Code, o.Statement)).ToListAsync(cancellationToken);
        var links = await db.SectoralLinks.AsNoTracking().Where(l => l.PlanId == planId)
            .Select(l => new { l.ObjectiveId, l.CoversAllActions, Oes = l.SectoralObjective!.Code, ActionOes = l.SectoralAction!.SectoralObjective!.Code })
            .ToListAsync(cancellationToken);

        var objectiveOes = links
            .SelectMany(l => l.CoversAllActions ? oes.Select(o => (l.ObjectiveId, o.Code)) : [(l.ObjectiveId, Code: l.ActionOes ?? l.Oes)])
            .Where(x => x.Code is not null)
            .Distinct()
            .ToLookup(x => x.ObjectiveId, x => x.Code!);
        return new ArticulationMap(
            objectives.ToDictionary(o => o.Id, o => new PggAlignment(o.PggStatus, o.PggEje, o.PggLineamiento)),
            actions.ToDictionary(a => a.Id, a => new PggAlignment(a.PggStatus, a.PggEje, a.PggLineamiento)),
            objectiveOes,
            oes);
    }
}

/// <summary>
/// The plan's <see cref="ArticulationMap"/>, read once per plan data version: every row it is made of (the OEI's and
/// AEI's vinculación, the PESEM's objectives and actions, the Anexo B-1's links) moves the version (ADR 0007), so the
/// dashboard no longer reads four tables at every request to draw its roll-ups per PESEM objective and PGG eje.
/// </summary>
public sealed class ArticulationMapCache(int capacity)
{
    private readonly MemoryCache maps = new(new MemoryCacheOptions { SizeLimit = capacity });

    private sealed record Kept(long DataVersion, ArticulationMap Map);

    /// <summary>The map at <paramref name="dataVersion"/>, read (before being kept under it) when not kept.</summary>
    public async Task<ArticulationMap> GetAsync(AppDbContext db, int planId, long dataVersion, CancellationToken cancellationToken = default)
    {
        if (maps.TryGetValue(planId, out Kept? kept) && kept!.DataVersion == dataVersion)
        {
            return kept.Map;
        }

        // The version was read before these rows, so a map is never older than the version it is kept under.
        var map = await ArticulationMap.LoadAsync(db, planId, cancellationToken);
        maps.Set(planId, new Kept(dataVersion, map), new MemoryCacheEntryOptions { Size = 1 });
        return map;
    }
}
