using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests;

[Collection(AppCollection.Name)]
public class HealthTests(AppFixture app)
{
    [Fact]
    public async Task Health_DatabaseReachable_Returns200WithoutLogin()
    {
        var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_DatabaseUnreachable_Returns503()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("PEI_DB", "Host=127.0.0.1;Port=1;Database=nada;Username=x;Password=y;Timeout=2");
            builder.UseSetting("PEI_MIGRATE_ON_STARTUP", "false");
            builder.UseSetting("PEI_KEYS_DIR", Path.Combine(Path.GetTempPath(), "pei-test-keys", "unreachable"));
        });

        var response = await factory.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
