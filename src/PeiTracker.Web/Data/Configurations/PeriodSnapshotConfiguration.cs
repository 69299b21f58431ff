using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Data.Configurations;

/// <summary>Snapshots are append-only like the audit trail: a trigger and the app role's privileges refuse UPDATE and DELETE.</summary>
public class PeriodSnapshotConfiguration : IEntityTypeConfiguration<PeriodSnapshot>
{
    public const string Table = "period_snapshots";

    public void Configure(EntityTypeBuilder<PeriodSnapshot> builder)
    {
        builder.ToTable(Table);
        builder.Property(s => s.Period).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.TakenBy).HasMaxLength(256);
        builder.Property(s => s.Note).HasMaxLength(ChangeReason.MaxLength);
        // Restrict: a plan that reported a period keeps what it reported.
        builder.HasOne<Plan>().WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Restrict);
        // Two closings racing for the same version: the second fails instead of writing a twin.
        builder.HasIndex(s => new { s.PlanId, s.Year, s.Period, s.Version }).IsUnique();
        builder.HasMany(s => s.Figures).WithOne().HasForeignKey(f => f.SnapshotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Files).WithOne().HasForeignKey(f => f.SnapshotId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class SnapshotFigureConfiguration : IEntityTypeConfiguration<SnapshotFigure>
{
    public const string Table = "snapshot_figures";

    public void Configure(EntityTypeBuilder<SnapshotFigure> builder)
    {
        builder.ToTable(Table);
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Code).HasMaxLength(100);
        builder.Property(f => f.Status).HasMaxLength(100);
        builder.Property(f => f.Coverage).HasMaxLength(200);
    }
}

public class SnapshotFileConfiguration : IEntityTypeConfiguration<SnapshotFile>
{
    public const string Table = "snapshot_files";

    public void Configure(EntityTypeBuilder<SnapshotFile> builder)
    {
        builder.ToTable(Table);
        builder.Property(f => f.Name).HasMaxLength(300);
        builder.Property(f => f.ContentType).HasMaxLength(100);
        builder.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength();
    }
}
