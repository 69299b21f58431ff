using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests;

/// <summary>The app pointed at a closed port: every path that needs the database says so clearly, with a 503.</summary>
public sealed class DatabaseUnavailableTests : IAsyncLifetime
{
    private readonly LogCapture log = new();
    private readonly WebApplicationFactory<Program> factory;

    public DatabaseUnavailableTests() => factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("PEI_DB", "Host=127.0.0.1;Port=1;Database=nada;Username=x;Password=y;Timeout=2");
        builder.UseSetting("PEI_MIGRATE_ON_STARTUP", "false");
        builder.UseSetting("PEI_KEYS_DIR", Path.Combine(Path.GetTempPath(), "pei-test-keys", "unavailable"));
        log.AttachTo(builder);
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();

    private HttpClient Client() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task LoginPost_DatabaseUnreachable_Returns503PageWithTheSpanishMessageAndReference()
    {
        var client = Client();

        var response = await client.SubmitFormAsync("/Cuenta/Ingresar", new Dictionary<string, string>
        {
            ["Input.Email"] = "alguien@test.local",
            ["Input.Password"] = "Prueba2025segura",
        });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("5", response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var page = await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains(DatabaseUnavailable.Message, page.Body!.TextContent);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector(".code")?.TextContent));
    }

    [Fact]
    public async Task LoginPost_DatabaseUnreachable_LogLineCarriesTheReferenceThePageShows()
    {
        var response = await Client().SubmitFormAsync("/Cuenta/Ingresar", new Dictionary<string, string>
        {
            ["Input.Email"] = "alguien@test.local",
            ["Input.Password"] = "Prueba2025segura",
        });

        await RequestLogTests.AssertLoggedWithThePagesReferenceAsync(log, response, "POST", "/Cuenta/Ingresar", HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Api_DatabaseUnreachable_Returns503ProblemWithTheSpanishMessageAndReference()
    {
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "pei_0123456789abcdef");

        var response = await client.GetAsync("/api/v1/planes");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("5", response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(DatabaseUnavailable.Message, problem.GetProperty("detail").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("codigoReferencia").GetString()));
    }

    [Fact]
    public async Task Health_DatabaseUnreachable_Returns503WithTheSpanishMessage()
    {
        var response = await Client().GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains(DatabaseUnavailable.Message, await response.Content.ReadAsStringAsync());
    }
}
