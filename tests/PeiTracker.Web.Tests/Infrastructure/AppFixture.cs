using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Tests.Infrastructure;

/// <summary>
/// The whole application in-process against its own real PostgreSQL database, migrated and
/// seeded by the application's own start-up, exactly as in production.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@test.local";
    public const string Password = "Prueba2025segura";

    private TestDatabase? database;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    /// <summary>The app's own restricted role, as every request uses it.</summary>
    public string ConnectionString => database!.ConnectionString;

    /// <summary>The schema owner's role, which migrates.</summary>
    public string OwnerConnectionString => database!.OwnerConnectionString;

    public virtual async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("PEI_DB", database.ConnectionString);
            builder.UseSetting("PEI_DB_OWNER", database.OwnerConnectionString);
            builder.UseSetting("PEI_ADMIN_EMAIL", AdminEmail);
            builder.UseSetting("PEI_ADMIN_PASSWORD", Password);
            builder.UseSetting("PEI_LOGIN_RATE_LIMIT", "100000");
            // Reminders follow the real clock in the app; tests run the scheduler's passes themselves, with a clock they move.
            builder.UseSetting("PEI_REMINDER_WORKER", "false");
            builder.UseSetting("PEI_KEYS_DIR", Path.Combine(Path.GetTempPath(), "pei-test-keys", database.Name));
            ConfigureWebHost(builder);
        });
        // Starting the server runs migrations and seeding.
        _ = Factory.Server;
        await Task.CompletedTask;
    }

    /// <summary>What a fixture of its own adds to the application's settings and services.</summary>
    protected virtual void ConfigureWebHost(IWebHostBuilder builder)
    {
    }

    public virtual async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    public HttpClient CreateClient() => CreateClient(Factory);

    public Task<HttpClient> LoginAsync(string email = AdminEmail, string password = Password) => LoginAsync(Factory, email, password);

    /// <summary>Signs in on another host of the same database (one made with <c>Factory.WithWebHostBuilder</c>).</summary>
    public static async Task<HttpClient> LoginAsync(WebApplicationFactory<Program> factory, string email = AdminEmail, string password = Password)
    {
        var client = CreateClient(factory);
        var response = await client.SubmitFormAsync("/Cuenta/Ingresar", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Login as {email} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    private static HttpClient CreateClient(WebApplicationFactory<Program> factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>An account of the given institution, by default the home one (pliego 008), where the seeded plan is.</summary>
    public async Task<string> CreateUserAsync(string role, string? email = null, int? institutionId = null)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var home = institutionId ?? await HomeInstitution.EnsureAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        var user = new AppUser { UserName = email, Email = email, FullName = "Usuario de prueba " + role, EmailConfirmed = true, InstitutionId = home };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        return email;
    }

    public AsyncServiceScope CreateScope() => Factory.Services.CreateAsyncScope();
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
