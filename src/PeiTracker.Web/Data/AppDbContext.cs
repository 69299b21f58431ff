using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Articulation;

namespace PeiTracker.Web.Data;

public partial class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Institution> Institutions => Set<Institution>();

    public DbSet<OrganizationalUnit> OrganizationalUnits => Set<OrganizationalUnit>();

    public DbSet<ObservationReason> ObservationReasons => Set<ObservationReason>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<StrategicObjective> Objectives => Set<StrategicObjective>();

    public DbSet<StrategicAction> Actions => Set<StrategicAction>();

    public DbSet<Indicator> Indicators => Set<Indicator>();

    public DbSet<IndicatorResponsibleUnit> IndicatorResponsibleUnits => Set<IndicatorResponsibleUnit>();

    public DbSet<AnnualTarget> Targets => Set<AnnualTarget>();

    public DbSet<SemesterTarget> SemesterTargets => Set<SemesterTarget>();

    public DbSet<IndicatorValue> Values => Set<IndicatorValue>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Evidence> Evidence => Set<Evidence>();

    public DbSet<ValueThread> ValueThreads => Set<ValueThread>();

    public DbSet<ThreadMessage> ThreadMessages => Set<ThreadMessage>();

    public DbSet<Domain.Formulas.IndicatorVariable> IndicatorVariables => Set<Domain.Formulas.IndicatorVariable>();

    public DbSet<Domain.Formulas.ValueVariable> ValueVariables => Set<Domain.Formulas.ValueVariable>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<EvaluationNarrative> EvaluationNarratives => Set<EvaluationNarrative>();

    public DbSet<Commitment> Commitments => Set<Commitment>();

    public DbSet<CommitmentNote> CommitmentNotes => Set<CommitmentNote>();

    public DbSet<InformeApproval> InformeApprovals => Set<InformeApproval>();

    public DbSet<InformePublication> InformePublications => Set<InformePublication>();

    public DbSet<PeriodClosure> PeriodClosures => Set<PeriodClosure>();

    public DbSet<PeriodDeadline> PeriodDeadlines => Set<PeriodDeadline>();

    public DbSet<PeriodSnapshot> PeriodSnapshots => Set<PeriodSnapshot>();

    public DbSet<UserUnit> UserUnits => Set<UserUnit>();

    public DbSet<Domain.Points.ReportingPoint> ReportingPoints => Set<Domain.Points.ReportingPoint>();

    public DbSet<UserReportingPoint> UserReportingPoints => Set<UserReportingPoint>();

    public DbSet<Domain.Points.PointSubmission> PointSubmissions => Set<Domain.Points.PointSubmission>();

    public DbSet<Domain.Points.PointSubmissionFigure> PointSubmissionFigures => Set<Domain.Points.PointSubmissionFigure>();

    public DbSet<SectoralPlan> SectoralPlans => Set<SectoralPlan>();

    public DbSet<SectoralObjective> SectoralObjectives => Set<SectoralObjective>();

    public DbSet<SectoralAction> SectoralActions => Set<SectoralAction>();

    public DbSet<SectoralLink> SectoralLinks => Set<SectoralLink>();

    public DbSet<NationalPolicy> NationalPolicies => Set<NationalPolicy>();

    public DbSet<PolicyObjective> PolicyObjectives => Set<PolicyObjective>();

    public DbSet<PolicyGuideline> PolicyGuidelines => Set<PolicyGuideline>();

    public DbSet<PolicyService> PolicyServices => Set<PolicyService>();

    public DbSet<PolicyLink> PolicyLinks => Set<PolicyLink>();

    public DbSet<Notices.OutboxNotice> OutboxNotices => Set<Notices.OutboxNotice>();

    public DbSet<Progress.StoredPlanSummary> StoredPlanSummaries => Set<Progress.StoredPlanSummary>();

    public DbSet<Notices.NoticePreference> NoticePreferences => Set<Notices.NoticePreference>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        FilterByInstitution(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every figure of the plan is exact: numeric in PostgreSQL, decimal in C#, never double.
        configurationBuilder.Properties<decimal>().HavePrecision(18, 6);
    }
}
