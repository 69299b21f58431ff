using System.Net;
using PeiTracker.Web.Data;
using PeiTracker.Web.Pages.Administracion;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Administracion;

/// <summary>
/// The system always keeps an active administrator. These tests need to know exactly who the
/// administrators are, so they run on their own database, where the fixture's administrator is the only one.
/// </summary>
public class UltimoAdministradorTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<(HttpClient Client, string Url)> OnlyAdministratorAsync()
    {
        var client = await app.LoginAsync();
        return (client, $"/Administracion/Editar/{await app.UserIdAsync(AppFixture.AdminEmail)}");
    }

    [Fact]
    public async Task Deactivate_LastActiveAdministratorThemself_IsRefused()
    {
        var (client, url) = await OnlyAdministratorAsync();

        var response = await client.PostPageFormAsync(url, "#deactivate-form", ("Deactivation.Reason", "Me voy"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EditarModel.LastAdministratorDeactivation, await AccountTestData.FieldErrorAsync(response, "Deactivation.Reason"));
        Assert.True((await app.FindAccountAsync(AppFixture.AdminEmail))!.IsActive);
    }

    [Theory]
    [InlineData(Roles.Planificador)]
    [InlineData(Roles.Consulta)]
    public async Task Demote_LastActiveAdministratorThemself_IsRefused(string role)
    {
        var (client, url) = await OnlyAdministratorAsync();

        var response = await client.PostPageFormAsync(url, "#edit-form", ("Input.FullName", "Administrador"), ("Input.Role", role));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EditarModel.LastAdministratorDemotion, await AccountTestData.FieldErrorAsync(response, "Input.Role"));
        // The first administrator also runs the platform (DatabaseInitializer): that role is not the institution's to take.
        Assert.Equal([Roles.Administrador, Roles.AdministradorPlataforma], (await app.FindAccountAsync(AppFixture.AdminEmail))!.Roles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Demote_SelfWhileAnotherAdministratorIsActive_IsAllowed()
    {
        var other = await app.CreateUserAsync(Roles.Administrador);
        var client = await app.LoginAsync(other);

        var response = await client.PostPageFormAsync($"/Administracion/Editar/{await app.UserIdAsync(other)}", "#edit-form",
            ("Input.FullName", "Usuario de prueba Administrador"), ("Input.Role", Roles.Planificador));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal([Roles.Planificador], (await app.FindAccountAsync(other))!.Roles);
    }
}
