using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data.Configurations;

public class SemesterTargetConfiguration : IEntityTypeConfiguration<SemesterTarget>
{
    public void Configure(EntityTypeBuilder<SemesterTarget> builder)
    {
        builder.Property(t => t.Version).IsRowVersion();
        builder.Property(t => t.Period).HasConversion<string>().HasMaxLength(20);
        builder.ToTable("semester_targets", t =>
        {
            t.HasCheckConstraint("ck_semester_targets_year", "year BETWEEN 2000 AND 2100");
            t.HasCheckConstraint("ck_semester_targets_period", $"period IN ('{nameof(PeriodKind.PrimerSemestre)}', '{nameof(PeriodKind.SegundoSemestre)}')");
        });
        builder.HasIndex(t => new { t.IndicatorId, t.Year, t.Period }).IsUnique();
        builder.HasOne(t => t.Indicator).WithMany(i => i.SemesterTargets).HasForeignKey(t => t.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }
}
