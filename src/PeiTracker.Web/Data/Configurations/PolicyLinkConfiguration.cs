using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain.Articulation;

namespace PeiTracker.Web.Data.Configurations;

public class PolicyLinkConfiguration : IEntityTypeConfiguration<PolicyLink>
{
    public void Configure(EntityTypeBuilder<PolicyLink> builder)
    {
        builder.ToTable("policy_links");
        builder.HasOne(l => l.Plan).WithMany().HasForeignKey(l => l.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(l => l.Action).WithMany().HasForeignKey(l => l.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(l => l.Indicator).WithMany().HasForeignKey(l => l.IndicatorId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(l => l.PolicyService).WithMany().HasForeignKey(l => l.PolicyServiceId).OnDelete(DeleteBehavior.SetNull);
    }
}
