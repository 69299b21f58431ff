using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain.Formulas;

namespace PeiTracker.Web.Data.Configurations;

public class IndicatorVariableConfiguration : IEntityTypeConfiguration<IndicatorVariable>
{
    public void Configure(EntityTypeBuilder<IndicatorVariable> builder)
    {
        builder.ToTable("indicator_variables");
        builder.Property(v => v.Code).HasMaxLength(20);
        builder.Property(v => v.Name).HasMaxLength(IndicatorVariable.MaxNameLength);
        builder.Property(v => v.Source).HasMaxLength(IndicatorVariable.MaxSourceLength);
        builder.Property(v => v.Unit).HasMaxLength(IndicatorVariable.MaxUnitLength);
        builder.HasIndex(v => new { v.IndicatorId, v.Code }).IsUnique();
        builder.HasOne(v => v.Indicator).WithMany(i => i.Variables).HasForeignKey(v => v.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ValueVariableConfiguration : IEntityTypeConfiguration<ValueVariable>
{
    public void Configure(EntityTypeBuilder<ValueVariable> builder)
    {
        builder.ToTable("value_variables");
        builder.Property(v => v.Code).HasMaxLength(20);
        builder.Property(v => v.Figure).HasPrecision(18, 6);
        builder.HasIndex(v => new { v.ValueId, v.Code }).IsUnique();
        builder.HasOne(v => v.Value).WithMany(x => x.Variables).HasForeignKey(v => v.ValueId).OnDelete(DeleteBehavior.Cascade);
    }
}
