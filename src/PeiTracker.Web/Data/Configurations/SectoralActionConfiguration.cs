using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain.Articulation;

namespace PeiTracker.Web.Data.Configurations;

public class SectoralActionConfiguration : IEntityTypeConfiguration<SectoralAction>
{
    public void Configure(EntityTypeBuilder<SectoralAction> builder)
    {
        builder.ToTable("sectoral_actions");
        builder.Property(a => a.Code).HasMaxLength(30);
        builder.Property(a => a.Statement).HasMaxLength(2000);
        builder.HasIndex(a => new { a.SectoralObjectiveId, a.Code }).IsUnique();
        builder.HasOne(a => a.SectoralObjective).WithMany(o => o.Actions).HasForeignKey(a => a.SectoralObjectiveId).OnDelete(DeleteBehavior.Cascade);
    }
}
