using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain.Articulation;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;

namespace PeiTracker.Web.Pages.Plan;

/// <summary>
/// "Articulación" of a plan: per OEI its vinculación con la PGG and the PESEM elements it contributes to (Anexo B-1),
/// per AEI its vinculación con la PGG and the national policy servicios it contributes to (Anexo B-2), with every
/// transcription note; then the PESEM and the policies as the plan transcribes them.
/// </summary>
public class ArticulacionModel(AppDbContext db, IAuthorizationService authorization) : PageModel
{
    public string PlanCode { get; private set; } = "";

    public string PlanName { get; private set; } = "";

    public bool CanEdit { get; private set; }

    public IReadOnlyList<ObjectiveView> Objectives { get; private set; } = [];

    public SectoralPlanView? Pesem { get; private set; }

    public IReadOnlyList<PolicyView> NationalPolicies { get; private set; } = [];

    public record SectoralLinkView(int Id, string TargetCode, string? TargetStatement, string? ObjectiveCode, IReadOnlyList<string> Indicators, string? CausalExplanation, string? Notes);

    public record PolicyLinkView(string? Policy, string? ObjectiveCode, string? GuidelineCode, string? ServiceCode, string? Service, IReadOnlyList<string> ServiceIndicators, int? IndicatorId, string? IndicatorCode, string? IndicatorName, string? Notes);

    public record ActionView(int Id, string Code, string Statement, PggAlignment Pgg, string? ResponsibleUnit, string? Notes, IReadOnlyList<PolicyLinkView> Policies);

    public record ObjectiveView(int Id, string Code, string Statement, int Priority, PggAlignment Pgg, string? Notes, IReadOnlyList<SectoralLinkView> Pesem, IReadOnlyList<ActionView> Actions);

    public record SectoralActionView(string Code, string Statement, IReadOnlyList<string> Indicators, string? Notes, IReadOnlyList<string> LinkedObjectives);

    public record SectoralObjectiveView(string Code, string Statement, IReadOnlyList<string> Indicators, string? Notes, IReadOnlyList<SectoralActionView> Actions);

    public record SectoralPlanView(string Code, string Name, string? Resolution, int FirstYear, int LastYear, string? Notes, IReadOnlyList<string> CoveringAllActions, IReadOnlyList<SectoralObjectiveView> Objectives);

    public record ServiceView(string? Code, string Statement, IReadOnlyList<string> Indicators, string? Notes, IReadOnlyList<string> LinkedActions);

    public record GuidelineView(string? Code, string Statement, string? Notes, IReadOnlyList<ServiceView> Services);

    public record PolicyObjectiveView(string? Code, string? Statement, string? Notes, IReadOnlyList<GuidelineView> Guidelines);

    public record PolicyView(string Name, string? Notes, IReadOnlyList<PolicyObjectiveView> Objectives);

