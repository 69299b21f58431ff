using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain.Articulation;

namespace PeiTracker.Web.Data.Configurations;

public class SectoralPlanConfiguration : IEntityTypeConfiguration<SectoralPlan>
{
    public void Configure(EntityTypeBuilder<SectoralPlan> builder)
    {
        builder.ToTable("sectoral_plans", t => t.HasCheckConstraint("ck_sectoral_plans_years", "first_year <= last_year"));
        builder.Property(p => p.Code).HasMaxLength(60);
        builder.Property(p => p.Name).HasMaxLength(400);
        builder.Property(p => p.Resolution).HasMaxLength(200);
        builder.HasIndex(p => new { p.PlanId, p.Code }).IsUnique();
        builder.HasOne(p => p.Plan).WithMany().HasForeignKey(p => p.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}
