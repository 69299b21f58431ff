using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data.Configurations;

public class ObservationReasonConfiguration : IEntityTypeConfiguration<ObservationReason>
{
    public void Configure(EntityTypeBuilder<ObservationReason> builder)
    {
        builder.ToTable("observation_reasons");
        builder.Property(r => r.Text).HasMaxLength(ObservationReason.MaxLength);
        builder.Property(r => r.Version).IsRowVersion();
        builder.HasIndex(r => new { r.InstitutionId, r.Text }).IsUnique();
        builder.HasOne<Institution>().WithMany().HasForeignKey(r => r.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}
