using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain.Articulation;

namespace PeiTracker.Web.Data.Configurations;

public class NationalPolicyConfiguration : IEntityTypeConfiguration<NationalPolicy>
{
    public void Configure(EntityTypeBuilder<NationalPolicy> builder)
    {
        builder.ToTable("national_policies");
        builder.Property(p => p.Name).HasMaxLength(400);
        builder.HasIndex(p => new { p.PlanId, p.Name }).IsUnique();
        builder.HasOne(p => p.Plan).WithMany().HasForeignKey(p => p.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}
