using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests;

/// <summary>
/// One console line per request, and the "código de referencia" an error page shows is the one on its line,
/// so an administrator finds a person's failed request from what they read out.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RequestLogTests(AppFixture app) : IAsyncLifetime
{
    private readonly LogCapture log = new();
    private WebApplicationFactory<Program> factory = null!;

    public Task InitializeAsync()
    {
        factory = app.Factory.WithWebHostBuilder(log.AttachTo);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task UnknownAddress_SignedIn_LogLineCarriesTheReferenceTheErrorPageShows()
    {
        var client = await AppFixture.LoginAsync(factory);

        var response = await client.GetAsync("/Plan/NoExiste");

        await AssertLoggedWithThePagesReferenceAsync(log, response, "GET", "/Plan/NoExiste", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PostNoHandlerTakes_SignedIn_LogLineCarriesTheReferenceTheErrorPageShows()
    {
        var client = await AppFixture.LoginAsync(factory);
        var form = await client.GetDocumentAsync("/Cuenta/Contrasena");
        var token = form.QuerySelector("main form[method=post] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await client.PostAsync("/Tablero/Nacional", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));

        await AssertLoggedWithThePagesReferenceAsync(log, response, "POST", "/Tablero/Nacional", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Request_WithQueryString_LogsThePathWithoutTheQuery()
    {
        // Over real HTTP: the in-memory test server leaves the raw request target empty, so a query string
        // would never reach the line there whatever the options say.
        await using var kestrel = app.Factory.WithWebHostBuilder(log.AttachTo);
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        var address = kestrel.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        var login = await client.SubmitFormAsync("/Cuenta/Ingresar", new Dictionary<string, string>
        {
            ["Input.Email"] = AppFixture.AdminEmail,
            ["Input.Password"] = AppFixture.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var response = await client.GetAsync("/Tablero?anio=2025&clave=secreta-en-la-url");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = await log.RequestLineAsync("GET", "/Tablero");
        Assert.Matches(LineOf("GET", "/Tablero", 200), line);
        Assert.DoesNotContain("secreta", line, StringComparison.Ordinal);
    }

    /// <summary>The line exactly as an operator reads it: "HTTP GET /Tablero responded 200 in 23.1 ms [ref …]".</summary>
    private static Regex LineOf(string method, string path, int status) =>
        new($@"^HTTP {method} {Regex.Escape(path)} responded {status} in [0-9]+\.[0-9] ms \[ref [^\s\]]+\]$");

    /// <summary>The error page answered with <paramref name="status"/>, and its "código de referencia" is on the request's line.</summary>
    internal static async Task AssertLoggedWithThePagesReferenceAsync(LogCapture log, HttpResponseMessage response, string method, string path, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        var page = await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());
        var reference = page.QuerySelector(".code")?.TextContent.Trim();
        Assert.False(string.IsNullOrEmpty(reference), "The error page shows no reference.");
        Assert.Matches(LineOf(method, path, (int)status), await log.RequestLineAsync(reference!));
    }
}
