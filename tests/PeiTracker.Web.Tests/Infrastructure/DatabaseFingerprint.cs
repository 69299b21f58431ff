using Npgsql;

namespace PeiTracker.Web.Tests.Infrastructure;

/// <summary>
/// One md5 over every row of the tables that input can change: institutions and their units, the plan (plans,
/// objectives, actions, indicators and their units), targets (annual and semester), values, evidence (by hash of
/// its bytes), period closures and deadlines, the report's texts and commitments, user units, saved observation reasons and the audit trail. Left out on purpose: accounts and API tokens (signing
/// in and using a token update them by design) and audit rows of kind Exportacion (viewing a
/// report logs an export). A rejected input must leave this value unchanged.
/// </summary>
public static class DatabaseFingerprint
{
    private const string Sql = """
        SELECT md5(coalesce(string_agg(line, E'\n' ORDER BY line), '')) FROM (
            SELECT 'institutions ' || x::text AS line FROM institutions x
            UNION ALL SELECT 'organizational_units ' || x::text FROM organizational_units x
            UNION ALL SELECT 'plans ' || x::text FROM plans x
            UNION ALL SELECT 'objectives ' || x::text FROM objectives x
            UNION ALL SELECT 'actions ' || x::text FROM actions x
            UNION ALL SELECT 'indicators ' || x::text FROM indicators x
            UNION ALL SELECT 'indicator_responsible_units ' || x::text FROM indicator_responsible_units x
            UNION ALL SELECT 'targets ' || x::text FROM targets x
            UNION ALL SELECT 'semester_targets ' || x::text FROM semester_targets x
            UNION ALL SELECT 'indicator_values ' || x::text FROM indicator_values x
            UNION ALL SELECT 'evidence ' || concat_ws(' ', x.id, x.value_id, x.file_name, x.content_type, x.size, x.sha256, md5(x.content)) FROM evidence x
            UNION ALL SELECT 'period_closures ' || x::text FROM period_closures x
            UNION ALL SELECT 'period_deadlines ' || x::text FROM period_deadlines x
            UNION ALL SELECT 'evaluation_narratives ' || x::text FROM evaluation_narratives x
            UNION ALL SELECT 'commitments ' || x::text FROM commitments x
            UNION ALL SELECT 'user_units ' || x::text FROM user_units x
            UNION ALL SELECT 'observation_reasons ' || x::text FROM observation_reasons x
            UNION ALL SELECT 'audit_entries ' || x::text FROM audit_entries x WHERE x.kind <> 'Exportacion'
        ) rows
        """;

    public static async Task<string> OfAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
