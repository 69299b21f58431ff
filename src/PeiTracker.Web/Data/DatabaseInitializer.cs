using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PeiTracker.Web.Data.Seed;
using PeiTracker.Web.Infrastructure;

namespace PeiTracker.Web.Data;

/// <summary>
/// Brings a database to the current schema and reference data: migrations and the app role's privileges (as
/// the owner, <see cref="DatabaseConnections"/>), roles, the first administrator (from PEI_ADMIN_EMAIL /
/// PEI_ADMIN_PASSWORD) and the official plan (as the app). Safe to run at every start.
/// </summary>
public sealed class DatabaseInitializer(
    AppDbContext db,
    DatabaseConnections connections,
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    PlanSeeder planSeeder,
    ArticulationSeeder articulationSeeder,
    Points.ReportingPointSeeder pointSeeder,
    DemoDataSeeder demoSeeder,
    DemoMode demoMode,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await MigrateAsOwnerAsync(cancellationToken);
        if (await DatabasePrivileges.CanEraseAuditAsync(db, cancellationToken))
        {
            logger.LogWarning("The app's PostgreSQL role can erase the audit trail (superuser, owner or TRUNCATE): " +
                "connect PEI_DB as a role that owns nothing and migrate through PEI_DB_OWNER (README, Configuration)");
        }

        foreach (var role in Roles.Every)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        // The plan first: its institution is the first administrator's.
        var seedFile = configuration["PEI_SEED_FILE"] is { Length: > 0 } custom ? custom : PlanSeeder.DefaultPath;
        if (configuration.GetValue("PEI_SEED_PLAN", true) && File.Exists(seedFile))
        {
            if (!await planSeeder.SeedAsync(seedFile, cancellationToken))
            {
                await planSeeder.UpdateAsync(seedFile, cancellationToken);
            }

            await articulationSeeder.SeedAsync(seedFile, cancellationToken);
            await pointSeeder.SeedAsync(Points.ReportingPointFile.DefaultPath, cancellationToken);
        }

        await EnsureAdministratorAsync(cancellationToken);

        if (configuration.GetValue("PEI_DEMO", false) && await db.ResolveCodeAsync(null, cancellationToken) is { } planCode)
        {
            await demoSeeder.SeedAsync(planCode, cancellationToken);
        }

        demoMode.IsActive = await db.Values.AnyAsync(v => v.IsDemo, cancellationToken);
    }

    private async Task MigrateAsOwnerAsync(CancellationToken cancellationToken)
    {
        await using var owner = connections.CreateOwnerContext();
        try
        {
            // Creating the history table first spares a fresh database a logged "relation does not exist" error.
            await owner.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            await owner.Database.MigrateAsync(cancellationToken);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new InvalidOperationException(
                "El rol de PostgreSQL no puede crear ni modificar el esquema: defina PEI_DB_OWNER con la conexión del rol dueño " +
                "de la base de datos, o PEI_MIGRATE_ON_STARTUP=false si las migraciones se aplican aparte.", e);
        }

        if (connections.SeparateOwner && connections.AppRole is { Length: > 0 } appRole)
        {
            await DatabasePrivileges.GrantAsync(owner, appRole, cancellationToken);
        }
    }

    /// <summary>
    /// The first administrator administers the home institution (the ministry, pliego 008, or the first one there
    /// is) and the platform, so an installation can be run from its first sign-in: other institutions and their
    /// administrators are created from there.
    /// </summary>
    private async Task EnsureAdministratorAsync(CancellationToken cancellationToken)
    {
        var email = configuration["PEI_ADMIN_EMAIL"];
        var password = configuration["PEI_ADMIN_PASSWORD"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            return;
        }

        if (await users.FindByEmailAsync(email) is { } existing)
        {
            // An installation from before institutions has no platform administrator yet: its first administrator becomes it.
            if ((await users.GetUsersInRoleAsync(Roles.AdministradorPlataforma)).Count == 0)
            {
                await users.AddToRoleAsync(existing, Roles.AdministradorPlataforma);
                logger.LogInformation("{Email} now administers the platform (institutions and their first administrators)", email);
            }

            return;
        }

        var admin = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = "Administrador",
            CreatedAt = clock.GetUtcNow(),
            InstitutionId = await HomeInstitution.EnsureAsync(db, cancellationToken),
        };
        var result = await users.CreateAsync(admin, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("No se pudo crear el administrador inicial: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRolesAsync(admin, [Roles.Administrador, Roles.AdministradorPlataforma]);
        logger.LogInformation("Created the first administrator {Email}", email);
    }
}
