using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data.Configurations;

public class OrganizationalUnitConfiguration : IEntityTypeConfiguration<OrganizationalUnit>
{
    public void Configure(EntityTypeBuilder<OrganizationalUnit> builder)
    {
        builder.Property(u => u.Name).HasMaxLength(OrganizationalUnit.MaxNameLength);
        builder.Property(u => u.Acronym).HasMaxLength(OrganizationalUnit.MaxAcronymLength);
        builder.Property(u => u.IsActive).HasDefaultValue(true).ValueGeneratedNever();
        builder.Property(u => u.Version).IsRowVersion();
        builder.HasIndex(u => new { u.InstitutionId, u.Acronym }).IsUnique();
        builder.HasIndex(u => new { u.InstitutionId, u.Name }).IsUnique();
        builder.HasOne(u => u.Institution).WithMany(i => i.Units).HasForeignKey(u => u.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(u => u.Label);
    }
}
