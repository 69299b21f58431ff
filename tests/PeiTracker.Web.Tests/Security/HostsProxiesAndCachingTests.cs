using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Security;

/// <summary>Which Host headers and forwarded headers the app believes, and what browsers may keep.</summary>
[Collection(AppCollection.Name)]
public class HostsProxiesAndCachingTests(AppFixture app)
{
    [Fact]
    public async Task SignInRedirect_ForgedHostHeader_StaysOnTheSite()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Host = "evil.example";

        var response = await client.GetAsync("/Plan");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Cuenta/Ingresar?ReturnUrl=", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AllowedHosts_FromTheEnvironment_RefuseAnyOtherHost()
    {
        await using var factory = app.Factory.WithWebHostBuilder(builder => builder.UseSetting("PEI_ALLOWED_HOSTS", "peitracker.rree.gob.pe; localhost"));
        var listed = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://peitracker.rree.gob.pe") });
        var other = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example") });

        Assert.Equal(HttpStatusCode.OK, (await listed.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await other.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task ForwardedHeaders_NothingConfigured_BelieveNoProxy()
    {
        await using var factory = app.Factory.WithWebHostBuilder(builder => builder.UseSetting("PEI_LOGIN_RATE_LIMIT", "1"));

        var first = await SignInThroughProxyAsync(factory, "203.0.113.5");
        var second = await SignInThroughProxyAsync(factory, "203.0.113.6");

        // Without a trusted proxy every client counts as the proxy's own address (the same partition).
        Assert.NotEqual(StatusCodes.Status429TooManyRequests, first);
        Assert.Equal(StatusCodes.Status429TooManyRequests, second);
    }

    [Fact]
    public async Task ForwardedHeaders_TrustedProxy_RateLimitsEachClientByItsOwnAddress()
    {
        await using var factory = app.Factory.WithWebHostBuilder(builder => builder
            .UseSetting("PEI_LOGIN_RATE_LIMIT", "1")
            .UseSetting("PEI_FORWARDED_PROXIES", Proxy.ToString()));

        var first = await SignInThroughProxyAsync(factory, "203.0.113.5");
        var otherClient = await SignInThroughProxyAsync(factory, "203.0.113.6");
        var firstAgain = await SignInThroughProxyAsync(factory, "203.0.113.5");

        Assert.NotEqual(StatusCodes.Status429TooManyRequests, first);
        Assert.NotEqual(StatusCodes.Status429TooManyRequests, otherClient);
        Assert.Equal(StatusCodes.Status429TooManyRequests, firstAgain);
    }

    [Fact]
    public async Task ForwardedNetworks_FromTheEnvironment_ReplaceTheLoopbackDefaults()
    {
        await using var factory = app.Factory.WithWebHostBuilder(builder => builder.UseSetting("PEI_FORWARDED_NETWORKS", "10.0.0.0/8, 172.16.0.0/12"));

        var options = factory.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.Equal(["10.0.0.0/8", "172.16.0.0/12"], options.KnownIPNetworks.Select(n => n.ToString()));
        Assert.Empty(options.KnownProxies);
    }

    [Fact]
    public async Task ForwardedProxies_NotAnAddress_StopsTheStartWithASpanishMessage()
    {
        await using var factory = app.Factory.WithWebHostBuilder(builder => builder.UseSetting("PEI_FORWARDED_PROXIES", "proxy.interno"));

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("«proxy.interno» no es una dirección IP", error.ToString());
    }

    [Fact]
    public async Task EvidenceDownload_SignedIn_IsNeverStored()
    {
        var id = await EvidenceAsync();
        var client = await app.LoginAsync();

        var response = await client.GetAsync($"/Registro/Evidencia/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Theory]
    [InlineData("/Reportes/Seguimiento?anio=2025&periodo=A")]
    [InlineData("/Plan/Matriz/Descargar")]
    [InlineData("/Plan/Articulacion/Descargar/b2")]
    [InlineData("/Tablero")]
    public async Task ExportsAndPages_SignedIn_AreNeverStored(string url)
    {
        var client = await app.LoginAsync();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore, $"{url}: Cache-Control {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task StaticFile_SignedIn_KeepsItsOwnCaching()
    {
        var client = await app.LoginAsync();

        var response = await client.GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.CacheControl?.NoStore ?? false);
    }

    private static readonly IPAddress Proxy = IPAddress.Parse("192.0.2.10");

    /// <summary>A sign-in post (without its anti-forgery token) that reaches the app from the proxy for the given client.</summary>
    private static async Task<int> SignInThroughProxyAsync(WebApplicationFactory<Program> factory, string client)
    {
        var context = await factory.Server.SendAsync(http =>
        {
            http.Request.Method = HttpMethods.Post;
            http.Request.Path = "/Cuenta/Ingresar";
            http.Request.Headers["X-Forwarded-For"] = client;
            http.Connection.RemoteIpAddress = Proxy;
        });
        return context.Response.StatusCode;
    }

    private async Task<int> EvidenceAsync()
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var indicatorId = await db.Indicators.OrderBy(i => i.Id).Skip(5).Select(i => i.Id).FirstAsync();
        var value = new IndicatorValue { IndicatorId = indicatorId, Year = 2028, Period = PeriodKind.SegundoSemestre, Value = 1m, CreatedBy = "prueba", CreatedAt = DateTimeOffset.UtcNow };
        value.Evidence.Add(new Evidence
        {
            FileName = "acta.pdf",
            ContentType = "application/pdf",
            Size = 8,
            Sha256 = new string('0', 64),
            Content = "%PDF-1.7"u8.ToArray(),
            UploadedBy = "prueba",
            UploadedAt = DateTimeOffset.UtcNow,
        });
        db.Values.Add(value);
        await db.SaveChangesAsync();
        return value.Evidence.Single().Id;
    }
}
