using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Plan;

[Collection(AppCollection.Name)]
public class IndicatorPageTests(AppFixture app)
{
    [Fact]
    public async Task IndicatorPage_SeededIndicator_ShowsFichaBaselineAndTargets()
    {
        var indicator = await app.IndicatorWithFullDataAsync(0);
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));

        var page = await client.GetDocumentAsync($"/Plan/Indicador/{indicator.Id}");

        Assert.Contains(indicator.Name, page.QuerySelector("h1")!.TextContent);
        var rows = page.QuerySelectorAll("table.table-targets tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(7, rows.Count);
        Assert.Contains($"Línea base {indicator.BaselineYear}", rows[0]);
        Assert.Contains("Logro esperado 2030", rows[6]);
        Assert.NotNull(page.QuerySelector("#ficha"));
    }

    [Fact]
    public async Task IndicatorPage_Consulta_HasNoEditButtons()
    {
        var indicator = await app.IndicatorWithFullDataAsync(0);
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));

        var page = await client.GetDocumentAsync($"/Plan/Indicador/{indicator.Id}");

        Assert.Null(page.QuerySelector($"a[href='/Plan/Indicador/{indicator.Id}/Editar']"));
    }

    [Fact]
    public async Task IndicatorPage_UnknownId_Returns404()
    {
        var client = await app.LoginAsync();

        var response = await client.GetAsync("/Plan/Indicador/999999");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
