using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Reportes;

[Collection(AppCollection.Name)]
public class InformeTests(AppFixture app)
{
    private const string Url = "/Reportes/Informe?anio=2025&periodo=A";

    [Fact]
    public async Task Informe_EveryObjectiveInPriorityOrder_WithADraftedAnalysis()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));

        var page = await client.GetDocumentAsync(Url);

        var sections = page.QuerySelectorAll("section.informe-oei").ToList();
        Assert.Equal(11, sections.Count);
        Assert.Contains("Prioridad 1", sections[0].QuerySelector("h2")!.TextContent);
        Assert.StartsWith("En el año 2025, el OEI.01", sections[0].QuerySelector(".narrative")!.TextContent.Trim());
    }

    [Fact]
    public async Task Informe_EditedAnalysisAndCommitment_AreSavedAndShown()
    {
        var client = await app.LoginAsync();
        var unitId = await app.QueryAsync(db => db.OrganizationalUnits.Where(u => u.Acronym == "DGA").Select(u => u.Id).SingleAsync());
        var oei03 = await app.QueryAsync(db => db.Objectives.Where(o => o.Code == "OEI.03").Select(o => o.Id).SingleAsync());

        await client.SubmitFormAsync(Url, new Dictionary<string, string> { ["text"] = "Análisis revisado por la OGPP para el OEI.03." }, $"form[action*='handler=Narrative']:has(input[name=objectiveId][value='{oei03}'])");
        await client.SubmitFormAsync(Url, new Dictionary<string, string> { ["unitId"] = unitId.ToString(), ["action"] = "Acelerar la firma de acuerdos fronterizos", ["deadline"] = "2026-12-15" }, "form[action*='handler=Commitment']");
        var page = await client.GetDocumentAsync(Url);

        Assert.Contains("Análisis revisado por la OGPP para el OEI.03.", page.QuerySelector("#oei-OEI\\.03 .narrative")!.TextContent);
        Assert.Contains("Acelerar la firma de acuerdos fronterizos", page.QuerySelector("table.commitments-table")!.TextContent);
    }

    [Fact]
    public async Task Informe_Pdf_IsAPdfWithTheObjectives()
    {
        var client = await app.LoginAsync();

        var response = await client.GetAsync(Url + "&formato=pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", Encoding.Latin1.GetString(bytes[..5]));
        Assert.True(System.Text.RegularExpressions.Regex.Matches(Encoding.Latin1.GetString(bytes), @"/Type\s*/Page\b").Count >= 3);
    }

    [Fact]
    public async Task Informe_Consulta_IsDenied()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));

        Assert.StartsWith("/Cuenta/AccesoDenegado", (await client.GetAsync(Url)).Headers.Location!.OriginalString);
    }
}
