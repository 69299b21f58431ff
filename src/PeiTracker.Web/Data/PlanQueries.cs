using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data;

/// <summary>Reads shared by several pages: which plan is meant, and a plan's whole tree.</summary>
public static class PlanQueries
{
    /// <summary>The requested plan's code, or the first vigente plan's when none is asked for.</summary>
    public static async Task<string?> ResolveCodeAsync(this AppDbContext db, string? requested, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(requested))
        {
            return requested;
        }

        return await db.Plans.AsNoTracking()
            .OrderBy(p => p.Status == PlanStatus.Vigente ? 0 : 1).ThenBy(p => p.Code)
            .Select(p => p.Code)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The plan with its objectives, actions, indicators, targets, responsible units and (optionally)
    /// values, read without tracking in a fixed number of queries whatever the plan's size.
    /// </summary>
    public static async Task<Plan?> LoadTreeAsync(this AppDbContext db, string code, bool withValues = false, CancellationToken cancellationToken = default)
    {
        var plan = await db.Plans.AsNoTracking().Include(p => p.Institution).SingleOrDefaultAsync(p => p.Code == code, cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var objectives = await db.Objectives.AsNoTracking().Where(o => o.PlanId == plan.Id).OrderBy(o => o.Priority).ThenBy(o => o.Code).ToListAsync(cancellationToken);
        var actions = await db.Actions.AsNoTracking().Where(a => a.PlanId == plan.Id).OrderBy(a => a.Priority).ThenBy(a => a.Code).ToListAsync(cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.PlanId == plan.Id).OrderBy(i => i.SortOrder).ThenBy(i => i.Key).ToListAsync(cancellationToken);
        var targets = await db.Targets.AsNoTracking().Where(t => t.Indicator!.PlanId == plan.Id).ToListAsync(cancellationToken);
        var units = await db.IndicatorResponsibleUnits.AsNoTracking().Include(u => u.Unit).Where(u => u.Indicator!.PlanId == plan.Id).ToListAsync(cancellationToken);
        var values = withValues
            ? await db.Values.AsNoTracking().Where(v => v.Indicator!.PlanId == plan.Id).ToListAsync(cancellationToken)
            : [];

        var targetsByIndicator = targets.ToLookup(t => t.IndicatorId);
        var unitsByIndicator = units.ToLookup(u => u.IndicatorId);
        var valuesByIndicator = values.ToLookup(v => v.IndicatorId);
        foreach (var indicator in indicators)
        {
            indicator.Plan = plan;
            indicator.Targets = targetsByIndicator[indicator.Id].OrderBy(t => t.Year).ToList();
            indicator.ResponsibleUnits = unitsByIndicator[indicator.Id].ToList();
            indicator.Values = valuesByIndicator[indicator.Id].OrderBy(v => v.Year).ThenBy(v => v.Period).ToList();
        }

        var indicatorsByObjective = indicators.Where(i => i.ObjectiveId is not null).ToLookup(i => i.ObjectiveId!.Value);
        var indicatorsByAction = indicators.Where(i => i.ActionId is not null).ToLookup(i => i.ActionId!.Value);
        var actionsByObjective = actions.ToLookup(a => a.ObjectiveId);
        foreach (var action in actions)
        {
            action.Indicators = indicatorsByAction[action.Id].ToList();
            foreach (var indicator in action.Indicators)
            {
                indicator.Action = action;
            }
        }

        foreach (var objective in objectives)
        {
            objective.Plan = plan;
            objective.Indicators = indicatorsByObjective[objective.Id].ToList();
            objective.Actions = actionsByObjective[objective.Id].ToList();
            foreach (var action in objective.Actions)
            {
                action.Objective = objective;
            }

            foreach (var indicator in objective.Indicators)
            {
                indicator.Objective = objective;
            }
        }

        plan.Objectives = objectives;
        plan.Indicators = indicators;
        return plan;
    }
}
