using System.Net;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Administracion;

/// <summary>Only administrators reach Administración: every page and every handler is checked on the server.</summary>
[Collection(AppCollection.Name)]
public class AccesoTests(AppFixture app)
{
    private static readonly string[] Handlers = ["", "Deactivate", "Reactivate", "ForcePasswordChange", "Unlock"];

    [Theory]
    [InlineData(Roles.Planificador)]
    [InlineData(Roles.Registrador)]
    [InlineData(Roles.Consulta)]
    public async Task EveryGet_NonAdministrator_IsSentToAccessDenied(string role)
    {
        var target = await app.UserIdAsync(await app.CreateUserAsync(Roles.Consulta));
        var client = await app.LoginAsync(await app.CreateUserAsync(role));

        foreach (var url in new[] { "/Administracion", "/Administracion?q=a&estado=activas", "/Administracion/Nuevo", $"/Administracion/Editar/{target}" })
        {
            var response = await client.GetAsync(url);

            Assert.True(IsAccessDenied(response), $"GET {url} answered {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    [Theory]
    [InlineData(Roles.Planificador)]
    [InlineData(Roles.Registrador)]
    [InlineData(Roles.Consulta)]
    public async Task EveryPost_NonAdministratorWithAValidToken_IsSentToAccessDeniedAndChangesNothing(string role)
    {
        var targetEmail = await app.CreateUserAsync(Roles.Consulta);
        var target = await app.UserIdAsync(targetEmail);
        var client = await app.LoginAsync(await app.CreateUserAsync(role));
        var token = await client.AntiforgeryTokenAsync("/Cuenta/Contrasena");
        var posts = Handlers.Select(h => $"/Administracion/Editar/{target}" + (h.Length > 0 ? $"?handler={h}" : "")).Append("/Administracion/Nuevo");

        foreach (var url in posts)
        {
            var response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Email"] = $"intruso-{Guid.NewGuid():N}@test.local",
                ["Input.FullName"] = "Intruso",
                ["Input.Role"] = Roles.Administrador,
                ["Input.GeneratePassword"] = "true",
                ["Deactivation.Reason"] = "Intento",
                ["Note.Reason"] = "Intento",
            }));

            Assert.True(IsAccessDenied(response), $"POST {url} answered {(int)response.StatusCode} {response.Headers.Location}");
        }

        var account = await app.FindAccountAsync(targetEmail);
        Assert.True(account!.IsActive && !account.MustChangePassword && account.Roles.SequenceEqual([Roles.Consulta]), "The target account changed");
    }

    [Fact]
    public async Task Post_AdministratorWithTheSameKindOfToken_IsNotDenied()
    {
        var target = await app.UserIdAsync(await app.CreateUserAsync(Roles.Consulta));
        var client = await app.LoginAsync();
        var token = await client.AntiforgeryTokenAsync("/Cuenta/Contrasena");

        var response = await client.PostAsync($"/Administracion/Editar/{target}?handler=ForcePasswordChange", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Administracion/Editar/{target}", response.Headers.Location!.OriginalString);
    }

    private static bool IsAccessDenied(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && PathOf(response.Headers.Location!).StartsWith("/Cuenta/AccesoDenegado", StringComparison.Ordinal));

    private static string PathOf(Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
}
