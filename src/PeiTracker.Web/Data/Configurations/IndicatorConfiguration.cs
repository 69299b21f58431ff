using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data.Configurations;

public class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.Property(i => i.Version).IsRowVersion();
        builder.ToTable("indicators", t =>
        {
            t.HasCheckConstraint("ck_indicators_single_owner", "(objective_id IS NULL) <> (action_id IS NULL)");
            t.HasCheckConstraint("ck_indicators_relevance", $"relevance BETWEEN {Indicator.MinRelevance} AND {Indicator.MaxRelevance}");
            t.HasCheckConstraint("ck_indicators_decimals", $"decimals BETWEEN 0 AND {Indicator.MaxDecimals}");
        });
        builder.Property(i => i.Key).HasMaxLength(40);
        builder.Property(i => i.PublishedCode).HasMaxLength(40);
        builder.Property(i => i.Name).HasMaxLength(1000);
        builder.Property(i => i.Unit).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Direction).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Aggregation).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.LimitKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Inferred).HasConversion<int>();
        builder.Property(i => i.Formula).HasMaxLength(Domain.Formulas.Formula.MaxLength * 2);
        builder.HasIndex(i => new { i.PlanId, i.Key }).IsUnique();
        builder.HasIndex(i => new { i.PlanId, i.PublishedCode });
        builder.HasOne(i => i.Plan).WithMany(p => p.Indicators).HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(i => i.Objective).WithMany(o => o.Indicators).HasForeignKey(i => i.ObjectiveId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(i => i.Action).WithMany(a => a.Indicators).HasForeignKey(i => i.ActionId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(i => i.MeasuresObjective);
    }
}
