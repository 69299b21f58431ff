using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data.Configurations;

public class InstitutionConfiguration : IEntityTypeConfiguration<Institution>
{
    public void Configure(EntityTypeBuilder<Institution> builder)
    {
        builder.Property(i => i.PliegoCode).HasMaxLength(10);
        builder.Property(i => i.Name).HasMaxLength(300);
        builder.Property(i => i.Sector).HasMaxLength(200);
        builder.Property(i => i.GovernmentLevel).HasMaxLength(50);
        builder.Property(i => i.ExecutingUnit).HasMaxLength(Institution.MaxExecutingUnitLength);
        builder.Property(i => i.Version).IsRowVersion();
        builder.HasIndex(i => i.PliegoCode).IsUnique();
        builder.Ignore(i => i.DisplayName);
    }
}
