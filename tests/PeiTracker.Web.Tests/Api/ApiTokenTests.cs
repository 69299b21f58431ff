using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
        var (_, token) = await CreateTokenAsync(Roles.Registrador);

        var plans = await ApiClient(token).GetFromJsonAsync<JsonElement>("/api/v1/planes");

        Assert.Equal("MRE-PEI-2025-2030", plans[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Token_StoredOnlyAsHash()
    {
        var (_, token) = await CreateTokenAsync(Roles.Registrador, "Hash");

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
        var (_, token) = await CreateTokenAsync(Roles.Registrador);

        var detail = await ApiClient(token).GetFromJsonAsync<JsonElement>($"/api/v1/indicadores/{indicator.Id}");

        var dto = detail.GetProperty("indicator");
        Assert.Equal(indicator.PublishedCode, dto.GetProperty("publishedCode").GetString());
        Assert.Equal(indicator.BaselineValue, dto.GetProperty("baseline").GetProperty("value").GetDecimal());
        Assert.Equal(6, dto.GetProperty("targets").GetArrayLength());
    }

    [Fact]
    public async Task Api_UnknownIndicator_Returns404ProblemInSpanish()
    {
        var (_, token) = await CreateTokenAsync(Roles.Registrador);

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

    [Fact]
    public async Task Token_AccountLockedOut_IsRefusedUntilTheLockoutEnds()
    {
        var (_, token) = await CreateTokenAsync(Roles.Registrador, "Bloqueable");
        var email = await app.QueryAsync(db => db.ApiTokens.Where(t => t.Hash == ApiToken.HashOf(token)).Select(t => t.User!.Email!).SingleAsync());
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await app.CreateClient().SubmitFormAsync("/Cuenta/Ingresar", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "NoEsLaClave123" });
        }

        var response = await ApiClient(token).GetAsync("/api/v1/planes");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Cuenta bloqueada", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        await using (var scope = app.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(email))!, null);
        }

        Assert.Equal(HttpStatusCode.OK, (await ApiClient(token).GetAsync("/api/v1/planes")).StatusCode);
    }

    [Fact]
    public async Task Consulta_TokensPage_OffersNoFormAndTheCreateHandlerRefuses()
    {
        var email = await app.CreateUserAsync(Roles.Consulta);
        var browser = await app.LoginAsync(email);

        var page = await browser.GetDocumentAsync("/Cuenta/Tokens");
        var antiforgery = await browser.AntiforgeryTokenAsync("/Cuenta/Tokens");
        var post = await browser.PostAsync("/Cuenta/Tokens?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["Name"] = "Sistema de un director",
        }));

        Assert.Null(page.QuerySelector("form[action*='handler=Create']"));
        Assert.Contains("no puede crear tokens", page.QuerySelector(".consulta-no-tokens")!.TextContent);
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.StartsWith("/Cuenta/AccesoDenegado", post.Headers.Location!.OriginalString);
        Assert.Equal(0, await app.QueryAsync(db => db.ApiTokens.CountAsync(t => t.User!.Email == email)));
    }
}
