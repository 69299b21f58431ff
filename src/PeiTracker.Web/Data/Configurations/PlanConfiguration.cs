using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data.Configurations;

public class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.Property(p => p.Code).HasMaxLength(60);
        builder.Property(p => p.Name).HasMaxLength(400);
        builder.Property(p => p.ApprovingResolution).HasMaxLength(200);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(p => p.Code).IsUnique();
        // The default plan of every dashboard without ?plan= is the first vigente one by code: an index scan, not a sort of every plan.
        builder.HasIndex(p => new { p.Status, p.Code });
        builder.HasOne(p => p.Institution).WithMany(i => i.Plans).HasForeignKey(p => p.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(p => p.Years);
        builder.Property(p => p.DataVersion).HasDefaultValue(0L).ValueGeneratedOnAddOrUpdate();
        builder.Property(p => p.Version).IsRowVersion();
        builder.OwnsOne(p => p.Settings, settings =>
        {
            settings.Property(s => s.GreenThreshold).HasColumnName("green_threshold");
            settings.Property(s => s.YellowThreshold).HasColumnName("yellow_threshold");
            settings.Property(s => s.CapEnabled).HasColumnName("cap_enabled");
            settings.Property(s => s.Cap).HasColumnName("cap");
            settings.Property(s => s.Weighting).HasColumnName("weighting").HasConversion<string>().HasMaxLength(20);
            settings.Property(s => s.DashboardAvance).HasColumnName("dashboard_avance").HasConversion<string>().HasMaxLength(10);
            settings.Property(s => s.OnlyValidated).HasColumnName("only_validated");
            settings.Property(s => s.SemesterFollowUp).HasColumnName("semester_follow_up");
            settings.Property(s => s.SemesterExpectation).HasColumnName("semester_expectation").HasConversion<string>().HasMaxLength(20);
        });
        builder.Navigation(p => p.Settings).IsRequired();
        builder.Property(p => p.ReminderDaysBefore).HasDefaultValueSql("'{7,1}'::integer[]");
        builder.Property(p => p.EscalationDaysLate).HasDefaultValue(3);
        builder.ToTable(t => t.HasCheckConstraint("ck_plans_years", "first_year <= last_year AND first_year >= 2000 AND last_year <= 2100"));
    }
}
