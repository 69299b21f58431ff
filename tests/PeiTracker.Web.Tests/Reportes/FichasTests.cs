using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Reportes;

[Collection(AppCollection.Name)]
public class FichasTests(AppFixture app)
{
    [Fact]
    public async Task Fichas_WholePlan_OneSectionPerIndicatorInPlanOrder()
    {
        // The default plan's indicators: other tests add small plans of their own.
        var count = await app.QueryAsync(db => db.Indicators.CountAsync(i => i.Plan!.Code == "MRE-PEI-2025-2030"));
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));

        var page = await client.GetDocumentAsync("/Reportes/Fichas");

        Assert.Equal(count, page.QuerySelectorAll("section.ficha-page").Length);
        Assert.Contains("Datos al", page.QuerySelector(".page-header")!.TextContent);
    }

    [Fact]
    public async Task Fichas_OneIndicatorAsPdf_IsARealPdfWithOnePage()
    {
        var indicator = await app.IndicatorWithFullDataAsync(0);
        var client = await app.LoginAsync();

        var response = await client.GetAsync($"/Reportes/Fichas?indicador={indicator.Id}&formato=pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.Latin1.GetString(bytes);
        Assert.StartsWith("%PDF-", text);
        Assert.Single(Regex.Matches(text, @"/Type\s*/Page\b"));
    }

    [Fact]
    public async Task Fichas_Pdf_SameDataSameBytesAndTheDownloadIsRecorded()
    {
        var indicator = await app.IndicatorWithFullDataAsync(1);
        var user = await app.CreateUserAsync(Roles.Planificador);
        var client = await app.LoginAsync(user);
        var url = $"/Reportes/Fichas?indicador={indicator.Id}&formato=pdf";

        var first = await client.GetByteArrayAsync(url);
        await Task.Delay(1100);
        var second = await client.GetByteArrayAsync(url);

        Assert.Equal(first, second);
        Assert.Equal(2, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.UserName == user && a.Kind == PeiTracker.Domain.AuditKind.Exportacion)));
    }

    [Fact]
    public async Task Fichas_UnknownIndicator_Returns404()
    {
        var client = await app.LoginAsync();

        var response = await client.GetAsync("/Reportes/Fichas?indicador=987654");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
