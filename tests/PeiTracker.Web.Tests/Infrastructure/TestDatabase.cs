using Npgsql;

namespace PeiTracker.Web.Tests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database for a test fixture, on the server that scripts/test.sh starts
/// (PEI_TEST_DB), set up as in production: owned by <see cref="OwnerRole"/>, which migrates it, and
/// used by the app as <see cref="AppRole"/>, which owns nothing. Dropped when the fixture is disposed.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string OwnerRole = "pei_test_owner";

    public const string AppRole = "pei_test_app";

    private readonly string serverConnectionString;

    private TestDatabase(string serverConnectionString, string name, string password)
    {
        this.serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name, Username = AppRole, Password = password, Pooling = true }.ConnectionString;
        OwnerConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name, Username = OwnerRole, Password = password, Pooling = true }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>The app's restricted role (PEI_DB).</summary>
    public string ConnectionString { get; }

    /// <summary>The owner of the schema (PEI_DB_OWNER).</summary>
    public string OwnerConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("PEI_TEST_DB");
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                "PEI_TEST_DB is not set: run the tests with ./scripts/test.sh, which starts a throwaway PostgreSQL, " +
                "or set PEI_TEST_DB to a server connection string (Host=...;Port=...;Username=...;Password=...).");
        }

        var password = new NpgsqlConnectionStringBuilder(server).Password ?? "pei-test";
        var name = "pei_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        foreach (var role in new[] { OwnerRole, AppRole })
        {
            // Roles belong to the whole cluster and other test processes may create them at the same moment.
            await ExecuteAsync(connection, $"""
                DO $$ BEGIN
                    CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}';
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                END $$
                """);
        }

        await ExecuteAsync(connection, $"CREATE DATABASE \"{name}\" OWNER {OwnerRole}");
        return new TestDatabase(server, name, password);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
