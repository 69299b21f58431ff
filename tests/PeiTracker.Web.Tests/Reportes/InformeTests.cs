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
        Assert.Contains("Prioridad 1", sections[0].QuerySelector("h3")!.TextContent);
        Assert.StartsWith("En el año 2025, el OEI.01", sections[0].QuerySelector(".narrative")!.TextContent.Trim());
    }

    [Fact]
    public async Task Informe_EditedAnalysisAndCommitment_AreSavedAndShown()
    {
        var client = await app.LoginAsync();
        var unitId = await app.QueryAsync(db => db.OrganizationalUnits.Where(u => u.Acronym == "DGA").Select(u => u.Id).SingleAsync());
        var oei03 = await app.QueryAsync(db => db.Objectives.Where(o => o.Code == "OEI.03").Select(o => o.Id).SingleAsync());

        await client.SubmitFormAsync(Url, new Dictionary<string, string> { ["text"] = "Análisis revisado por la OGPP para el OEI.03." }, $"form[action*='handler=Narrative']:has(input[name=objectiveId][value='{oei03}'])");
        await client.SubmitFormAsync(Url, new Dictionary<string, string> { ["unitId"] = unitId.ToString(), ["recommendation"] = "Acelerar los acuerdos", ["subject"] = await SubjectAsync("OEI.03"), ["action"] = "Acelerar la firma de acuerdos fronterizos", ["deadline"] = "2026-12-15" }, "form:has(input[name=deadline])");
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
        await client.SubmitFormAsync(Url, new Dictionary<string, string> { ["unitId"] = unitId.ToString(), ["recommendation"] = "Revisar la meta", ["subject"] = await SubjectAsync("OEI.05"), ["action"] = "Revisar la meta con la unidad", ["deadline"] = "2026-11-30" }, "form:has(input[name=deadline])");

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

    /// <summary>The commitment form's value for the first AEI of an OEI.</summary>
    private Task<string> SubjectAsync(string objectiveCode) =>
        app.QueryAsync(db => db.Actions.Where(a => a.Objective!.Code == objectiveCode && a.Plan!.Code == "MRE-PEI-2025-2030").OrderBy(a => a.Code).Select(a => "A" + a.Id).FirstAsync());

    private static string NarrativeForm(int objectiveId) => $"form[action*='handler=Narrative']:has(input[name=objectiveId][value='{objectiveId}'])";

    private Task<int> ObjectiveIdAsync(string code) => app.QueryAsync(db => db.Objectives.Where(o => o.Code == code && o.Plan!.Code == "MRE-PEI-2025-2030").Select(o => o.Id).SingleAsync());

    [Fact]
    public async Task Narrative_TwoPlannersSaveTheSameAnalysis_SecondIsAConflictAndTheFirstIsKept()
    {
        var oei07 = await ObjectiveIdAsync("OEI.07");
        var first = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var second = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var firstForm = await first.ReadFormAsync(Url, NarrativeForm(oei07));
        var staleForm = await second.ReadFormAsync(Url, NarrativeForm(oei07));

        await firstForm.PostAsync(first, ("text", "Análisis del OEI.07 de la primera planificadora."));
        var response = await staleForm.PostAsync(second, ("text", "Análisis del OEI.07 que llegó tarde."));
        var page = await second.GetDocumentAsync(response.Headers.Location!.ToString());

        Assert.Contains(Pages.Reportes.InformeModel.NarrativeConflictMessage, page.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal("Análisis del OEI.07 de la primera planificadora.", page.QuerySelector("#oei-OEI\\.07 .narrative")!.TextContent.Trim());
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Subject == "OEI.07" && a.Kind == AuditKind.Informe)));
    }

    [Fact]
    public async Task Narrative_SavedByThePageScript_AnswersJsonAndLeavesTheOtherAnalysesAlone()
    {
        var oei08 = await ObjectiveIdAsync("OEI.08");
        var oei09 = await ObjectiveIdAsync("OEI.09");
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var form = await client.ReadFormAsync(Url, NarrativeForm(oei08));
        var fields = form.Fields.Where(f => f.Key != "text").Append(new("text", "  Análisis del OEI.08 guardado solo.  "));
        var request = new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.ParseAdd("application/json");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(answer.GetProperty("ok").GetBoolean());
        Assert.Equal("Análisis del OEI.08 guardado solo.", answer.GetProperty("text").GetString());
        var stored = await app.QueryAsync(db => db.EvaluationNarratives.SingleAsync(n => n.ObjectiveId == oei08 && n.Year == 2025 && n.Period == PeriodKind.Anual));
        Assert.Equal(stored.Version, answer.GetProperty("version").GetUInt32());
        Assert.False(await app.QueryAsync(db => db.EvaluationNarratives.AnyAsync(n => n.ObjectiveId == oei09 && n.Year == 2025)));
        var next = await client.ReadFormAsync(Url, NarrativeForm(oei08));
        Assert.Equal(stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), next["version"]);
    }

    [Fact]
    public async Task Narrative_TooLong_IsRefusedInSpanishAndSavesNothing()
    {
        var oei10 = await ObjectiveIdAsync("OEI.10");
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));

        var response = await (await client.ReadFormAsync(Url, NarrativeForm(oei10))).PostAsync(client, ("text", new string('a', Pages.Reportes.InformeModel.MaxNarrativeLength + 1)));
        var page = await client.GetDocumentAsync(response.Headers.Location!.ToString());

        Assert.Contains(Pages.Reportes.InformeModel.NarrativeInvalidMessage, page.QuerySelector(".alert-danger")!.TextContent);
        Assert.False(await app.QueryAsync(db => db.EvaluationNarratives.AnyAsync(n => n.ObjectiveId == oei10)));
    }

    [Fact]
    public async Task Informe_Printed_ShowsEachAnalysisOnce()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));

        var page = await client.GetDocumentAsync(Url);

        var section = page.QuerySelector("#oei-OEI\\.01")!;
        var analysis = section.QuerySelector(".narrative")!.TextContent.Trim();
        var printed = section.QuerySelectorAll("*").Where(e => e.Closest(".d-print-none") is null && e.Children.Length == 0 && e.TextContent.Contains(analysis, StringComparison.Ordinal));
        Assert.Single(printed);
        Assert.Contains(analysis, section.QuerySelector(".d-print-none textarea")!.TextContent);
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
