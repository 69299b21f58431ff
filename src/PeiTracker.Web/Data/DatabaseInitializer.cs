using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PeiTracker.Web.Data.Seed;
using PeiTracker.Web.Infrastructure;

namespace PeiTracker.Web.Data;

/// <summary>
/// Brings a database to the current schema and reference data: migrations, roles, the first
/// administrator (from PEI_ADMIN_EMAIL / PEI_ADMIN_PASSWORD) and the official plan. Safe to run at every start.
/// </summary>
public sealed class DatabaseInitializer(
    AppDbContext db,
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    PlanSeeder planSeeder,
    DemoDataSeeder demoSeeder,
    DemoMode demoMode,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        // Creating the history table first spares a fresh database a logged "relation does not exist" error.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);

        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        await EnsureAdministratorAsync();

        var seedFile = configuration["PEI_SEED_FILE"] is { Length: > 0 } custom ? custom : PlanSeeder.DefaultPath;
        if (configuration.GetValue("PEI_SEED_PLAN", true) && File.Exists(seedFile))
        {
            await planSeeder.SeedAsync(seedFile, cancellationToken);
        }

        if (configuration.GetValue("PEI_DEMO", false) && await db.ResolveCodeAsync(null, cancellationToken) is { } planCode)
        {
            await demoSeeder.SeedAsync(planCode, cancellationToken);
        }

        demoMode.IsActive = await db.Values.AnyAsync(v => v.IsDemo, cancellationToken);
    }

    private async Task EnsureAdministratorAsync()
    {
        var email = configuration["PEI_ADMIN_EMAIL"];
        var password = configuration["PEI_ADMIN_PASSWORD"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            return;
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        var admin = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = "Administrador",
            CreatedAt = clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(admin, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("No se pudo crear el administrador inicial: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(admin, Roles.Administrador);
        logger.LogInformation("Created the first administrator {Email}", email);
    }
}
