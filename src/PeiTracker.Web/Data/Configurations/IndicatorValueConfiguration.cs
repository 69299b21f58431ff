using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data.Configurations;

public class IndicatorValueConfiguration : IEntityTypeConfiguration<IndicatorValue>
{
    public void Configure(EntityTypeBuilder<IndicatorValue> builder)
    {
        builder.ToTable("indicator_values", t => t.HasCheckConstraint("ck_indicator_values_year", "year BETWEEN 2000 AND 2100"));
        builder.Property(v => v.Period).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.CreatedBy).HasMaxLength(256);
        builder.Property(v => v.UpdatedBy).HasMaxLength(256);
        builder.Property(v => v.ValidatedBy).HasMaxLength(256);
        builder.HasIndex(v => new { v.IndicatorId, v.Year, v.Period }).IsUnique();
        builder.HasOne(v => v.Indicator).WithMany(i => i.Values).HasForeignKey(v => v.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(v => v.Version).IsRowVersion();
    }
}
