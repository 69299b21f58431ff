using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Articulation;

namespace PeiTracker.Web.Data;

/// <summary>
/// Every read of an institution's data goes through these filters (ADR 0013): a request restricted to some
/// institutions (<see cref="Infrastructure.InstitutionScope"/>) cannot load another's plan, indicator, value,
/// evidence, unit, report text or audit row by id, by code or by a join, whatever the page forgot.
/// A context nobody restricted (start-up work, background warm-up, test set-up) sees every institution.
/// </summary>
public partial class AppDbContext
{
    // Null: every institution. Read by the filters at each query (EF makes it a parameter), so it must be a field of this instance.
    private int[]? visibleInstitutionIds;

    /// <summary>The institutions this context reads, or null when it reads them all.</summary>
    public IReadOnlyCollection<int>? VisibleInstitutionIds => visibleInstitutionIds;

    /// <summary>The institution of the person acting, recorded on audit rows that belong to no plan (accounts, tokens).</summary>
    public int? ActingInstitutionId { get; private set; }

    public void RestrictToInstitutions(IEnumerable<int> institutionIds, int? actingInstitutionId)
    {
        visibleInstitutionIds = institutionIds.Distinct().Order().ToArray();
        ActingInstitutionId = actingInstitutionId;
    }

    public void SeeEveryInstitution(int? actingInstitutionId)
    {
        visibleInstitutionIds = null;
        ActingInstitutionId = actingInstitutionId;
    }

