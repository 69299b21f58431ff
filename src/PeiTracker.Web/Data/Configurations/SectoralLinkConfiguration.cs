using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain.Articulation;

namespace PeiTracker.Web.Data.Configurations;

public class SectoralLinkConfiguration : IEntityTypeConfiguration<SectoralLink>
{
    public void Configure(EntityTypeBuilder<SectoralLink> builder)
    {
        builder.Property(l => l.Version).IsRowVersion();
        // A row names exactly one target: an AES, an OES, or every AES of the PESEM.
        builder.ToTable("sectoral_links", t =>
        {
            t.HasCheckConstraint("ck_sectoral_links_one_target",
                "(CASE WHEN sectoral_action_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN sectoral_objective_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN covers_all_actions THEN 1 ELSE 0 END) = 1");
            t.HasCheckConstraint("ck_sectoral_links_causal_length", $"char_length(causal_explanation) <= {SectoralLink.MaxCausalLength}");
        });
        builder.Ignore(l => l.TargetCode);
        builder.HasOne(l => l.Plan).WithMany().HasForeignKey(l => l.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(l => l.Objective).WithMany().HasForeignKey(l => l.ObjectiveId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(l => l.SectoralPlan).WithMany().HasForeignKey(l => l.SectoralPlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(l => l.SectoralObjective).WithMany().HasForeignKey(l => l.SectoralObjectiveId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(l => l.SectoralAction).WithMany().HasForeignKey(l => l.SectoralActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => new { l.ObjectiveId, l.SectoralObjectiveId, l.SectoralActionId, l.CoversAllActions }).IsUnique().AreNullsDistinct(false);
    }
}
