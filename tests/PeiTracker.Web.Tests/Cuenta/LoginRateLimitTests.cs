using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Cuenta;

[Collection(AppCollection.Name)]
public class LoginRateLimitTests(AppFixture app)
{
    [Fact]
    public async Task Login_TooManyAttemptsFromOneAddress_AreRefusedWithASpanishMessage()
    {
        await using var factory = app.Factory.WithWebHostBuilder(builder => builder.UseSetting("PEI_LOGIN_RATE_LIMIT", "3"));
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var fields = new Dictionary<string, string> { ["Input.Email"] = "nadie@test.local", ["Input.Password"] = "NoEsLaClave123" };

        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            answers.Add((await client.SubmitFormAsync("/Cuenta/Ingresar", fields)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
        var refused = await client.SubmitFormAsync("/Cuenta/Ingresar", fields);
        Assert.Contains("Demasiados intentos", await refused.Content.ReadAsStringAsync());
    }
}
