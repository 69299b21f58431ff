using Microsoft.EntityFrameworkCore;

namespace PeiTracker.Web.Data;

/// <summary>
/// What the app role may do, granted by the schema owner after every migration: read and write the plan's
/// tables, only read and insert into the audit trail, the period snapshots and the messages of value conversations, only read the migration history. It owns nothing, so it
/// cannot TRUNCATE, ALTER (disable the append-only trigger), DROP or create tables; and, not being a superuser,
/// it cannot set session_replication_role to skip triggers. Default privileges give it the same rights on
/// tables and sequences that later migrations create, even when they are applied by other means than the app.
/// </summary>
public static class DatabasePrivileges
{
    public const string AuditTable = "audit_entries";

    public const string HistoryTable = "__EFMigrationsHistory";

    /// <summary>What a closed period reported: read and appended to, never changed (see <see cref="Domain.PeriodSnapshot"/>).</summary>
    public static readonly string[] SnapshotTables = [Configurations.PeriodSnapshotConfiguration.Table, Configurations.SnapshotFigureConfiguration.Table, Configurations.SnapshotFileConfiguration.Table];

    /// <summary>Runs as the owner, in one transaction, so the app role never holds a right on the audit trail it should not.</summary>
    public static async Task GrantAsync(AppDbContext owner, string appRole, CancellationToken cancellationToken = default)
    {
        var app = Quote(appRole);
        var sql = $"""
            GRANT USAGE ON SCHEMA public TO {app};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {app};
            REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {AuditTable} FROM {app};
            REVOKE UPDATE ON SEQUENCE audit_entries_id_seq FROM {app};
            REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {string.Join(", ", SnapshotTables)} FROM {app};
            REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {Configurations.InformePublicationConfiguration.Table} FROM {app};
            REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {Configurations.ThreadMessageConfiguration.Table} FROM {app};
            REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "{HistoryTable}" FROM {app};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {app};
            """;
        var strategy = owner.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await owner.Database.BeginTransactionAsync(cancellationToken);
            await owner.Database.ExecuteSqlRawAsync(sql, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }

    /// <summary>
    /// True when the connected role could erase the audit trail: a superuser, a member of the table's owner,
    /// or one granted TRUNCATE. The app then still works, but the audit trail rests on its good behaviour.
    /// </summary>
    public static async Task<bool> CanEraseAuditAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        await db.Database.SqlQueryRaw<bool>(
            $"SELECT pg_has_role(c.relowner, 'USAGE') OR has_table_privilege(c.oid, 'TRUNCATE') AS \"Value\" FROM pg_class c WHERE c.oid = to_regclass('public.{AuditTable}')")
            .SingleOrDefaultAsync(cancellationToken);

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
