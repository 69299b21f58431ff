using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data.Configurations;

public class EvaluationNarrativeConfiguration : IEntityTypeConfiguration<EvaluationNarrative>
{
    public void Configure(EntityTypeBuilder<EvaluationNarrative> builder)
    {
        builder.Property(n => n.Period).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.Text).HasMaxLength(8000);
        builder.Property(n => n.UpdatedBy).HasMaxLength(256);
        builder.Property(n => n.Version).IsRowVersion();
        builder.HasIndex(n => new { n.PlanId, n.ObjectiveId, n.Year, n.Period }).IsUnique();
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
        builder.Property(c => c.Action).HasMaxLength(2000);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.HasIndex(c => new { c.PlanId, c.Year, c.Period });
        builder.HasOne<Plan>().WithMany().HasForeignKey(c => c.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Unit).WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Indicator>().WithMany().HasForeignKey(c => c.IndicatorId).OnDelete(DeleteBehavior.SetNull);
    }
}
