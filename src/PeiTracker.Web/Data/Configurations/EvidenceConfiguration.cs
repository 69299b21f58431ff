using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data.Configurations;

public class EvidenceConfiguration : IEntityTypeConfiguration<Evidence>
{
    public void Configure(EntityTypeBuilder<Evidence> builder)
    {
        builder.ToTable("evidence", t => t.HasCheckConstraint("ck_evidence_size", "size > 0"));
        builder.Property(e => e.FileName).HasMaxLength(255);
        builder.Property(e => e.ContentType).HasMaxLength(120);
        builder.Property(e => e.Sha256).HasMaxLength(64);
        builder.Property(e => e.UploadedBy).HasMaxLength(256);
        builder.HasOne(e => e.Value).WithMany(v => v.Evidence).HasForeignKey(e => e.ValueId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => e.ValueId);
        builder.HasOne<ThreadMessage>().WithMany(m => m.Evidence).HasForeignKey(e => e.ThreadMessageId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(e => e.ThreadMessageId);
    }
}
