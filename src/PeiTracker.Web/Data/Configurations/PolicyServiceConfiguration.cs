using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain.Articulation;

namespace PeiTracker.Web.Data.Configurations;

public class PolicyServiceConfiguration : IEntityTypeConfiguration<PolicyService>
{
    public void Configure(EntityTypeBuilder<PolicyService> builder)
    {
        builder.ToTable("policy_services");
        builder.Property(s => s.Code).HasMaxLength(30);
        builder.Property(s => s.Statement).HasMaxLength(2000);
        builder.HasOne(s => s.PolicyGuideline).WithMany(g => g.Services).HasForeignKey(s => s.PolicyGuidelineId).OnDelete(DeleteBehavior.Cascade);
    }
}
