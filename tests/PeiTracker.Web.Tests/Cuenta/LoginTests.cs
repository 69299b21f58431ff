using System.Net;
using PeiTracker.Web.Data;
using PeiTracker.Web.Pages.Cuenta;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Cuenta;

[Collection(AppCollection.Name)]
public class LoginTests(AppFixture app)
{
    private static Dictionary<string, string> Credentials(string email, string password) => new()
    {
        ["Input.Email"] = email,
        ["Input.Password"] = password,
    };

    [Fact]
    public async Task Login_GoodPassword_SignsInAndOpensThePlan()
    {
        var client = app.CreateClient();

        var response = await client.SubmitFormAsync("/Cuenta/Ingresar", Credentials(AppFixture.AdminEmail, AppFixture.Password));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var plan = await client.GetAsync("/Plan");
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
    }

    [Fact]
    public async Task Login_BadPassword_ShowsSpanishErrorAndStaysAnonymous()
    {
        var email = await app.CreateUserAsync(Roles.Consulta);
        var client = app.CreateClient();

        var response = await client.SubmitFormAsync("/Cuenta/Ingresar", Credentials(email, "NoEsLaClave123"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains(IngresarModel.FailureMessage, page.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Plan")).StatusCode);
    }

    [Fact]
    public async Task Login_UnknownUser_ShowsTheSameMessageAsABadPassword()
    {
        var response = await app.CreateClient().SubmitFormAsync("/Cuenta/Ingresar", Credentials("nadie@test.local", "NoEsLaClave123"));

        var page = await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains(IngresarModel.FailureMessage, page.QuerySelector(".alert-danger")!.TextContent);
    }

    [Fact]
    public async Task Login_FiveFailures_LocksTheAccountEvenForTheRightPassword()
    {
        var email = await app.CreateUserAsync(Roles.Consulta);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await app.CreateClient().SubmitFormAsync("/Cuenta/Ingresar", Credentials(email, "NoEsLaClave123"));
        }

        var response = await app.CreateClient().SubmitFormAsync("/Cuenta/Ingresar", Credentials(email, AppFixture.Password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Login_ExternalReturnUrl_IsIgnored()
    {
        var response = await app.CreateClient().SubmitFormAsync(
            "/Cuenta/Ingresar?ReturnUrl=https%3A%2F%2Fevil.example%2F",
            Credentials(AppFixture.AdminEmail, AppFixture.Password));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Logout_Post_EndsTheSession()
    {
        var client = await app.LoginAsync();

        var response = await client.SubmitFormAsync("/Plan", new Dictionary<string, string>(), "form[action='/Cuenta/Salir']");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Plan")).StatusCode);
    }
}
