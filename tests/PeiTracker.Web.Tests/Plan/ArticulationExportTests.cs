using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Articulation;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Tests.Infrastructure;
using static PeiTracker.Web.Exports.ArticulationExporter;
using static PeiTracker.Web.Tests.Infrastructure.OfficialDocument;

namespace PeiTracker.Web.Tests.Plan;

/// <summary>
/// The Ruta estratégica, Anexo B-1 and Anexo B-2 downloads, read back cell by cell and tied to the document's own
/// lines: the column titles are the printed ones, and a sample of rows is found on the document's lines.
/// </summary>
[Collection(AppCollection.Name)]
public class ArticulationExportTests(AppFixture app)
{
    private const string PlanCode = "MRE-PEI-2025-2030";

    // Ruta: Prioridad, OEI código, descripción, PGG, Prioridad, AEI código, descripción, PGG, UO, notas.
    private const int RutaOeiCode = 1, RutaOeiPgg = 3, RutaAeiPriority = 4, RutaAeiCode = 5, RutaAeiPgg = 7, RutaUnit = 8;

    // B-1: OES código, enunciado, indicadores, AES código, enunciado, indicadores, OEI código, enunciado, indicadores, explicación, notas.
    private const int B1Aes = 3, B1AesStatement = 4, B1Oei = 6, B1Causal = 9, B1Notes = 10;

    // B-2: política, OP código, enunciado, lineamiento código, enunciado, servicio código, enunciado, indicador, AEI código, enunciado, indicador, notas.
    private const int B2Service = 5, B2Aei = 8, B2AeiIndicator = 10, B2Notes = 11;

