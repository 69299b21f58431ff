using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Browser.Tests;

/// <summary>
/// The application on a real Kestrel socket (loopback, random port) with its own PostgreSQL
/// database, and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@browser.local";
    public const string Password = "Prueba2025segura";

    private TestDatabase? database;
    private IPlaywright? playwright;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The mail server the app sends its notices to (in-process, loopback), whose inbox the journeys read.</summary>
    public LoopbackSmtpServer Smtp { get; } = new();

    public static string ScreenshotFolder { get; } = Path.Combine(FindRepositoryRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        await Smtp.StartAsync();
        // A port chosen now, so the links in the e-mails (PEI_PUBLIC_URL) are the address the browser opens.
        var address = $"http://127.0.0.1:{FreePort()}";
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            // Development: static web assets are served from the project's wwwroot (the test host has no publish output).
            builder.UseEnvironment("Development");
            builder.UseSetting("PEI_URLS", address);
            builder.UseSetting("PEI_PUBLIC_URL", address + "/");
            builder.UseSetting("PEI_SMTP_HOST", "127.0.0.1");
            builder.UseSetting("PEI_SMTP_PORT", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("PEI_SMTP_TLS", "none");
            builder.UseSetting("PEI_MAIL_POLL_SECONDS", "1");
            builder.UseSetting("PEI_DB", database.ConnectionString);
            builder.UseSetting("PEI_DB_OWNER", database.OwnerConnectionString);
            builder.UseSetting("PEI_ADMIN_EMAIL", AdminEmail);
            builder.UseSetting("PEI_ADMIN_PASSWORD", Password);
            builder.UseSetting("PEI_LOGIN_RATE_LIMIT", "100000");
            builder.UseSetting("PEI_KEYS_DIR", Path.Combine(Path.GetTempPath(), "pei-test-keys", database.Name));
            builder.UseSetting("PEI_DEMO", "true");
            // Journeys count the bell's notices: reminders would arrive by the real clock in the middle of one.
            builder.UseSetting("PEI_REMINDER_WORKER", "false");
        });
        Factory.UseKestrel();
        Factory.StartServer();
        BaseUrl = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("localhost", "127.0.0.1");

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PEI_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        await Factory.DisposeAsync();
        await Smtp.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A fresh browser context (own cookies), signed in through the login page as a person would.</summary>
    public async Task<IPage> SignedInPageAsync(string email = AdminEmail, string password = Password)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 }, Locale = "es-PE" });
        var page = await context.NewPageAsync();
        Watch(page);
        await page.GotoAsync(BaseUrl + "/");
        await page.GetByLabel("Correo institucional").FillAsync(email);
        await page.GetByLabel("Contraseña").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Cuenta/Ingresar"));
        return page;
    }

    private readonly Dictionary<IPage, List<string>> pageErrors = [];

    /// <summary>Browser-side problems seen on a page: script errors, console errors, failed requests (downloads aside).</summary>
    public IReadOnlyList<string> ErrorsOf(IPage page) => pageErrors.TryGetValue(page, out var errors) ? errors : [];

    public void Watch(IPage page)
    {
        var errors = pageErrors[page] = [];
        page.PageError += (_, error) => errors.Add("script: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add("console: " + message.Text);
            }
        };
        page.RequestFailed += (_, request) =>
        {
            if (request.Failure != "net::ERR_ABORTED")
            {
                errors.Add("request failed: " + request.Url + " " + request.Failure);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                errors.Add($"HTTP {response.Status}: {response.Url}");
            }
        };
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PeiTracker.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? AppContext.BaseDirectory;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
