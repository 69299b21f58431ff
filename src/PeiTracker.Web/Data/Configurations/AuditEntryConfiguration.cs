using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data.Configurations;

public class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.UserName).HasMaxLength(256);
        // A subject is often an e-mail address, which Identity allows up to 256 characters.
        builder.Property(a => a.Subject).HasMaxLength(256);
        builder.Property(a => a.Field).HasMaxLength(200);
        builder.HasIndex(a => new { a.IndicatorId, a.At });
        builder.HasIndex(a => a.At);
        builder.HasOne<Plan>().WithMany().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Institution>().WithMany().HasForeignKey(a => a.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Indicator>().WithMany().HasForeignKey(a => a.IndicatorId).OnDelete(DeleteBehavior.Restrict);
    }
}
