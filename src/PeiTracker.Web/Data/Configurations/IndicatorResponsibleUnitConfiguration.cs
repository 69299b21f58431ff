using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data.Configurations;

public class IndicatorResponsibleUnitConfiguration : IEntityTypeConfiguration<IndicatorResponsibleUnit>
{
    public void Configure(EntityTypeBuilder<IndicatorResponsibleUnit> builder)
    {
        builder.HasKey(x => new { x.IndicatorId, x.UnitId });
        builder.HasIndex(x => x.UnitId);
        builder.HasOne(x => x.Indicator).WithMany(i => i.ResponsibleUnits).HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
