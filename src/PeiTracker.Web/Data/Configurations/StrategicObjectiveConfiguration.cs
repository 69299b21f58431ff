using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data.Configurations;

public class StrategicObjectiveConfiguration : IEntityTypeConfiguration<StrategicObjective>
{
    public void Configure(EntityTypeBuilder<StrategicObjective> builder)
    {
        builder.Property(o => o.Version).IsRowVersion();
        builder.ToTable("objectives", t => t.HasCheckConstraint("ck_objectives_priority", "priority >= 1"));
        builder.Property(o => o.Code).HasMaxLength(30);
        builder.Property(o => o.Type).HasConversion<int>();
        builder.Property(o => o.PggStatus).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.PggLineamiento).HasMaxLength(10);
        builder.Ignore(o => o.Pgg);
        builder.HasIndex(o => new { o.PlanId, o.Code }).IsUnique();
        builder.HasOne(o => o.Plan).WithMany(p => p.Objectives).HasForeignKey(o => o.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}
