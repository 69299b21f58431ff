using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Cuenta;

[Collection(AppCollection.Name)]
public class ContrasenaTests(AppFixture app)
{
    private const string Url = "/Cuenta/Contrasena";
    private const string Form = "main form[method=post]";
    private const string NewPassword = "NuevaClave2026ok";

    private static (string, string)[] Change(string current, string next, string? confirmation = null) =>
    [
        ("Input.CurrentPassword", current),
        ("Input.NewPassword", next),
        ("Input.ConfirmPassword", confirmation ?? next),
    ];

    private Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        app.CreateClient().SubmitFormAsync("/Cuenta/Ingresar", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    /// <summary>What an administrator's «Exigir cambio de contraseña» does (tested in Administracion/EditarTests).</summary>
    private async Task ForceChangeAsync(string email)
    {
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        user.MustChangePassword = true;
        await users.UpdateAsync(user);
    }

    [Fact]
    public async Task ChangePassword_GoodInput_ChangesItKeepsTheSessionAndIsAudited()
    {
        var email = await app.CreateUserAsync(Roles.Consulta);
        var client = await app.LoginAsync(email);

        var response = await client.PostPageFormAsync(Url, Form, Change(AppFixture.Password, NewPassword));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Tablero")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(email, NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(email, AppFixture.Password)).StatusCode);
        Assert.Contains(await app.AuditOfAsync(email), a => a is { Kind: AuditKind.Usuario, Field: "Contraseña", Before: null } && a.UserName == email);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_IsRefusedWithSpanishMessage()
    {
        var email = await app.CreateUserAsync(Roles.Consulta);
        var client = await app.LoginAsync(email);

        var response = await client.PostPageFormAsync(Url, Form, Change("NoEsLaClave123", NewPassword));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("La contraseña actual no es correcta.", await AccountTestData.FieldErrorAsync(response, "Input.CurrentPassword"));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(email, AppFixture.Password)).StatusCode);
        Assert.Empty(await app.AuditOfAsync(email));
    }

    [Fact]
    public async Task ChangePassword_WeakNewPassword_ShowsIdentitySpanishMessages()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));

        var response = await client.PostPageFormAsync(Url, Form, Change(AppFixture.Password, "sinnumerosni mayusculas"));

        var error = await AccountTestData.FieldErrorAsync(response, "Input.NewPassword");
        Assert.Contains("La contraseña debe incluir al menos un número.", error);
        Assert.Contains("La contraseña debe incluir al menos una letra mayúscula.", error);
    }

    [Fact]
    public async Task ChangePassword_ConfirmationMismatch_IsRefused()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));

        var response = await client.PostPageFormAsync(Url, Form, Change(AppFixture.Password, NewPassword, "OtraCosa2026ok"));

        Assert.Equal("La confirmación no coincide con la nueva contraseña.", await AccountTestData.FieldErrorAsync(response, "Input.ConfirmPassword"));
    }

    [Fact]
    public async Task ForcedChange_SignedInPerson_IsRedirectedFromEveryPageUntilTheyChangeIt()
    {
        var email = await app.CreateUserAsync(Roles.Planificador);
        var client = await app.LoginAsync(email);
        await ForceChangeAsync(email);

        foreach (var url in new[] { "/", "/Plan", "/Tablero", "/Cuenta/AccesoDenegado" })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.StartsWith(Url, StringComparison.Ordinal),
                $"GET {url} answered {(int)response.StatusCode} {response.Headers.Location}");
        }

        await client.PostPageFormAsync(Url, Form, Change(AppFixture.Password, NewPassword));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Tablero")).StatusCode);
        Assert.False((await app.FindAccountAsync(email))!.MustChangePassword);
    }

    [Fact]
    public async Task ForcedChange_ThePageLogoutStaticFilesAndHealth_StayReachable()
    {
        var email = await app.CreateUserAsync(Roles.Consulta);
        var client = await app.LoginAsync(email);
        await ForceChangeAsync(email);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/css/site.css")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var logout = await client.PostPageFormAsync(Url, "form[action='/Cuenta/Salir']");
        Assert.Equal("/Cuenta/Ingresar", logout.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ForcedChange_Login_LooksLikeAnyOtherLoginAndThenAsksForTheChange()
    {
        var email = await app.CreateUserAsync(Roles.Consulta);
        await ForceChangeAsync(email);
        var client = app.CreateClient();

        var login = await client.SubmitFormAsync("/Cuenta/Ingresar?ReturnUrl=%2FTablero", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = AppFixture.Password,
        });

        Assert.Equal("/Tablero", login.Headers.Location!.OriginalString);
        var next = await client.GetAsync("/Tablero");
        Assert.Equal("/Cuenta/Contrasena?ReturnUrl=%2FTablero", next.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ChangePassword_FiveWrongCurrentPasswords_LockTheAccountForTheFormAndForSignIn()
    {
        var email = await app.CreateUserAsync(Roles.Consulta);
        var client = await app.LoginAsync(email);
        for (var guess = 0; guess < 5; guess++)
        {
            await client.PostPageFormAsync(Url, Form, Change($"Adivinanza{guess}2026", NewPassword));
        }

        var rightPassword = await client.PostPageFormAsync(Url, Form, Change(AppFixture.Password, NewPassword));

        Assert.Equal(HttpStatusCode.OK, rightPassword.StatusCode);
        Assert.Equal(PeiTracker.Web.Pages.Cuenta.ContrasenaModel.LockedOutMessage, await AccountTestData.FieldErrorAsync(rightPassword, "Input.CurrentPassword"));
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(email, AppFixture.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(email, NewPassword)).StatusCode);
        Assert.DoesNotContain(await app.AuditOfAsync(email), a => a.Field == "Contraseña");
    }

    [Fact]
    public async Task ChangePassword_TooManyPostsInAMinute_AreRefusedWithASpanishMessage()
    {
        await using var factory = app.Factory.WithWebHostBuilder(builder => builder.UseSetting("PEI_PASSWORD_RATE_LIMIT", "2"));
        var email = await app.CreateUserAsync(Roles.Consulta);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.SubmitFormAsync("/Cuenta/Ingresar", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = AppFixture.Password });

        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            answers.Add((await client.PostPageFormAsync(Url, Form, Change("NoEsLaClave123", NewPassword))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        var refused = await client.PostPageFormAsync(Url, Form, Change("NoEsLaClave123", NewPassword));
        Assert.Contains("Demasiados intentos de cambio de contraseña", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ChangePassword_OtherSessionsOfTheAccount_EndWhileThisOneContinues()
    {
        var email = await app.CreateUserAsync(Roles.Consulta);
        var here = await app.LoginAsync(email);
        var elsewhere = await app.LoginAsync(email);

        await here.PostPageFormAsync(Url, Form, Change(AppFixture.Password, NewPassword));

        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/Tablero")).StatusCode);
        var other = await elsewhere.GetAsync("/Tablero");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.StartsWith("/Cuenta/Ingresar", other.Headers.Location!.OriginalString);
    }
}
