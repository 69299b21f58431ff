using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Api;

[Collection(AppCollection.Name)]
public class ApiTokenTests(AppFixture app)
{
    private async Task<(HttpClient Browser, string Token)> CreateTokenAsync(string role, string name = "Sistema de prueba")
    {
        var browser = await app.LoginAsync(await app.CreateUserAsync(role));
        var response = await browser.SubmitFormAsync("/Cuenta/Tokens", new Dictionary<string, string> { ["Name"] = name }, "form[action*='handler=Create']");
        var page = await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());
        return (browser, page.QuerySelector(".new-token")!.TextContent.Trim());
    }

    private HttpClient ApiClient(string? token)
    {
        var client = app.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    [Fact]
    public async Task Token_Valid_ReadsThePlans()
    {
        var (_, token) = await CreateTokenAsync(Roles.Consulta);

        var plans = await ApiClient(token).GetFromJsonAsync<JsonElement>("/api/v1/planes");

        Assert.Equal("MRE-PEI-2025-2030", plans[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Token_StoredOnlyAsHash()
    {
        var (_, token) = await CreateTokenAsync(Roles.Consulta, "Hash");

        var stored = await app.QueryAsync(db => db.ApiTokens.Where(t => t.Name == "Hash").Select(t => t.Hash).ToListAsync());

        Assert.DoesNotContain(token, stored);
        Assert.Contains(ApiToken.HashOf(token), stored);
    }

    [Fact]
    public async Task Token_Revoked_IsRefusedWithSpanishProblemDetails()
    {
        var (browser, token) = await CreateTokenAsync(Roles.Planificador, "Revocable");
        var id = await app.QueryAsync(db => db.ApiTokens.Where(t => t.Hash == ApiToken.HashOf(token)).Select(t => t.Id).SingleAsync());
        await browser.SubmitFormAsync("/Cuenta/Tokens", new Dictionary<string, string>(), $"form[action*='handler=Revoke'][action*='id={id}']");

        var response = await ApiClient(token).GetAsync("/api/v1/planes");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("No autenticado", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("pei_0000000000000000000000000000000000000000000000")]
    [InlineData("no-es-un-token")]
    public async Task Api_MissingOrUnknownToken_Returns401(string? token)
    {
        var response = await ApiClient(token).GetAsync("/api/v1/planes");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_BrowserCookieAlone_DoesNotAuthenticate()
    {
        var browser = await app.LoginAsync();

        var response = await browser.GetAsync("/api/v1/planes");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_IndicatorDetail_ReturnsBaselineAndTargets()
    {
        var indicator = await app.IndicatorWithFullDataAsync(0);
        var (_, token) = await CreateTokenAsync(Roles.Consulta);

        var detail = await ApiClient(token).GetFromJsonAsync<JsonElement>($"/api/v1/indicadores/{indicator.Id}");

        var dto = detail.GetProperty("indicator");
        Assert.Equal(indicator.PublishedCode, dto.GetProperty("publishedCode").GetString());
        Assert.Equal(indicator.BaselineValue, dto.GetProperty("baseline").GetProperty("value").GetDecimal());
        Assert.Equal(6, dto.GetProperty("targets").GetArrayLength());
    }

    [Fact]
    public async Task Api_UnknownIndicator_Returns404ProblemInSpanish()
    {
        var (_, token) = await CreateTokenAsync(Roles.Consulta);

        var response = await ApiClient(token).GetAsync("/api/v1/indicadores/999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No existe el indicador", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheVersionedApi()
    {
        var browser = await app.LoginAsync();

        var document = await browser.GetFromJsonAsync<JsonElement>("/api/v1/openapi.json");

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/planes", out _));
    }
}
