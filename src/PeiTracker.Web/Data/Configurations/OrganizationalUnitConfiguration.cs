using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data.Configurations;

public class OrganizationalUnitConfiguration : IEntityTypeConfiguration<OrganizationalUnit>
{
    public void Configure(EntityTypeBuilder<OrganizationalUnit> builder)
    {
        builder.Property(u => u.Name).HasMaxLength(300);
        builder.Property(u => u.Acronym).HasMaxLength(30);
        builder.HasIndex(u => new { u.InstitutionId, u.Acronym }).IsUnique();
        builder.HasOne(u => u.Institution).WithMany(i => i.Units).HasForeignKey(u => u.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}
