using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data.Configurations;

public class StrategicActionConfiguration : IEntityTypeConfiguration<StrategicAction>
{
    public void Configure(EntityTypeBuilder<StrategicAction> builder)
    {
        builder.Property(a => a.Version).IsRowVersion();
        builder.ToTable("actions", t => t.HasCheckConstraint("ck_actions_priority", "priority >= 1"));
        builder.Property(a => a.Code).HasMaxLength(30);
        builder.Property(a => a.PggStatus).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.PggLineamiento).HasMaxLength(10);
        builder.Property(a => a.ResponsibleUnitAsPrinted).HasMaxLength(400);
        builder.Ignore(a => a.Pgg);
        builder.HasIndex(a => new { a.PlanId, a.Code }).IsUnique();
        builder.HasOne(a => a.Objective).WithMany(o => o.Actions).HasForeignKey(a => a.ObjectiveId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Plan).WithMany().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Restrict);
    }
}