    [Theory]
    [InlineData("ruta", "Ruta estratégica", "Ruta-estrategica-MRE-PEI-2025-2030-")]
    [InlineData("b1", "Anexo B-1", "Anexo-B-1-Articulacion-planes-MRE-PEI-2025-2030-")]
    [InlineData("b2", "Anexo B-2", "Anexo-B-2-Politicas-nacionales-MRE-PEI-2025-2030-")]
    public async Task Download_AnySignedInUser_GetsOneSheetTitledByTheDocumentsOwnName(string anexo, string sheetName, string filePrefix)
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));

        var response = await client.GetAsync($"/Plan/Articulacion/Descargar/{anexo}?plan={PlanCode}");

        response.EnsureSuccessStatusCode();
        Assert.Equal(XlsxWriter.ContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith(filePrefix, response.Content.Headers.ContentDisposition!.FileNameStar);
        var sheet = new XlsxReader(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal([sheetName], sheet.SheetNames);
        Assert.Equal(HeaderRow, (int)sheet.Frozen!.VerticalSplit!.Value);
        Assert.Equal(0, sheet.Formulas);
    }

    [Theory]
    [InlineData("ruta")]
    [InlineData("b1")]
    [InlineData("b2")]
    public async Task Download_Twice_GivesIdenticalBytes(string anexo)
    {
        var client = await app.LoginAsync();

        var first = await DownloadAsync(client, anexo);
        var second = await DownloadAsync(client, anexo);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Download_UnknownAnnex_IsNotFound()
    {
        var client = await app.LoginAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Plan/Articulacion/Descargar/b4")).StatusCode);
    }

    [Fact]
    public async Task ArticulationPage_LinksTheThreeDownloadsByTheirAnnexNames()
    {
        var client = await app.LoginAsync();

        var page = await client.GetDocumentAsync($"/Plan/Articulacion?plan={PlanCode}");

        var links = page.QuerySelectorAll(".downloads a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Equal(
            [
                ("Ruta estratégica (vinculación con la PGG)", $"/Plan/Articulacion/Descargar/ruta?plan={PlanCode}"),
                ("Anexo B-1: Matriz de articulación de planes", $"/Plan/Articulacion/Descargar/b1?plan={PlanCode}"),
                ("Anexo B-2: Matriz de articulación de las Políticas Nacionales y el PEI", $"/Plan/Articulacion/Descargar/b2?plan={PlanCode}"),
            ],
            links);
        Assert.Contains(Lines, l => l.Contains(B1Title, StringComparison.Ordinal));
        Assert.Contains(Lines, l => l.Contains(B2Title, StringComparison.Ordinal));
    }

    // The copy of the Anexo B-1 prints each element's indicators in columns of their own without a title: ours say "Indicadores".
    [Theory]
    [InlineData("ruta", "Prioridad\tOEI", null)]
    [InlineData("b1", "Objetivo Estratégico Sectorial\t", "Indicadores")]
    [InlineData("b2", "Nombre de la Política Nacional\tObjetivo Prioritario\t\tLineamiento\t\tServicio\t\tAcción Estratégica Institucional\t\t\t", null)]
    public async Task Download_ColumnTitles_AreTheOnesTheDocumentPrints(string anexo, string documentHeader, string? untitledInTheCopy)
    {
        var sheet = new XlsxReader(await DownloadAsync(await app.LoginAsync(), anexo));

        var line = Lines.First(l => l.StartsWith(documentHeader, StringComparison.Ordinal));
        var printed = Cells(line).Concat(Cells(Lines[Lines.ToList().IndexOf(line) + 1]))
            .Select(c => c.TrimEnd('⁶', 'ˢ', ' ').Replace(" ^s", "", StringComparison.Ordinal)).Where(c => c.Length > 0).Distinct().ToList();
        var ours = Enumerable.Range(0, 12).SelectMany(c => new[] { sheet.Text(HeaderRow - 1, c), sheet.Text(HeaderRow, c) })
            .Where(c => c.Length > 0 && c != NotesHeader && c != untitledInTheCopy).Distinct().ToList();
        Assert.Equal(printed.Order(StringComparer.Ordinal), ours.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Ruta_EveryObjectiveAndAction_InPriorityOrderWithThePggPrintedOnItsLine()
    {
        var sheet = new XlsxReader(await DownloadAsync(await app.LoginAsync(), "ruta"));
        var plan = await app.QueryAsync(db => db.Objectives.AsNoTracking().Where(o => o.Plan!.Code == PlanCode).Include(o => o.Actions).OrderBy(o => o.Priority).ToListAsync());
        var document = RutaEstrategica.Select(Cells).ToList();

        var rows = Enumerable.Range(HeaderRow + 1, sheet.LastRow - HeaderRow).Where(r => sheet.Text(r, RutaAeiCode).StartsWith("AEI.", StringComparison.Ordinal)).ToList();
        Assert.Equal(plan.SelectMany(o => o.Actions.OrderBy(a => a.Priority).Select(a => a.Code)), rows.Select(r => sheet.Text(r, RutaAeiCode)));
        Assert.Equal(plan.Select(o => o.Code), rows.Select(r => sheet.Text(r, RutaOeiCode)).Where(c => c.Length > 0));
        var checkedCells = 0;
        var withPgg = rows.Where(r => sheet.Text(r, RutaAeiPgg).Length > 0).ToList();
        foreach (var row in withPgg)
        {
            var code = sheet.Text(row, RutaAeiCode);
            var line = document.SingleOrDefault(cells => cells.Contains(code));
            if (line is null)
            {
                continue;
            }

            var after = line.SkipWhile(c => c != code).ToList();
            Assert.Contains(Squash(sheet.Text(row, RutaAeiPgg)), after.Select(Squash));
            Assert.Contains(sheet.Text(row, RutaAeiPriority), line);
            Assert.Contains(after, c => c.Length > 0 && sheet.Text(row, RutaUnit).StartsWith(c, StringComparison.Ordinal));
            checkedCells++;
        }

        // A few AEI rows are split over two lines by the extraction (their code on a line of its own): the rest are checked.
        Assert.True(checkedCells >= withPgg.Count * 4 / 5, $"only {checkedCells} of {withPgg.Count} AEI rows were found on the document's lines");
        Assert.Equal(Squash(document.Single(c => c.Contains("OEI.01")).First(c => c.StartsWith("Eje", StringComparison.Ordinal))), Squash(sheet.Text(rows[0], RutaOeiPgg)));
        Assert.Contains(Lines, l => l.Contains("Decreto Supremo N° 042-2023-PCM y modificada mediante el Decreto Supremo N° 075-2024-PCM", StringComparison.Ordinal));
        Assert.Equal(PggFootnote, sheet.Text(sheet.LastRow - 1, 0));
    }

    [Fact]
    public async Task Ruta_ActionWithoutLegiblePgg_LeavesTheCellEmptyAndTheNoteSaysWhy()
    {
        var sheet = new XlsxReader(await DownloadAsync(await app.LoginAsync(), "ruta"));
        var unknown = await app.QueryAsync(db => db.Actions.AsNoTracking().Where(a => a.Plan!.Code == PlanCode && a.PggStatus == PggStatus.SinDato).ToListAsync());

        Assert.NotEmpty(unknown);
        foreach (var action in unknown)
        {
            var row = Enumerable.Range(HeaderRow + 1, sheet.LastRow - HeaderRow).Single(r => sheet.Text(r, RutaAeiCode) == action.Code);
            Assert.Equal("", sheet.Text(row, RutaAeiPgg));
            Assert.Contains(action.Code + ": ", sheet.Text(row, 9));
        }
    }

    [Fact]
    public async Task AnexoB1_EveryLinkRow_IsOnTheDocumentsLinesWithItsCausalText()
    {
        var sheet = new XlsxReader(await DownloadAsync(await app.LoginAsync(), "b1"));
        var b1 = string.Join(" ", AnexoB1.Select(Clean));
        var links = await app.QueryAsync(db => db.SectoralLinks.AsNoTracking().Where(l => l.Plan!.Code == PlanCode).Include(l => l.Objective).Include(l => l.SectoralAction).ToListAsync());
        var aes = await app.QueryAsync(db => db.SectoralActions.AsNoTracking().Where(a => a.SectoralObjective!.SectoralPlan!.Plan!.Code == PlanCode).Select(a => a.Code).ToListAsync());

        var rows = Enumerable.Range(HeaderRow + 1, sheet.LastRow - HeaderRow).Where(r => sheet.Text(r, B1Aes).Length > 0).ToList();
        Assert.Equal(aes.Count + links.Count(l => l.CoversAllActions), rows.Count);
        foreach (var link in links)
        {
            var row = rows.Single(r => sheet.Text(r, B1Oei) == link.Objective!.Code);
            Assert.Equal(link.CoversAllActions ? "Todas" : link.SectoralAction!.Code, sheet.Text(row, B1Aes));
            Assert.Equal(link.CausalExplanation ?? "", sheet.Text(row, B1Causal));
            if (link.CausalExplanation is { } causal)
            {
                Assert.Contains(causal[..60], b1, StringComparison.Ordinal);
            }
        }

        var allActions = rows.Single(r => sheet.Text(r, B1Aes) == "Todas");
        Assert.Equal(("OEI.11", "Todas las AES del PESEM"), (sheet.Text(allActions, B1Oei), sheet.Text(allActions, B1AesStatement)));
        Assert.Equal("OEI.10", sheet.Text(rows.Single(r => sheet.Text(r, B1Aes) == "AES.01.01"), B1Oei));
        Assert.Contains("La relación causal entre el OEI.10 con la AES.01.01", b1, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnexoB1_ActionWithoutALinkInTheCopy_HasEmptyObjectiveCellsAndSaysWhy()
    {
        var sheet = new XlsxReader(await DownloadAsync(await app.LoginAsync(), "b1"));

        var row = Enumerable.Range(HeaderRow + 1, sheet.LastRow - HeaderRow).Single(r => sheet.Text(r, B1Aes) == "AES.01.03");

        Assert.Equal("", sheet.Text(row, B1Oei));
        Assert.Contains("La copia del Anexo B-1 no imprime qué OEI se vincula con esta AES", sheet.Text(row, B1Notes));
        Assert.DoesNotContain(AnexoB1, l => l.Contains("AES.01.03", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnexoB2_EveryServiceAndLink_HasItsRowAndTheServiceCodesAreTheDocuments()
    {
        var sheet = new XlsxReader(await DownloadAsync(await app.LoginAsync(), "b2"));
        var b2 = string.Join(" ", AnexoB2.Select(l => Squash(Clean(l))));
        var links = await app.QueryAsync(db => db.PolicyLinks.AsNoTracking().Where(l => l.Plan!.Code == PlanCode).Include(l => l.Action).Include(l => l.Indicator).ToListAsync());
        var services = await app.QueryAsync(db => db.PolicyServices.AsNoTracking().Where(s => s.PolicyGuideline!.PolicyObjective!.NationalPolicy!.Plan!.Code == PlanCode).ToListAsync());

        var rows = Enumerable.Range(HeaderRow + 1, sheet.LastRow - HeaderRow).ToList();
        var linkedServices = links.Where(l => l.PolicyServiceId is not null).Select(l => l.PolicyServiceId).Distinct().Count();
        Assert.Equal(links.Count + services.Count - linkedServices, rows.Count(r => sheet.Text(r, B2Notes).Length > 0 || sheet.Text(r, B2Aei).Length > 0));
        foreach (var service in services.Where(s => s.Code is not null))
        {
            var row = rows.First(r => sheet.Text(r, B2Service) == service.Code);
            Assert.Contains(Squash(service.Statement)[..30], b2, StringComparison.Ordinal);
            Assert.Equal(links.Where(l => l.PolicyServiceId == service.Id).Select(l => l.Action!.Code).FirstOrDefault() ?? "", sheet.Text(row, B2Aei));
        }

        var first = rows.First(r => sheet.Text(r, B2Aei) == "AEI.01.01");
        Assert.Equal("Política Nacional Marítima 2019 – 2030", sheet.Text(first, 0));
        Assert.Equal(links.Single(l => l.Action!.Code == "AEI.01.01").Indicator!.Name, sheet.Text(first, B2AeiIndicator));
        Assert.Contains("Política Nacional Marítima 2019 – 2030\tOP 1", string.Join("\n", AnexoB2), StringComparison.Ordinal);
    }

    [Fact]
    public void DatosAl_ArticulationChanges_TouchTheArticulationExportsOnly()
    {
        Assert.Equal(ExportedData.Articulation, DataAsOf.Touches(AuditKind.Articulacion));
        Assert.Equal(0, (int)(ExportedData.Progress & ExportedData.Articulation));
    }

    private static async Task<byte[]> DownloadAsync(HttpClient client, string anexo)
    {
        var response = await client.GetAsync($"/Plan/Articulacion/Descargar/{anexo}?plan={PlanCode}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }
}
