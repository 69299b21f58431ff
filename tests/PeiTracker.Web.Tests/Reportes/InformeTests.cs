using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;
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
        await client.SubmitFormAsync(Url, new Dictionary<string, string> { ["unitId"] = unitId.ToString(), ["action"] = "Acelerar la firma de acuerdos fronterizos", ["deadline"] = "2026-12-15" }, "form:has(input[name=deadline])");
        var page = await client.GetDocumentAsync(Url);

        Assert.Contains("Análisis revisado por la OGPP para el OEI.03.", page.QuerySelector("#oei-OEI\\.03 .narrative")!.TextContent);
        Assert.Contains("Acelerar la firma de acuerdos fronterizos", page.QuerySelector("table.commitments-table")!.TextContent);
    }

    [Fact]
    public async Task Informe_SavedAnalysisAndCommitment_AreAuditedAsInformeAndMoveNoDatosAl()
    {
        var client = await app.LoginAsync();
        var unitId = await app.QueryAsync(db => db.OrganizationalUnits.Where(u => u.Acronym == "DGA").Select(u => u.Id).SingleAsync());
        var oei05 = await app.QueryAsync(db => db.Objectives.Where(o => o.Code == "OEI.05").Select(o => o.Id).SingleAsync());
        var matrizBefore = await client.GetByteArrayAsync("/Plan/Matriz/Descargar");
        var seguimientoBefore = await client.GetByteArrayAsync("/Reportes/Seguimiento?anio=2025&periodo=A");
        var datosAlBefore = (await client.GetDocumentAsync(Url)).QuerySelector("[data-testid=datos-al]")!.TextContent;
        var lastAudit = await app.QueryAsync(db => db.AuditEntries.MaxAsync(a => a.Id));

        await client.SubmitFormAsync(Url, new Dictionary<string, string> { ["text"] = "Análisis del OEI.05 para la auditoría." }, $"form[action*='handler=Narrative']:has(input[name=objectiveId][value='{oei05}'])");
        await client.SubmitFormAsync(Url, new Dictionary<string, string> { ["unitId"] = unitId.ToString(), ["action"] = "Revisar la meta con la unidad", ["deadline"] = "2026-11-30" }, "form:has(input[name=deadline])");

        var written = await app.QueryAsync(db => db.AuditEntries.Where(a => a.Id > lastAudit && a.Kind != AuditKind.Exportacion).OrderBy(a => a.Id).Select(a => new { a.Kind, a.Field }).ToListAsync());
        Assert.Equal([AuditKind.Informe, AuditKind.Informe], written.Select(w => w.Kind));
        Assert.Equal(["Análisis del informe de evaluación Año 2025", "Compromiso Año 2025"], written.Select(w => w.Field));
        var trail = (await client.GetDocumentAsync("/Auditoria?tipo=Informe")).QuerySelector("table.audit-table tbody")!.TextContent;
        Assert.Contains("Informe de evaluación", trail);
        Assert.Contains("Análisis del OEI.05 para la auditoría.", trail);
        Assert.Equal(matrizBefore, await client.GetByteArrayAsync("/Plan/Matriz/Descargar"));
        Assert.Equal(seguimientoBefore, await client.GetByteArrayAsync("/Reportes/Seguimiento?anio=2025&periodo=A"));
        Assert.Equal(datosAlBefore, (await client.GetDocumentAsync(Url)).QuerySelector("[data-testid=datos-al]")!.TextContent);
    }

    [Fact]
    public async Task Informe_DatosAl_IsTheSameAsTheSeguimientosAndTheOpenData()
    {
        var client = await app.LoginAsync();

        var page = await client.GetDocumentAsync(Url);
        var seguimiento = new XlsxReader(await client.GetByteArrayAsync("/Reportes/Seguimiento?anio=2025&periodo=A"), SeguimientoReport.MainSheet);
        var json = await client.GetAsync("/DatosAbiertos/MRE-PEI-2025-2030/plan.json");

        var printed = seguimiento.Text("B7");
        Assert.StartsWith(printed + " ·", page.QuerySelector("[data-testid=datos-al]")!.TextContent);
        Assert.Equal(printed, DataAsOf.Label(json.Content.Headers.LastModified!.Value));
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
