using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain.Articulation;

namespace PeiTracker.Web.Data.Configurations;

public class PolicyGuidelineConfiguration : IEntityTypeConfiguration<PolicyGuideline>
{
    public void Configure(EntityTypeBuilder<PolicyGuideline> builder)
    {
        builder.ToTable("policy_guidelines");
        builder.Property(g => g.Code).HasMaxLength(30);
        builder.Property(g => g.Statement).HasMaxLength(2000);
        builder.HasOne(g => g.PolicyObjective).WithMany(o => o.Guidelines).HasForeignKey(g => g.PolicyObjectiveId).OnDelete(DeleteBehavior.Cascade);
    }
}
