using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain.Articulation;

namespace PeiTracker.Web.Data.Configurations;

public class SectoralObjectiveConfiguration : IEntityTypeConfiguration<SectoralObjective>
{
    public void Configure(EntityTypeBuilder<SectoralObjective> builder)
    {
        builder.ToTable("sectoral_objectives");
        builder.Property(o => o.Code).HasMaxLength(30);
        builder.Property(o => o.Statement).HasMaxLength(2000);
        builder.HasIndex(o => new { o.SectoralPlanId, o.Code }).IsUnique();
        builder.HasOne(o => o.SectoralPlan).WithMany(p => p.Objectives).HasForeignKey(o => o.SectoralPlanId).OnDelete(DeleteBehavior.Cascade);
    }
}
