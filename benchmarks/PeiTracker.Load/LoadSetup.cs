using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace PeiTracker.Load;

/// <summary>A (indicator, year, period) a single writer owns for the whole run, so its final value is known.</summary>
public sealed record Slot(int IndicatorId, int Year, string Period)
{
    /// <summary>The period as the API takes it.</summary>
    public string ApiPeriod => Period switch { "PrimerSemestre" => "S1", "SegundoSemestre" => "S2", _ => "A" };

    public override string ToString() => $"{IndicatorId}/{Year}/{ApiPeriod}";
}

/// <summary>A virtual user who enters values: through the JSON API with its token, or through the entry form with its password.</summary>
public sealed record Writer(int Number, string Email, string Role, string Token, bool ViaForm, IReadOnlyList<Slot> Slots);

/// <summary>
/// Prepares the writers straight in PostgreSQL: users with the Planificador or Registrador role (a
/// Registrador answers for one unit and writes only that unit's indicators), each with a personal API
/// token stored as its hash, exactly as the Tokens page stores it; form writers get a password hashed
/// the way ASP.NET Core Identity hashes it. Every write then goes through the app.
/// </summary>
public static class LoadSetup
{
    public const string FormWriterPassword = "Carga2025pei";

    public static async Task<IReadOnlyList<Writer>> CreateWritersAsync(NpgsqlDataSource db, string runId, int apiWriters, int formWriters, int slotsPerWriter)
    {
        var count = apiWriters + formWriters;
        var candidates = await FreeSlotsAsync(db);
        var byUnit = candidates.GroupBy(c => c.UnitId).OrderByDescending(g => g.Count()).ToList();
        var taken = new HashSet<Slot>();
        var writers = new List<Writer>();
        await using var connection = await db.OpenConnectionAsync();
        for (var n = 1; n <= count; n++)
        {
            // Odd writers are Registradores of the unit with the most free slots left; even ones are Planificadores (OGPP).
            var registrador = n % 2 == 1;
            int? unitId = null;
            IEnumerable<(Slot Slot, int UnitId)> pool = candidates;
            if (registrador)
            {
                var unit = byUnit.FirstOrDefault(g => g.Count(c => !taken.Contains(c.Slot)) >= slotsPerWriter);
                if (unit is null)
                {
                    registrador = false;
                }
                else
                {
                    unitId = unit.Key;
                    pool = unit;
                }
            }

            var slots = pool.Select(c => c.Slot).Where(s => !taken.Contains(s)).Take(slotsPerWriter).ToList();
            if (slots.Count < slotsPerWriter)
            {
                throw new InvalidOperationException($"Not enough free (indicator, year, period) slots for {count} writers x {slotsPerWriter}.");
            }

            taken.UnionWith(slots);
            var role = registrador ? "Registrador" : "Planificador";
            var email = $"carga.{runId}.w{n}@peitracker.local";
            var token = "pei_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            var viaForm = n > apiWriters;
            await using var tx = await connection.BeginTransactionAsync();
            var userId = Guid.NewGuid().ToString();
            await ExecuteAsync(connection, tx, """
                INSERT INTO "AspNetUsers" (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, security_stamp,
                    concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, full_name, is_active,
                    must_change_password, created_at, password_hash)
                VALUES (@id, @email, upper(@email), @email, upper(@email), true, @stamp, @stamp, false, false, true, 0, @name, true, false, now(), @hash)
                """, ("id", userId), ("email", email), ("stamp", Guid.NewGuid().ToString()), ("name", $"Carga {runId} escritor {n} ({role})"),
                ("hash", viaForm ? IdentityV3Hash(FormWriterPassword) : DBNull.Value));
            await ExecuteAsync(connection, tx, """
                INSERT INTO "AspNetUserRoles" (user_id, role_id) SELECT @id, r.id FROM "AspNetRoles" r WHERE r.name = @role
                """, ("id", userId), ("role", role));
            if (unitId is { } unit1)
            {
                await ExecuteAsync(connection, tx, "INSERT INTO user_units (user_id, unit_id) VALUES (@id, @unit)", ("id", userId), ("unit", unit1));
            }

            await ExecuteAsync(connection, tx, """
                INSERT INTO api_tokens (user_id, name, hint, hash, created_at) VALUES (@id, 'Prueba de carga', @hint, @hash, now())
                """, ("id", userId), ("hint", token[..10]), ("hash", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))));
            await tx.CommitAsync();
            writers.Add(new Writer(n, email, role, token, viaForm, slots));
        }

        return writers;
    }

    public static async Task<IReadOnlyList<int>> IndicatorIdsAsync(NpgsqlDataSource db)
    {
        var ids = new List<int>();
        await using var command = db.CreateCommand("SELECT id FROM indicators ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    /// <summary>
    /// Slots with no value yet, in periods that have started and are not closed, of indicators whose
    /// unit takes any whole number from 0 to 99 (an index may be limited to 0-1, so indices are left out).
    /// </summary>
    private static async Task<List<(Slot Slot, int UnitId)>> FreeSlotsAsync(NpgsqlDataSource db)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-5));
        await using var command = db.CreateCommand("""
            SELECT i.id, y.year, p.period, min(u.unit_id)
            FROM indicators i
            JOIN plans pl ON pl.id = i.plan_id
            JOIN indicator_responsible_units u ON u.indicator_id = i.id
            CROSS JOIN LATERAL generate_series(pl.first_year, least(pl.last_year, @year)) AS y(year)
            CROSS JOIN (VALUES ('Anual', 1), ('PrimerSemestre', 1), ('SegundoSemestre', 7)) AS p(period, start_month)
            WHERE i.unit <> 'Indice'
              AND (p.period = 'Anual' OR pl.semester_follow_up)
              AND make_date(y.year, p.start_month, 1) <= @today
              AND NOT EXISTS (SELECT 1 FROM indicator_values v WHERE v.indicator_id = i.id AND v.year = y.year AND v.period = p.period)
              AND NOT EXISTS (SELECT 1 FROM period_closures c WHERE c.plan_id = pl.id AND c.year = y.year AND c.period = p.period AND c.reopened_at IS NULL)
            GROUP BY i.id, y.year, p.period
            ORDER BY i.id, y.year, p.period
            """);
        command.Parameters.AddWithValue("year", today.Year);
        command.Parameters.AddWithValue("today", today);
        var slots = new List<(Slot, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            slots.Add((new Slot(reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2)), reader.GetInt32(3)));
        }

        return slots;
    }

    /// <summary>ASP.NET Core Identity's version 3 format: PBKDF2 with HMAC-SHA512, 100 000 iterations, 128-bit salt, 256-bit key.</summary>
    private static string IdentityV3Hash(string password)
    {
        const int iterations = 100_000;
        var salt = RandomNumberGenerator.GetBytes(16);
        var key = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA512, 32);
        var output = new byte[13 + salt.Length + key.Length];
        output[0] = 0x01;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(1), 2);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(5), iterations);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(9), (uint)salt.Length);
        salt.CopyTo(output, 13);
        key.CopyTo(output, 13 + salt.Length);
        return Convert.ToBase64String(output);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
