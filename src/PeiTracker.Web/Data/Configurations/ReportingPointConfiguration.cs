using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain.Points;

namespace PeiTracker.Web.Data.Configurations;

public class ReportingPointConfiguration : IEntityTypeConfiguration<ReportingPoint>
{
    public void Configure(EntityTypeBuilder<ReportingPoint> builder)
    {
        builder.ToTable("reporting_points");
        builder.Property(p => p.Code).HasMaxLength(ReportingPoint.MaxCodeLength);
        builder.Property(p => p.Name).HasMaxLength(ReportingPoint.MaxNameLength);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(p => p.Continent).HasMaxLength(ReportingPoint.MaxPlaceLength);
        builder.Property(p => p.Country).HasMaxLength(ReportingPoint.MaxPlaceLength);
        builder.Property(p => p.Department).HasMaxLength(ReportingPoint.MaxPlaceLength);
        builder.Property(p => p.IsActive).HasDefaultValue(true).ValueGeneratedNever();
        builder.Property(p => p.Version).IsRowVersion();
        builder.HasIndex(p => new { p.InstitutionId, p.Code }).IsUnique();
        builder.HasIndex(p => p.UnitId);
        builder.HasOne(p => p.Institution).WithMany().HasForeignKey(p => p.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Unit).WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(p => p.Label);
        builder.Ignore(p => p.Region);
    }
}

public class UserReportingPointConfiguration : IEntityTypeConfiguration<UserReportingPoint>
{
    public void Configure(EntityTypeBuilder<UserReportingPoint> builder)
    {
        builder.ToTable("user_reporting_points");
        builder.HasKey(x => new { x.UserId, x.PointId });
        builder.HasIndex(x => x.PointId);
        builder.HasOne(x => x.User).WithMany(u => u.Points).HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(x => x.Point).WithMany().HasForeignKey(x => x.PointId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class PointSubmissionConfiguration : IEntityTypeConfiguration<PointSubmission>
{
    public void Configure(EntityTypeBuilder<PointSubmission> builder)
    {
        builder.ToTable("point_submissions");
        builder.Property(s => s.Period).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Comment).HasMaxLength(PointSubmission.MaxCommentLength);
        builder.Property(s => s.ReviewNote).HasMaxLength(PointSubmission.MaxReviewNoteLength);
        builder.Property(s => s.CreatedBy).HasMaxLength(256);
        builder.Property(s => s.UpdatedBy).HasMaxLength(256);
        builder.Property(s => s.ReviewedBy).HasMaxLength(256);
        builder.Property(s => s.Version).IsRowVersion();
        // One row per point, indicator and period: two first entries of one period are a unique violation, which the writer reports as a conflict.
        builder.HasIndex(s => new { s.IndicatorId, s.Year, s.Period, s.PointId }).IsUnique();
        builder.HasIndex(s => s.PointId);
        builder.HasOne(s => s.Point).WithMany().HasForeignKey(s => s.PointId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Indicator).WithMany().HasForeignKey(s => s.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(s => s.FigureMap);
    }
}

public class PointSubmissionFigureConfiguration : IEntityTypeConfiguration<PointSubmissionFigure>
{
    public void Configure(EntityTypeBuilder<PointSubmissionFigure> builder)
    {
        builder.ToTable("point_submission_figures");
        builder.Property(f => f.Code).HasMaxLength(20);
        builder.Property(f => f.Figure).HasPrecision(18, 6);
        builder.HasIndex(f => new { f.SubmissionId, f.Code }).IsUnique();
        builder.HasOne(f => f.Submission).WithMany(s => s.Figures).HasForeignKey(f => f.SubmissionId).OnDelete(DeleteBehavior.Cascade);
    }
}
