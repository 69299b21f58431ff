using Npgsql;

namespace PeiTracker.Load;

/// <summary>One value sent by a writer; <see cref="Accepted"/> when the server answered 200.</summary>
public sealed record WriteAttempt(int Writer, Slot Slot, long Sequence, string Marker, int Value, bool WithEvidence, DateTimeOffset Started, DateTimeOffset Ended, bool Accepted);

public sealed record Verification(
    int Accepted,
    int Verified,
    int Lost,
    int Duplicated,
    int CommittedWithoutAnswer,
    int SlotsChecked,
    int SlotsWrong,
    int HalfWritten,
    int OrphanEvidence,
    int EvidenceRows,
    int EvidenceWrong,
    int ValuesWithoutAudit,
    IReadOnlyList<string> Problems)
{
    public bool Ok => Lost == 0 && Duplicated == 0 && SlotsWrong == 0 && HalfWritten == 0 && OrphanEvidence == 0 && EvidenceWrong == 0 && ValuesWithoutAudit == 0;
}

/// <summary>
/// Checks in PostgreSQL, after the run, that the server kept its word. Each write carries a unique
/// marker in its comment, which the app copies into the value row and into the audit row's reason:
/// every accepted write must have exactly one audit row; each slot's final value and comment must be
/// the last accepted write (or a later one whose answer was lost to the fault); and, across the whole
/// database, no value is half-written (value without its audit row, evidence without its value).
/// </summary>
public static class WriteVerifier
{
    public static async Task<Verification> VerifyAsync(NpgsqlDataSource db, string runId, IReadOnlyList<WriteAttempt> attempts)
    {
        var problems = new List<string>();
        var prefix = $"carga {runId} %";
        var audit = new Dictionary<string, List<(long Id, int? IndicatorId)>>();
        await using (var command = db.CreateCommand("SELECT id, reason, indicator_id FROM audit_entries WHERE reason LIKE @prefix ORDER BY id"))
        {
            command.Parameters.AddWithValue("prefix", prefix);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var marker = reader.GetString(1);
                if (!audit.TryGetValue(marker, out var rows))
                {
                    audit[marker] = rows = [];
                }

                rows.Add((reader.GetInt64(0), reader.IsDBNull(2) ? null : reader.GetInt32(2)));
            }
        }

        var values = new Dictionary<Slot, (decimal? Value, string? Comment)>();
        await using (var command = db.CreateCommand("SELECT indicator_id, year, period, value, comment FROM indicator_values WHERE comment LIKE @prefix"))
        {
            command.Parameters.AddWithValue("prefix", prefix);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                values[new Slot(reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2))] =
                    (reader.IsDBNull(3) ? null : reader.GetDecimal(3), reader.IsDBNull(4) ? null : reader.GetString(4));
            }
        }

        var evidence = new Dictionary<Slot, int>();
        await using (var command = db.CreateCommand("""
            SELECT v.indicator_id, v.year, v.period, count(*) FROM evidence e JOIN indicator_values v ON v.id = e.value_id
            WHERE v.comment LIKE @prefix GROUP BY v.indicator_id, v.year, v.period
            """))
        {
            command.Parameters.AddWithValue("prefix", prefix);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                evidence[new Slot(reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2))] = (int)reader.GetInt64(3);
            }
        }

        var byMarker = attempts.ToDictionary(a => a.Marker);
        int verified = 0, lost = 0, duplicated = 0;
        foreach (var write in attempts.Where(a => a.Accepted))
        {
            var count = audit.TryGetValue(write.Marker, out var rows) ? rows.Count(r => r.IndicatorId == write.Slot.IndicatorId) : 0;
            if (count == 1)
            {
                verified++;
            }
            else if (count == 0)
            {
                lost++;
                Note(problems, $"accepted write {write.Marker} ({write.Slot}) has no audit row");
            }
            else
            {
                duplicated++;
                Note(problems, $"accepted write {write.Marker} ({write.Slot}) has {count} audit rows");
            }
        }

        var committedWithoutAnswer = attempts.Count(a => !a.Accepted && audit.ContainsKey(a.Marker));
        foreach (var marker in audit.Keys.Where(m => !byMarker.ContainsKey(m)))
        {
            Note(problems, $"audit row with marker {marker} that no writer sent");
        }

        int slotsChecked = 0, slotsWrong = 0, halfWritten = 0, evidenceWrong = 0;
        foreach (var slot in attempts.GroupBy(a => a.Slot))
        {
            var sent = slot.OrderBy(a => a.Sequence).ToList();
            var lastAccepted = sent.LastOrDefault(a => a.Accepted);
            values.TryGetValue(slot.Key, out var current);
            // The slot's value row must be the audited write that came last: a half-written save would leave them apart.
            var lastAudited = sent.Where(a => audit.ContainsKey(a.Marker)).MaxBy(a => audit[a.Marker].Max(r => r.Id));
            if (current.Comment is not null && (lastAudited is null || lastAudited.Marker != current.Comment))
            {
                halfWritten++;
                Note(problems, $"slot {slot.Key}: value row says {current.Comment}, last audit row says {lastAudited?.Marker ?? "nothing"}");
            }
            else if (current.Comment is null && lastAudited is not null)
            {
                halfWritten++;
                Note(problems, $"slot {slot.Key}: audit rows but no value row");
            }

            // Evidence is saved with its value and audit row or not at all: one file per committed write that carried one.
            var expectedEvidence = sent.Count(a => a.WithEvidence && audit.ContainsKey(a.Marker));
            if (evidence.GetValueOrDefault(slot.Key) != expectedEvidence)
            {
                evidenceWrong++;
                Note(problems, $"slot {slot.Key}: {evidence.GetValueOrDefault(slot.Key)} evidence files, {expectedEvidence} committed writes carried one");
            }

            if (lastAccepted is null)
            {
                continue;
            }

            slotsChecked++;
            var final = current.Comment is null ? null : byMarker.GetValueOrDefault(current.Comment);
            var acceptable = final is not null && final.Slot == slot.Key && current.Value == final.Value
                && (final.Marker == lastAccepted.Marker || (!final.Accepted && final.Sequence > lastAccepted.Sequence));
            if (!acceptable)
            {
                slotsWrong++;
                Note(problems, $"slot {slot.Key}: final {current.Value} '{current.Comment}', expected {lastAccepted.Value} '{lastAccepted.Marker}'");
            }
        }

        var orphanEvidence = await CountAsync(db, "SELECT count(*) FROM evidence e WHERE NOT EXISTS (SELECT 1 FROM indicator_values v WHERE v.id = e.value_id)");
        var withoutAudit = await CountAsync(db, """
            SELECT count(*) FROM indicator_values v
            WHERE NOT v.is_demo AND NOT EXISTS (SELECT 1 FROM audit_entries a WHERE a.indicator_id = v.indicator_id AND a.kind = 'Valor')
            """);
        return new Verification(attempts.Count(a => a.Accepted), verified, lost, duplicated, committedWithoutAnswer, slotsChecked, slotsWrong,
            halfWritten, (int)orphanEvidence, evidence.Values.Sum(), evidenceWrong, (int)withoutAudit, problems);
    }

    private static async Task<long> CountAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static void Note(List<string> problems, string problem)
    {
        if (problems.Count < 20)
        {
            problems.Add(problem);
        }
    }
}