    private void FilterByInstitution(ModelBuilder builder)
    {
        builder.Entity<Institution>().HasQueryFilter(i => visibleInstitutionIds == null || visibleInstitutionIds.Contains(i.Id));
        builder.Entity<OrganizationalUnit>().HasQueryFilter(u => visibleInstitutionIds == null || visibleInstitutionIds.Contains(u.InstitutionId));
        builder.Entity<ObservationReason>().HasQueryFilter(r => visibleInstitutionIds == null || visibleInstitutionIds.Contains(r.InstitutionId));
        builder.Entity<Plan>().HasQueryFilter(p => visibleInstitutionIds == null || visibleInstitutionIds.Contains(p.InstitutionId));
        builder.Entity<StrategicObjective>().HasQueryFilter(o => visibleInstitutionIds == null || visibleInstitutionIds.Contains(o.Plan!.InstitutionId));
        builder.Entity<StrategicAction>().HasQueryFilter(a => visibleInstitutionIds == null || visibleInstitutionIds.Contains(a.Plan!.InstitutionId));
        builder.Entity<Indicator>().HasQueryFilter(i => visibleInstitutionIds == null || visibleInstitutionIds.Contains(i.Plan!.InstitutionId));
        builder.Entity<IndicatorResponsibleUnit>().HasQueryFilter(r => visibleInstitutionIds == null || visibleInstitutionIds.Contains(r.Unit!.InstitutionId));
        builder.Entity<AnnualTarget>().HasQueryFilter(t => visibleInstitutionIds == null || visibleInstitutionIds.Contains(t.Indicator!.Plan!.InstitutionId));
        builder.Entity<SemesterTarget>().HasQueryFilter(t => visibleInstitutionIds == null || visibleInstitutionIds.Contains(t.Indicator!.Plan!.InstitutionId));
        builder.Entity<IndicatorValue>().HasQueryFilter(v => visibleInstitutionIds == null || visibleInstitutionIds.Contains(v.Indicator!.Plan!.InstitutionId));
        builder.Entity<Evidence>().HasQueryFilter(e => visibleInstitutionIds == null || visibleInstitutionIds.Contains(e.Value!.Indicator!.Plan!.InstitutionId));
        builder.Entity<ValueThread>().HasQueryFilter(t => visibleInstitutionIds == null || visibleInstitutionIds.Contains(t.Value!.Indicator!.Plan!.InstitutionId));
        builder.Entity<ThreadMessage>().HasQueryFilter(m => visibleInstitutionIds == null || visibleInstitutionIds.Contains(m.Thread!.Value!.Indicator!.Plan!.InstitutionId));
        builder.Entity<Domain.Formulas.IndicatorVariable>().HasQueryFilter(v => visibleInstitutionIds == null || visibleInstitutionIds.Contains(v.Indicator!.Plan!.InstitutionId));
        builder.Entity<Domain.Formulas.ValueVariable>().HasQueryFilter(v => visibleInstitutionIds == null || visibleInstitutionIds.Contains(v.Value!.Indicator!.Plan!.InstitutionId));
        builder.Entity<UserUnit>().HasQueryFilter(u => visibleInstitutionIds == null || visibleInstitutionIds.Contains(u.Unit!.InstitutionId));
        builder.Entity<Domain.Points.ReportingPoint>().HasQueryFilter(p => visibleInstitutionIds == null || visibleInstitutionIds.Contains(p.InstitutionId));
        builder.Entity<UserReportingPoint>().HasQueryFilter(u => visibleInstitutionIds == null || visibleInstitutionIds.Contains(u.Point!.InstitutionId));
        builder.Entity<Domain.Points.PointSubmission>().HasQueryFilter(s => visibleInstitutionIds == null || visibleInstitutionIds.Contains(s.Indicator!.Plan!.InstitutionId));
        builder.Entity<Domain.Points.PointSubmissionFigure>().HasQueryFilter(f => visibleInstitutionIds == null || visibleInstitutionIds.Contains(f.Submission!.Indicator!.Plan!.InstitutionId));
        builder.Entity<EvaluationNarrative>().HasQueryFilter(OfVisiblePlan<EvaluationNarrative>(n => n.PlanId));
        builder.Entity<Commitment>().HasQueryFilter(OfVisiblePlan<Commitment>(c => c.PlanId));
        builder.Entity<CommitmentNote>().HasQueryFilter(OfVisiblePlan<CommitmentNote>(n => n.PlanId));
        builder.Entity<InformeApproval>().HasQueryFilter(OfVisiblePlan<InformeApproval>(a => a.PlanId));
        builder.Entity<InformePublication>().HasQueryFilter(OfVisiblePlan<InformePublication>(p => p.PlanId));
        builder.Entity<PeriodClosure>().HasQueryFilter(OfVisiblePlan<PeriodClosure>(c => c.PlanId));
        builder.Entity<PeriodDeadline>().HasQueryFilter(OfVisiblePlan<PeriodDeadline>(d => d.PlanId));
        builder.Entity<PeriodSnapshot>().HasQueryFilter(OfVisiblePlan<PeriodSnapshot>(s => s.PlanId));
        builder.Entity<SectoralPlan>().HasQueryFilter(OfVisiblePlan<SectoralPlan>(s => s.PlanId));
        builder.Entity<SectoralObjective>().HasQueryFilter(o => visibleInstitutionIds == null || visibleInstitutionIds.Contains(o.SectoralPlan!.Plan!.InstitutionId));
        builder.Entity<SectoralAction>().HasQueryFilter(a => visibleInstitutionIds == null || visibleInstitutionIds.Contains(a.SectoralObjective!.SectoralPlan!.Plan!.InstitutionId));
        builder.Entity<SectoralLink>().HasQueryFilter(OfVisiblePlan<SectoralLink>(l => l.PlanId));
        builder.Entity<NationalPolicy>().HasQueryFilter(OfVisiblePlan<NationalPolicy>(n => n.PlanId));
        builder.Entity<PolicyObjective>().HasQueryFilter(o => visibleInstitutionIds == null || visibleInstitutionIds.Contains(o.NationalPolicy!.Plan!.InstitutionId));
        builder.Entity<PolicyGuideline>().HasQueryFilter(g => visibleInstitutionIds == null || visibleInstitutionIds.Contains(g.PolicyObjective!.NationalPolicy!.Plan!.InstitutionId));
        builder.Entity<PolicyService>().HasQueryFilter(s => visibleInstitutionIds == null || visibleInstitutionIds.Contains(s.PolicyGuideline!.PolicyObjective!.NationalPolicy!.Plan!.InstitutionId));
        builder.Entity<PolicyLink>().HasQueryFilter(OfVisiblePlan<PolicyLink>(l => l.PlanId));
        builder.Entity<Progress.StoredPlanSummary>().HasQueryFilter(OfVisiblePlan<Progress.StoredPlanSummary>(s => s.PlanId));
        // A notice about an indicator belongs to the indicator's institution; one about no indicator, to its recipient's.
        builder.Entity<Notices.OutboxNotice>().HasQueryFilter(n => visibleInstitutionIds == null
            || (n.IndicatorId != null
                ? Indicators.Any(i => i.Id == n.IndicatorId)
                : Users.Any(u => u.Id == n.RecipientUserId && visibleInstitutionIds.Contains(u.InstitutionId))));
        builder.Entity<Notices.NoticePreference>().HasQueryFilter(p => visibleInstitutionIds == null
            || Users.Any(u => u.Id == p.UserId && visibleInstitutionIds.Contains(u.InstitutionId)));
        builder.Entity<AuditEntry>().HasQueryFilter(a => visibleInstitutionIds == null
            || (a.PlanId != null
                ? Plans.Any(p => p.Id == a.PlanId)
                : a.InstitutionId != null && visibleInstitutionIds.Contains(a.InstitutionId.Value)));
    }

    /// <summary>Rows that carry only their plan's id: visible when the plan is (the plans' own filter applies inside).</summary>
    private Expression<Func<T, bool>> OfVisiblePlan<T>(Expression<Func<T, int>> planId)
    {
        var row = planId.Parameters[0];
        Expression<Func<int, bool>> visible = id => visibleInstitutionIds == null || Plans.Any(p => p.Id == id);
        var body = new ReplaceParameter(visible.Parameters[0], planId.Body).Visit(visible.Body);
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    private sealed class ReplaceParameter(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
