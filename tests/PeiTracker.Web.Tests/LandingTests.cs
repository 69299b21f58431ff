using System.Net;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests;

/// <summary>After signing in, each person lands on the page of their daily work.</summary>
[Collection(AppCollection.Name)]
public class LandingTests(AppFixture app)
{
    [Theory]
    [InlineData(Roles.Consulta, "/Tablero")]
    [InlineData(Roles.Registrador, "/Registro")]
    [InlineData(Roles.Planificador, "/Registro/Revision")]
    [InlineData(Roles.Administrador, "/Registro/Revision")]
    public async Task Root_SignedInRole_RedirectsToTheRolesLanding(string role, string landing)
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(role));

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(landing, response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(landing)).StatusCode);
    }
}
