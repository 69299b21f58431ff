using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data.Configurations;

public class ValueThreadConfiguration : IEntityTypeConfiguration<ValueThread>
{
    public void Configure(EntityTypeBuilder<ValueThread> builder)
    {
        builder.ToTable("value_threads");
        builder.Property(t => t.OpenedBy).HasMaxLength(256);
        builder.Property(t => t.ResolvedBy).HasMaxLength(256);
        builder.HasOne(t => t.Value).WithMany(v => v.Threads).HasForeignKey(t => t.ValueId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => t.ValueId);
        // At most one open conversation per value: two observations at once cannot open two.
        builder.HasIndex(t => t.ValueId).HasFilter("resolved_at IS NULL").IsUnique().HasDatabaseName("ix_value_threads_one_open");
        builder.Property(t => t.Version).IsRowVersion();
        builder.Ignore(t => t.IsOpen);
    }
}

public class ThreadMessageConfiguration : IEntityTypeConfiguration<ThreadMessage>
{
    /// <summary>Messages are never changed: the app role may insert and read them only (<see cref="DatabasePrivileges"/>).</summary>
    public const string Table = "value_thread_messages";

    public void Configure(EntityTypeBuilder<ThreadMessage> builder)
    {
        builder.ToTable(Table, t => t.HasCheckConstraint("ck_value_thread_messages_text", "length(text) BETWEEN 1 AND 2000"));
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Side).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Author).HasMaxLength(256);
        builder.Property(m => m.AuthorName).HasMaxLength(256);
        builder.Property(m => m.Text).HasMaxLength(ValueThread.MaxText);
        builder.HasOne(m => m.Thread).WithMany(t => t.Messages).HasForeignKey(m => m.ThreadId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.ThreadId);
    }
}
