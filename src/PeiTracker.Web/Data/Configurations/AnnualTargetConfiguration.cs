using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data.Configurations;

public class AnnualTargetConfiguration : IEntityTypeConfiguration<AnnualTarget>
{
    public void Configure(EntityTypeBuilder<AnnualTarget> builder)
    {
        builder.Property(t => t.Version).IsRowVersion();
        builder.ToTable("targets", t => t.HasCheckConstraint("ck_targets_year", "year BETWEEN 2000 AND 2100"));
        builder.HasIndex(t => new { t.IndicatorId, t.Year }).IsUnique();
        builder.HasOne(t => t.Indicator).WithMany(i => i.Targets).HasForeignKey(t => t.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(t => t.IsRevised);
    }
}
