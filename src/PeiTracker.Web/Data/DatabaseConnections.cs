using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace PeiTracker.Web.Data;

/// <summary>
/// The two PostgreSQL roles the app knows: <see cref="App"/> (PEI_DB), a role that owns nothing and serves
/// every request, and <see cref="Owner"/> (PEI_DB_OWNER), the owner of the schema, used only to migrate and to
/// grant the app role its privileges. Without PEI_DB_OWNER both are PEI_DB, as before least privilege.
/// </summary>
public sealed record DatabaseConnections(string App, string Owner)
{
    public const string MissingConnection = "Falta la cadena de conexión: defina PEI_DB o ConnectionStrings__Default.";

    /// <summary>True when migrations run as another role than the app's, which then receives its grants.</summary>
    public bool SeparateOwner => !string.Equals(AppRole, new NpgsqlConnectionStringBuilder(Owner).Username, StringComparison.Ordinal);

    public string? AppRole => new NpgsqlConnectionStringBuilder(App).Username;

    public static DatabaseConnections From(IConfiguration configuration)
    {
        // PEI_DB wins over ConnectionStrings:Default so one variable configures any environment.
        var app = configuration["PEI_DB"] is { Length: > 0 } fromEnv
            ? fromEnv
            : configuration.GetConnectionString("Default") ?? throw new InvalidOperationException(MissingConnection);
        var owner = configuration["PEI_DB_OWNER"] is { Length: > 0 } ownerFromEnv
            ? ownerFromEnv
            : configuration.GetConnectionString("Owner") is { Length: > 0 } ownerFromSettings ? ownerFromSettings : app;
        return new DatabaseConnections(app, owner);
    }

    /// <summary>The one EF configuration of the app, for either role.</summary>
    public static void Configure(DbContextOptionsBuilder options, string connectionString) => options
        .UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(3))
        .UseSnakeCaseNamingConvention();

    public AppDbContext CreateOwnerContext()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        Configure(options, Owner);
        return new AppDbContext(options.Options);
    }
}
