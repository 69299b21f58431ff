using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data.Configurations;

public class EvaluationNarrativeConfiguration : IEntityTypeConfiguration<EvaluationNarrative>
{
    public void Configure(EntityTypeBuilder<EvaluationNarrative> builder)
    {
        builder.Property(n => n.Period).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.Section).HasConversion<string>().HasMaxLength(30);
        builder.Property(n => n.Text).HasMaxLength(8000);
        builder.Property(n => n.UpdatedBy).HasMaxLength(256);
        builder.Property(n => n.Version).IsRowVersion();
        // One row per section: the report's own sections have no OEI, and two of them must still clash.
        builder.HasIndex(n => new { n.PlanId, n.Year, n.Period, n.Section, n.ObjectiveId }).IsUnique().AreNullsDistinct(false);
        builder.HasOne<Plan>().WithMany().HasForeignKey(n => n.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StrategicObjective>().WithMany().HasForeignKey(n => n.ObjectiveId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<Commitment> builder)
    {
        builder.Property(c => c.Period).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Action).HasMaxLength(Commitment.MaxTextLength);
        builder.Property(c => c.Recommendation).HasMaxLength(Commitment.MaxTextLength);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.Property(c => c.Version).IsRowVersion();
        builder.HasIndex(c => new { c.PlanId, c.Year, c.Period });
        builder.HasOne<Plan>().WithMany().HasForeignKey(c => c.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Unit).WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Indicator>().WithMany().HasForeignKey(c => c.IndicatorId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<StrategicAction>().WithMany().HasForeignKey(c => c.ActionId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(c => c.Notes).WithOne().HasForeignKey(n => n.CommitmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class CommitmentNoteConfiguration : IEntityTypeConfiguration<CommitmentNote>
{
    public void Configure(EntityTypeBuilder<CommitmentNote> builder)
    {
        builder.Property(n => n.Text).HasMaxLength(Commitment.MaxTextLength);
        builder.Property(n => n.WrittenBy).HasMaxLength(256);
        builder.HasOne<Plan>().WithMany().HasForeignKey(n => n.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class InformeApprovalConfiguration : IEntityTypeConfiguration<InformeApproval>
{
    public void Configure(EntityTypeBuilder<InformeApproval> builder)
    {
        builder.Property(a => a.Period).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.ApprovedBy).HasMaxLength(256);
        builder.Property(a => a.ApproverName).HasMaxLength(200);
        builder.Property(a => a.ApprovingOffice).HasMaxLength(200);
        builder.Property(a => a.ReopenedBy).HasMaxLength(256);
        builder.Property(a => a.ReopenReason).HasMaxLength(1000);
        builder.Property(a => a.Version).IsRowVersion();
        // Two approvals racing for the same period: the second is a conflict, not a twin.
        builder.HasIndex(a => new { a.PlanId, a.Year, a.Period }).IsUnique().HasFilter("reopened_at IS NULL");
        builder.HasOne<Plan>().WithMany().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Publications are never edited or removed: the app role may only read and add them (<see cref="DatabasePrivileges"/>).</summary>
public class InformePublicationConfiguration : IEntityTypeConfiguration<InformePublication>
{
    public const string Table = "informe_publications";

    public void Configure(EntityTypeBuilder<InformePublication> builder)
    {
        builder.ToTable(Table);
        builder.Property(p => p.ApprovingOffice).HasMaxLength(200);
        builder.Property(p => p.PublishedBy).HasMaxLength(256);
        builder.HasIndex(p => p.SnapshotId).IsUnique();
        builder.HasOne(p => p.Snapshot).WithMany().HasForeignKey(p => p.SnapshotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Plan>().WithMany().HasForeignKey(p => p.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<InformeApproval>().WithMany().HasForeignKey(p => p.ApprovalId).OnDelete(DeleteBehavior.Restrict);
    }
}
