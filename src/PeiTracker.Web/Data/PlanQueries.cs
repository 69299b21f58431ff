using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data;

/// <summary>Reads shared by several pages: which plan is meant, and a plan's whole tree.</summary>
public static class PlanQueries
{
    /// <summary>The requested plan's code, or the default plan's (see <see cref="StampAsync"/>) when none is asked for.</summary>
    public static async Task<string?> ResolveCodeAsync(this AppDbContext db, string? requested, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(requested) ? (await db.StampAsync(null, cancellationToken))?.Code : requested;

    /// <summary>
    /// The requested plan, or when none is asked for the first vigente plan by code (the first plan when none is
    /// vigente), with its data version.
    /// </summary>
    public static async Task<Progress.PlanStamp?> StampAsync(this AppDbContext db, string? planCode, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(planCode)
            ? await FirstWithStatusQuery(db, PlanStatus.Vigente, cancellationToken) ?? await FirstQuery(db, cancellationToken)
            : await ByCodeQuery(db, planCode, cancellationToken);

    /// <summary>The plan an indicator belongs to, with its data version; null when the indicator is not there (or not the viewer's institution's).</summary>
    public static Task<Progress.PlanStamp?> StampOfIndicatorAsync(this AppDbContext db, int indicatorId, CancellationToken cancellationToken = default) =>
        ByIndicatorQuery(db, indicatorId, cancellationToken);

    // Compiled once: these run on every dashboard, report and API read, and EF's per-call translation showed in profiles.
    // Each is one index scan (plans.code, plans (status, code)): with 2,000 plans a sort of every plan by "vigente first"
    // cost 2.5 ms of the database per dashboard.
    private static readonly Func<AppDbContext, string, CancellationToken, Task<Progress.PlanStamp?>> ByCodeQuery = EF.CompileAsyncQuery((AppDbContext db, string code, CancellationToken _) =>
        db.Plans.AsNoTracking().Where(p => p.Code == code)
            .Select(p => new Progress.PlanStamp(p.Id, p.Code, p.DataVersion, p.Settings.OnlyValidated))
            .FirstOrDefault());

    private static readonly Func<AppDbContext, int, CancellationToken, Task<Progress.PlanStamp?>> ByIndicatorQuery = EF.CompileAsyncQuery((AppDbContext db, int indicatorId, CancellationToken _) =>
        db.Indicators.AsNoTracking().Where(i => i.Id == indicatorId)
            .Select(i => new Progress.PlanStamp(i.Plan!.Id, i.Plan.Code, i.Plan.DataVersion, i.Plan.Settings.OnlyValidated))
            .FirstOrDefault());

    private static readonly Func<AppDbContext, PlanStatus, CancellationToken, Task<Progress.PlanStamp?>> FirstWithStatusQuery = EF.CompileAsyncQuery((AppDbContext db, PlanStatus status, CancellationToken _) =>
        db.Plans.AsNoTracking().Where(p => p.Status == status).OrderBy(p => p.Code)
            .Select(p => new Progress.PlanStamp(p.Id, p.Code, p.DataVersion, p.Settings.OnlyValidated))
            .FirstOrDefault());

    private static readonly Func<AppDbContext, CancellationToken, Task<Progress.PlanStamp?>> FirstQuery = EF.CompileAsyncQuery((AppDbContext db, CancellationToken _) =>
        db.Plans.AsNoTracking().OrderBy(p => p.Code)
            .Select(p => new Progress.PlanStamp(p.Id, p.Code, p.DataVersion, p.Settings.OnlyValidated))
            .FirstOrDefault());

    /// <summary>
    /// The plan with its objectives, actions, indicators, targets (annual and semester), responsible units and (optionally)
    /// values, read without tracking in a fixed number of queries whatever the plan's size.
    /// </summary>
    public static async Task<Plan?> LoadTreeAsync(this AppDbContext db, string code, bool withValues = false, CancellationToken cancellationToken = default)
    {
        var id = await db.Plans.Where(p => p.Code == code).Select(p => (int?)p.Id).SingleOrDefaultAsync(cancellationToken);
        return id is null ? null : (await db.LoadTreesAsync([id.Value], withValues, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Several plans' trees at once, in the same fixed number of queries (for national roll-ups).</summary>
    public static async Task<List<Plan>> LoadTreesAsync(this AppDbContext db, IReadOnlyCollection<int> planIds, bool withValues = false, CancellationToken cancellationToken = default)
    {
        var plans = await db.Plans.AsNoTracking().Include(p => p.Institution).Where(p => planIds.Contains(p.Id)).OrderBy(p => p.Code).ToListAsync(cancellationToken);
        if (plans.Count == 0)
        {
            return plans;
        }

        var objectives = await db.Objectives.AsNoTracking().Where(o => planIds.Contains(o.PlanId)).OrderBy(o => o.Priority).ThenBy(o => o.Code).ToListAsync(cancellationToken);
        var actions = await db.Actions.AsNoTracking().Where(a => planIds.Contains(a.PlanId)).OrderBy(a => a.Priority).ThenBy(a => a.Code).ToListAsync(cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().Where(i => planIds.Contains(i.PlanId)).OrderBy(i => i.SortOrder).ThenBy(i => i.Key).ToListAsync(cancellationToken);

        // By indicator id, not by a join on the plan: for a batch of plans the join made PostgreSQL scan
        // the whole targets table (1.2 million rows at national scale), the ids use its index.
        var indicatorIds = indicators.Select(i => i.Id).ToList();
        var targets = await db.Targets.AsNoTracking().Where(t => indicatorIds.Contains(t.IndicatorId)).ToListAsync(cancellationToken);
        var semesterTargets = await db.SemesterTargets.AsNoTracking().Where(t => indicatorIds.Contains(t.IndicatorId)).ToListAsync(cancellationToken);
        var units = await db.IndicatorResponsibleUnits.AsNoTracking().Include(u => u.Unit).Where(u => indicatorIds.Contains(u.IndicatorId)).ToListAsync(cancellationToken);
        var values = withValues
            ? await db.Values.AsNoTracking().Where(v => indicatorIds.Contains(v.IndicatorId)).ToListAsync(cancellationToken)
            : [];

        var targetsByIndicator = targets.ToLookup(t => t.IndicatorId);
        var semesterTargetsByIndicator = semesterTargets.ToLookup(t => t.IndicatorId);
        var unitsByIndicator = units.ToLookup(u => u.IndicatorId);
        var valuesByIndicator = values.ToLookup(v => v.IndicatorId);
        var indicatorsByObjective = indicators.Where(i => i.ObjectiveId is not null).ToLookup(i => i.ObjectiveId!.Value);
        var indicatorsByAction = indicators.Where(i => i.ActionId is not null).ToLookup(i => i.ActionId!.Value);
        var actionsByObjective = actions.ToLookup(a => a.ObjectiveId);
        var objectivesByPlan = objectives.ToLookup(o => o.PlanId);
        var indicatorsByPlan = indicators.ToLookup(i => i.PlanId);
        foreach (var plan in plans)
        {
            foreach (var indicator in indicatorsByPlan[plan.Id])
            {
                indicator.Plan = plan;
                indicator.Targets = targetsByIndicator[indicator.Id].OrderBy(t => t.Year).ToList();
                indicator.SemesterTargets = semesterTargetsByIndicator[indicator.Id].OrderBy(t => t.Year).ThenBy(t => t.Period).ToList();
                indicator.ResponsibleUnits = unitsByIndicator[indicator.Id].ToList();
                indicator.Values = valuesByIndicator[indicator.Id].OrderBy(v => v.Year).ThenBy(v => v.Period).ToList();
            }

            foreach (var objective in objectivesByPlan[plan.Id])
            {
                objective.Plan = plan;
                objective.Indicators = indicatorsByObjective[objective.Id].ToList();
                objective.Actions = actionsByObjective[objective.Id].ToList();
                foreach (var action in objective.Actions)
                {
                    action.Objective = objective;
                    action.Indicators = indicatorsByAction[action.Id].ToList();
                    foreach (var indicator in action.Indicators)
                    {
                        indicator.Action = action;
                    }
                }

                foreach (var indicator in objective.Indicators)
                {
                    indicator.Objective = objective;
                }
            }

            plan.Objectives = objectivesByPlan[plan.Id].ToList();
            plan.Indicators = indicatorsByPlan[plan.Id].ToList();
        }

        return plans;
    }
}
