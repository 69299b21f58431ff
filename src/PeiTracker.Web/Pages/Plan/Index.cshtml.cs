using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Articulation;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;

namespace PeiTracker.Web.Pages.Plan;

/// <summary>
/// The plan tree: OEI by priority, each with its indicators, then its AEI by priority with theirs. Filtered "por eje
/// de la PGG" (the OEI and AEI linked to that eje; an OEI stays, marked, when only some of its AEI are) and "por
/// objetivo del PESEM" (the OEI the Anexo B-1 links to that OES, with all their AEI), see <see cref="ArticulationMap"/>.
/// </summary>
public class IndexModel(AppDbContext db, IAuthorizationService authorization) : PageModel
{
    /// <summary>"Por eje de la PGG": the eje's number.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Eje { get; set; }

    /// <summary>"Por objetivo del PESEM": the OES code, e.g. "OES.01".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Oes { get; set; }

    public IReadOnlyList<int> Ejes { get; private set; } = [];

    public IReadOnlyList<ArticulationMap.OesOption> SectoralObjectives { get; private set; } = [];

    public bool IsFiltered => Eje is not null || Oes is not null;

    /// <summary>What the filter shows, in words ("el eje 10 de la PGG y el OES.01 del PESEM").</summary>
    public string FilterDescription => string.Join(" y ", new[]
    {
        Eje is { } eje ? $"el eje {eje} de la PGG" : null,
        Oes is { } oes ? $"el {oes} del PESEM" : null,
    }.Where(x => x is not null));

    /// <summary>The tree's URL with this plan and filter, for links that come back to it.</summary>
    public string TreeLink => "/Plan" + QueryString.Create(new Dictionary<string, string?>
    {
        ["plan"] = Plan?.Code,
        ["eje"] = Eje?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["oes"] = Oes,
    }.Where(v => !string.IsNullOrEmpty(v.Value)));

    public PlanHeader? Plan { get; private set; }

    public IReadOnlyList<PlanOption> Plans { get; private set; } = [];

    public IReadOnlyList<ObjectiveNode> Objectives { get; private set; } = [];

    public int IndicatorCount => Objectives.Sum(o => o.Indicators.Count + o.Actions.Sum(a => a.Indicators.Count));

    public int ActionCount => Objectives.Sum(o => o.Actions.Count);

    public record PlanOption(string Code, string Name);

    public record PlanHeader(int Id, string Code, string Name, string Institution, int FirstYear, int LastYear, string? Resolution, string? Mission, PlanStatus Status);

    public record IndicatorNode(int Id, string Key, string PublishedCode, string Name, IReadOnlyList<string> Units, bool HasNotes, int TargetCount, bool HasBaseline);

    public record ActionNode(int Id, string Code, string Statement, int Priority, PggAlignment Pgg, IReadOnlyList<IndicatorNode> Indicators);

    /// <param name="MatchesFilter">The OEI itself is articulated to the filter (false when it is shown only for some of its AEI).</param>
    /// <param name="HiddenActions">How many of its AEI the filter leaves out.</param>

    /// <summary>An OEI with its vinculación con la PGG and the PESEM elements it contributes to (codes, as the Anexo B-1 gives them).</summary>
    public record ObjectiveNode(int Id, string Code, ObjectiveType Type, string Statement, int Priority, PggAlignment Pgg, IReadOnlyList<string> Pesem, IReadOnlyList<IndicatorNode> Indicators, IReadOnlyList<ActionNode> Actions, bool MatchesFilter = true, int HiddenActions = 0);

    public bool CanEdit { get; private set; }

    public async Task OnGetAsync(string? plan)
    {
        Oes = string.IsNullOrWhiteSpace(Oes) ? null : Oes.Trim().ToUpperInvariant();
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

        var map = await ArticulationMap.LoadAsync(db, Plan.Id);
        (Ejes, SectoralObjectives) = (map.Ejes, map.SectoralObjectives);
        var tree = objectives.Select(o => new ObjectiveNode(
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
        Objectives = IsFiltered ? tree.Select(o => Filtered(o, map)).OfType<ObjectiveNode>().ToList() : tree;
    }

    /// <summary>The OEI as the filter shows it, or null when neither it nor any of its AEI is articulated to the filter.</summary>
    private ObjectiveNode? Filtered(ObjectiveNode objective, ArticulationMap map)
    {
        if (Oes is { } oes && !map.ObjectiveInOes(objective.Id, oes))
        {
            return null;
        }

        if (Eje is not { } eje)
        {
            return objective;
        }

        var actions = objective.Actions.Where(a => map.ActionInEje(a.Id, eje)).ToList();
        var matches = map.ObjectiveInEje(objective.Id, eje);
        return matches || actions.Count > 0
            ? objective with { Actions = actions, MatchesFilter = matches, HiddenActions = objective.Actions.Count - actions.Count }
            : null;
    }
}