    public async Task<IActionResult> OnGetAsync(string? plan)
    {
        var code = await db.ResolveCodeAsync(plan);
        var header = await db.Plans.AsNoTracking().Where(p => p.Code == code).Select(p => new { p.Id, p.Code, p.Name }).SingleOrDefaultAsync();
        if (header is null)
        {
            return NotFound();
        }

        (PlanCode, PlanName) = (header.Code, header.Name);
        CanEdit = (await authorization.AuthorizeAsync(User, Policies.EditPlan)).Succeeded;

        var pesem = await db.SectoralPlans.AsNoTracking().Where(s => s.PlanId == header.Id)
            .Include(s => s.Objectives.OrderBy(o => o.Code)).ThenInclude(o => o.Actions.OrderBy(a => a.Code))
            .AsSplitQuery().SingleOrDefaultAsync();
        var sectoralLinks = await db.SectoralLinks.AsNoTracking().Where(l => l.PlanId == header.Id)
            .Include(l => l.Objective).Include(l => l.SectoralObjective).Include(l => l.SectoralAction).ThenInclude(a => a!.SectoralObjective)
            .OrderBy(l => l.Id).ToListAsync();
        var policies = await db.NationalPolicies.AsNoTracking().Where(p => p.PlanId == header.Id).OrderBy(p => p.SortOrder)
            .Include(p => p.Objectives.OrderBy(o => o.Id)).ThenInclude(o => o.Guidelines.OrderBy(g => g.Id)).ThenInclude(g => g.Services.OrderBy(s => s.Id))
            .AsSplitQuery().ToListAsync();
        var policyLinks = await db.PolicyLinks.AsNoTracking().Where(l => l.PlanId == header.Id).Include(l => l.Action).Include(l => l.Indicator)
            .OrderBy(l => l.SortOrder).ToListAsync();
        var objectives = await db.Objectives.AsNoTracking().Where(o => o.PlanId == header.Id).OrderBy(o => o.Priority).ThenBy(o => o.Code).ToListAsync();
        var actions = await db.Actions.AsNoTracking().Where(a => a.PlanId == header.Id).OrderBy(a => a.Priority).ThenBy(a => a.Code).ToListAsync();

        // Each servicio knows its place in the policy; the links name only the servicio.
        var serviceContext = policies
            .SelectMany(p => p.Objectives.SelectMany(o => o.Guidelines.SelectMany(g => g.Services.Select(s => new ServicePlace(s, p, o, g)))))
            .ToDictionary(x => x.Service.Id);

        Objectives = objectives.Select(o => new ObjectiveView(
                o.Id, o.Code, o.Statement, o.Priority, o.Pgg, o.ArticulationNotes,
                sectoralLinks.Where(l => l.ObjectiveId == o.Id).Select(ToView).ToList(),
                actions.Where(a => a.ObjectiveId == o.Id).Select(a => new ActionView(
                    a.Id, a.Code, a.Statement, a.Pgg, a.ResponsibleUnitAsPrinted, a.ArticulationNotes,
                    policyLinks.Where(l => l.ActionId == a.Id).Select(l => ToView(l, serviceContext)).ToList())).ToList()))
            .ToList();

        if (pesem is not null)
        {
            Pesem = new SectoralPlanView(
                pesem.Code, pesem.Name, pesem.Resolution, pesem.FirstYear, pesem.LastYear, pesem.Notes,
                sectoralLinks.Where(l => l.CoversAllActions).Select(l => l.Objective!.Code).ToList(),
                pesem.Objectives.Select(oes => new SectoralObjectiveView(
                    oes.Code, oes.Statement, oes.Indicators, oes.Notes,
                    oes.Actions.Select(aes => new SectoralActionView(
                        aes.Code, aes.Statement, aes.Indicators, aes.Notes,
                        sectoralLinks.Where(l => l.SectoralActionId == aes.Id).Select(l => l.Objective!.Code).ToList())).ToList())).ToList());
        }

        NationalPolicies = policies.Select(p => new PolicyView(p.Name, p.Notes, p.Objectives.Select(o => new PolicyObjectiveView(
                o.Code, o.Statement, o.Notes, o.Guidelines.Select(g => new GuidelineView(
                    g.Code, g.Statement, g.Notes, g.Services.Select(s => new ServiceView(
                        s.Code, s.Statement, s.Indicators, s.Notes,
                        policyLinks.Where(l => l.PolicyServiceId == s.Id).Select(l => l.Action!.Code).Distinct().ToList())).ToList())).ToList())).ToList()))
            .ToList();
        return Page();
    }

    private static SectoralLinkView ToView(SectoralLink link) => new(
        link.Id,
        link.TargetCode,
        link.SectoralAction?.Statement ?? link.SectoralObjective?.Statement,
        link.SectoralAction?.SectoralObjective?.Code,
        link.SectoralAction?.Indicators ?? link.SectoralObjective?.Indicators ?? [],
        link.CausalExplanation,
        link.Notes);

    private sealed record ServicePlace(PolicyService Service, NationalPolicy Policy, PolicyObjective Objective, PolicyGuideline Guideline);

    private static PolicyLinkView ToView(PolicyLink link, IReadOnlyDictionary<int, ServicePlace> services)
    {
        var context = link.PolicyServiceId is { } id ? services[id] : null;
        return new PolicyLinkView(
            context?.Policy.Name,
            context?.Objective.Code,
            context?.Guideline.Code,
            context?.Service.Code,
            context?.Service.Statement,
            context?.Service.Indicators ?? [],
            link.IndicatorId,
            link.Indicator?.PublishedCode,
            link.Indicator?.Name,
            link.Notes);
    }

    public static IEnumerable<string> NoteLines(string? notes) => (notes ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
