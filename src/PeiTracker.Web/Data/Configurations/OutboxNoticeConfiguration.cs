using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain;
using PeiTracker.Web.Notices;

namespace PeiTracker.Web.Data.Configurations;

public class OutboxNoticeConfiguration : IEntityTypeConfiguration<OutboxNotice>
{
    public void Configure(EntityTypeBuilder<OutboxNotice> builder)
    {
        builder.ToTable("outbox_notices");
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(n => n.Recipient).HasMaxLength(256);
        builder.Property(n => n.RecipientName).HasMaxLength(256);
        builder.Property(n => n.Subject).HasMaxLength(300);
        builder.Property(n => n.LastError).HasMaxLength(2000);
        builder.Property(n => n.Link).HasMaxLength(1000);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(n => n.RecipientUserId).OnDelete(DeleteBehavior.Restrict);
        // The bell's count: a person's unread notices.
        builder.HasIndex(n => new { n.RecipientUserId, n.ReadAt });
        builder.Property(n => n.Version).IsRowVersion();
        builder.HasIndex(n => new { n.EventId, n.Recipient }).IsUnique();
        // The worker's claim: pending rows by when they are due.
        builder.HasIndex(n => n.NextAttemptAt).HasFilter("status = 0");
        builder.HasIndex(n => n.CreatedAt);
        // The daily digest's gathering: notices waiting for their recipient's digest.
        builder.HasIndex(n => n.RecipientUserId).HasFilter("status = 4").HasDatabaseName("ix_outbox_notices_waiting_for_digest");
        builder.HasOne<Indicator>().WithMany().HasForeignKey(n => n.IndicatorId).OnDelete(DeleteBehavior.Restrict);
    }
}
