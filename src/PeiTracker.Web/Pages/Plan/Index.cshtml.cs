using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Articulation;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;

namespace PeiTracker.Web.Pages.Plan;

/// <summary>The plan tree: OEI by priority, each with its indicators, then its AEI by priority with theirs.</summary>
public class IndexModel(AppDbContext db, IAuthorizationService authorization) : PageModel
{
    public PlanHeader? Plan { get; private set; }

    public IReadOnlyList<PlanOption> Plans { get; private set; } = [];

    public IReadOnlyList<ObjectiveNode> Objectives { get; private set; } = [];

    public int IndicatorCount => Objectives.Sum(o => o.Indicators.Count + o.Actions.Sum(a => a.Indicators.Count));

    public int ActionCount => Objectives.Sum(o => o.Actions.Count);

    public record PlanOption(string Code, string Name);

    public record PlanHeader(int Id, string Code, string Name, string Institution, int FirstYear, int LastYear, string? Resolution, string? Mission, PlanStatus Status);

    public record IndicatorNode(int Id, string Key, string PublishedCode, string Name, IReadOnlyList<string> Units, bool HasNotes, int TargetCount, bool HasBaseline);

    public record ActionNode(int Id, string Code, string Statement, int Priority, PggAlignment Pgg, IReadOnlyList<IndicatorNode> Indicators);

    /// <summary>An OEI with its vinculación con la PGG and the PESEM elements it contributes to (codes, as the Anexo B-1 gives them).</summary>
    public record ObjectiveNode(int Id, string Code, ObjectiveType Type, string Statement, int Priority, PggAlignment Pgg, IReadOnlyList<string> Pesem, IReadOnlyList<IndicatorNode> Indicators, IReadOnlyList<ActionNode> Actions);

    public bool CanEdit { get; private set; }

    public async Task OnGetAsync(string? plan)
    {
        CanEdit = (await authorization.AuthorizeAsync(User, Policies.EditPlan)).Succeeded;
        Plans = await db.Plans.AsNoTracking()
            .OrderBy(p => p.Status == PlanStatus.Vigente ? 0 : 1).ThenBy(p => p.Code)
            .Select(p => new PlanOption(p.Code, p.Name))
            .ToListAsync();
        var code = plan ?? Plans.FirstOrDefault()?.Code;
        Plan = await db.Plans.AsNoTracking()
            .Where(p => p.Code == code)
            .Select(p => new PlanHeader(p.Id, p.Code, p.Name, p.Institution!.PliegoCode + " " + p.Institution.Name, p.FirstYear, p.LastYear, p.ApprovingResolution, p.Mission, p.Status))
            .SingleOrDefaultAsync();
        if (Plan is null)
        {
            return;
        }

        var indicators = await db.Indicators.AsNoTracking()
            .Where(i => i.PlanId == Plan.Id)
            .OrderBy(i => i.SortOrder)
            .Select(i => new
            {
                i.ObjectiveId,
                i.ActionId,
                Node = new IndicatorNode(
                    i.Id,
                    i.Key,
                    i.PublishedCode,
                    i.Name,
                    i.ResponsibleUnits.OrderBy(u => u.Unit!.Acronym).Select(u => u.Unit!.Acronym).ToList(),
                    i.Notes != null,
                    i.Targets.Count,
                    i.BaselineValue != null),
            })
            .ToListAsync();
        var actions = await db.Actions.AsNoTracking()
            .Where(a => a.PlanId == Plan.Id)
            .OrderBy(a => a.Priority).ThenBy(a => a.Code)
            .Select(a => new { a.Id, a.ObjectiveId, a.Code, a.Statement, a.Priority, a.PggStatus, a.PggEje, a.PggLineamiento })
            .ToListAsync();
        var objectives = await db.Objectives.AsNoTracking()
            .Where(o => o.PlanId == Plan.Id)
            .OrderBy(o => o.Priority).ThenBy(o => o.Code)
            .Select(o => new { o.Id, o.Code, o.Type, o.Statement, o.Priority, o.PggStatus, o.PggEje, o.PggLineamiento })
            .ToListAsync();
        var pesemLinks = (await db.SectoralLinks.AsNoTracking()
            .Where(l => l.PlanId == Plan.Id)
            .OrderBy(l => l.Id)
            .Select(l => new { l.ObjectiveId, l.CoversAllActions, Action = l.SectoralAction!.Code, Objective = l.SectoralObjective!.Code })
            .ToListAsync())
            .ToLookup(l => l.ObjectiveId, l => l.CoversAllActions ? "todas las AES" : l.Action ?? l.Objective);

        Objectives = objectives.Select(o => new ObjectiveNode(
                o.Id,
                o.Code,
                o.Type,
                o.Statement,
                o.Priority,
                new PggAlignment(o.PggStatus, o.PggEje, o.PggLineamiento),
                pesemLinks[o.Id].ToList(),
                indicators.Where(i => i.ObjectiveId == o.Id).Select(i => i.Node).ToList(),
                actions.Where(a => a.ObjectiveId == o.Id)
                    .Select(a => new ActionNode(a.Id, a.Code, a.Statement, a.Priority, new PggAlignment(a.PggStatus, a.PggEje, a.PggLineamiento), indicators.Where(i => i.ActionId == a.Id).Select(i => i.Node).ToList()))
                    .ToList()))
            .ToList();
    }
}
