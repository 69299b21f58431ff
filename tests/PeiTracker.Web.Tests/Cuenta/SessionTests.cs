using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Cuenta;

/// <summary>A session lasts only while the account's security stamp is the one it was issued with.</summary>
[Collection(AppCollection.Name)]
public class SessionTests(AppFixture app)
{
    private static readonly Uri Site = new("http://localhost");

    private static bool SentToSignIn(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.StartsWith("/Cuenta/Ingresar", StringComparison.Ordinal);

    /// <summary>A signed-in client, and a second one holding a copy of its session cookie (as a thief would).</summary>
    private async Task<(HttpClient Owner, HttpClient Copy)> SessionAndCopyAsync(string email)
    {
        var cookies = new CookieContainer();
        var owner = app.Factory.CreateDefaultClient(Site, new CookieContainerHandler(cookies));
        var login = await owner.SubmitFormAsync("/Cuenta/Ingresar", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = AppFixture.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var stolen = new CookieContainer();
        stolen.Add(Site, new Cookie("pei.auth", cookies.GetCookies(Site)["pei.auth"]!.Value));
        return (owner, app.Factory.CreateDefaultClient(Site, new CookieContainerHandler(stolen)));
    }

    [Fact]
    public async Task SignOut_CopiedCookie_IsRefusedAtItsNextRequest()
    {
        var (owner, copy) = await SessionAndCopyAsync(await app.CreateUserAsync(Roles.Consulta));
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/Plan")).StatusCode);

        var signOut = await owner.SubmitFormAsync("/Plan", new Dictionary<string, string>(), "form[action='/Cuenta/Salir']");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.True(SentToSignIn(await copy.GetAsync("/Plan")));
        Assert.True(SentToSignIn(await copy.GetAsync("/Tablero")));
    }

    [Fact]
    public async Task RoleChange_DemotedUser_LosesTheRoleAtTheNextRequest()
    {
        var email = await app.CreateUserAsync(Roles.Planificador);
        var planner = await app.LoginAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await planner.GetAsync("/Auditoria")).StatusCode);
        var admin = await app.LoginAsync();

        var demotion = await admin.PostPageFormAsync($"/Administracion/Editar/{await app.UserIdAsync(email)}", "#edit-form",
            ("Input.FullName", "Usuario de prueba Planificador"), ("Input.Role", Roles.Consulta), ("Input.Reason", "Cambio de funciones"));

        Assert.Equal(HttpStatusCode.Redirect, demotion.StatusCode);
        Assert.True(SentToSignIn(await planner.GetAsync("/Auditoria")));
        var again = await app.LoginAsync(email);
        var denied = await again.GetAsync("/Auditoria");
        Assert.StartsWith("/Cuenta/AccesoDenegado", denied.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task RoleChange_OwnAccount_KeepsTheAdministratorSignedInWithTheNewRole()
    {
        var email = await app.CreateUserAsync(Roles.Administrador);
        var admin = await app.LoginAsync(email);

        await admin.PostPageFormAsync($"/Administracion/Editar/{await app.UserIdAsync(email)}", "#edit-form",
            ("Input.FullName", "Usuario de prueba Administrador"), ("Input.Role", Roles.Planificador));

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Auditoria")).StatusCode);
        Assert.StartsWith("/Cuenta/AccesoDenegado", (await admin.GetAsync("/Administracion")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task NameChange_OpenSessions_Continue()
    {
        var email = await app.CreateUserAsync(Roles.Consulta);
        var person = await app.LoginAsync(email);
        var admin = await app.LoginAsync();

        await admin.PostPageFormAsync($"/Administracion/Editar/{await app.UserIdAsync(email)}", "#edit-form",
            ("Input.FullName", "Nombre corregido"), ("Input.Role", Roles.Consulta));

        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/Plan")).StatusCode);
    }
}
