using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain.Articulation;

namespace PeiTracker.Web.Data.Configurations;

public class PolicyObjectiveConfiguration : IEntityTypeConfiguration<PolicyObjective>
{
    public void Configure(EntityTypeBuilder<PolicyObjective> builder)
    {
        builder.ToTable("policy_objectives");
        builder.Property(o => o.Code).HasMaxLength(30);
        builder.Property(o => o.Statement).HasMaxLength(2000);
        builder.HasOne(o => o.NationalPolicy).WithMany(p => p.Objectives).HasForeignKey(o => o.NationalPolicyId).OnDelete(DeleteBehavior.Cascade);
    }
}
