using System.Net;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests;

[Collection(AppCollection.Name)]
public class AuthorizationTests(AppFixture app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Plan")]
    [InlineData("/Plan/Indicador/1")]
    [InlineData("/Tablero")]
    [InlineData("/Registro")]
    [InlineData("/Reportes")]
    [InlineData("/Administracion")]
    public async Task AnonymousRequest_AnyPage_RedirectsToLogin(string url)
    {
        var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Cuenta/Ingresar", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task LoginPage_Anonymous_IsServed()
    {
        var response = await app.CreateClient().GetAsync("/Cuenta/Ingresar");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task StaticFile_Anonymous_IsServed()
    {
        var response = await app.CreateClient().GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(Roles.Consulta)]
    [InlineData(Roles.Registrador)]
    [InlineData(Roles.Planificador)]
    public async Task Administration_NonAdministrator_IsDenied(string role)
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(role));

        var response = await client.GetAsync("/Administracion");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Cuenta/AccesoDenegado", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Administration_Administrator_ListsUsers()
    {
        var client = await app.LoginAsync();

        var page = await client.GetDocumentAsync("/Administracion");

        Assert.Contains(AppFixture.AdminEmail, page.QuerySelector("table")!.TextContent);
    }
}
