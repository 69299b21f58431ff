using System.Net;
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
}
