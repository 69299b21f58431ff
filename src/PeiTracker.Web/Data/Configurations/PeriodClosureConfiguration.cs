using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data.Configurations;

public class PeriodClosureConfiguration : IEntityTypeConfiguration<PeriodClosure>
{
    public void Configure(EntityTypeBuilder<PeriodClosure> builder)
    {
        builder.Property(c => c.Period).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ClosedBy).HasMaxLength(256);
        builder.Property(c => c.ReopenedBy).HasMaxLength(256);
        builder.HasOne<Plan>().WithMany().HasForeignKey(c => c.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.PlanId, c.Year, c.Period });
        builder.Ignore(c => c.IsClosed);
    }
}

public class PeriodDeadlineConfiguration : IEntityTypeConfiguration<PeriodDeadline>
{
    public void Configure(EntityTypeBuilder<PeriodDeadline> builder)
    {
        builder.Property(d => d.Period).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Plan>().WithMany().HasForeignKey(d => d.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.PlanId, d.Year, d.Period }).IsUnique();
    }
}
