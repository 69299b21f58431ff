using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain.Articulation;

namespace PeiTracker.Web.Data;

/// <summary>What one OEI or AEI contributes to, in a line: its vinculación con la PGG, its PESEM elements, its policy servicios.</summary>
public sealed record Contribution(PggAlignment Pgg, IReadOnlyList<string> Pesem, IReadOnlyList<string> Policies)
{
    /// <summary>"PGG Eje 10 Lin. 10.5; AES.01.01 del PESEM 2024-2030; Política Nacional Marítima 2019 – 2030 (servicio 1.1)".</summary>
    public string Describe(string? pesemPeriod) =>
        string.Join("; ", new[] { "PGG " + Pgg.Describe() }
            .Concat(Pesem.Count == 0 ? [] : [string.Join(", ", Pesem) + " del PESEM" + (pesemPeriod is null ? "" : " " + pesemPeriod)])
            .Concat(Policies));
}

public static class ArticulationQueries
{
    /// <summary>The contribution of the OEI (<paramref name="isAction"/> false) or AEI with this id; null when it does not exist.</summary>
    public static async Task<(Contribution Contribution, string? PesemPeriod)?> ContributionAsync(this AppDbContext db, bool isAction, int id, CancellationToken cancellationToken = default)
    {
        var owner = isAction
            ? await db.Actions.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.PlanId, a.PggStatus, a.PggEje, a.PggLineamiento }).SingleOrDefaultAsync(cancellationToken)
            : await db.Objectives.AsNoTracking().Where(o => o.Id == id).Select(o => new { o.PlanId, o.PggStatus, o.PggEje, o.PggLineamiento }).SingleOrDefaultAsync(cancellationToken);
        if (owner is null)
        {
            return null;
        }

        var pesem = isAction
            ? []
            : await db.SectoralLinks.AsNoTracking().Where(l => l.ObjectiveId == id).OrderBy(l => l.Id)
                .Select(l => l.CoversAllActions ? "todas las AES" : l.SectoralAction!.Code ?? l.SectoralObjective!.Code).ToListAsync(cancellationToken);
        var policies = isAction
            ? await db.PolicyLinks.AsNoTracking().Where(l => l.ActionId == id && l.PolicyServiceId != null).OrderBy(l => l.SortOrder)
                .Select(l => l.PolicyService!.PolicyGuideline!.PolicyObjective!.NationalPolicy!.Name + " (servicio " + (l.PolicyService.Code ?? "sin código") + ")")
                .Distinct().ToListAsync(cancellationToken)
            : [];
        var period = await db.SectoralPlans.AsNoTracking().Where(s => s.PlanId == owner.PlanId)
            .Select(s => s.FirstYear + "-" + s.LastYear).FirstOrDefaultAsync(cancellationToken);
        return (new Contribution(new PggAlignment(owner.PggStatus, owner.PggEje, owner.PggLineamiento), pesem, policies), period);
    }
}
