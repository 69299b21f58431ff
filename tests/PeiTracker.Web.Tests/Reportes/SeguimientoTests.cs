using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Reportes;

[Collection(AppCollection.Name)]
public class SeguimientoTests(AppFixture app)
{
    private const string Url = "/Reportes/Seguimiento?anio=2025&periodo=A";

    private static Dictionary<string, (string Text, uint Style)> ReadSheet(byte[] bytes, string sheetName)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Descendants<Sheet>().Single(s => s.Name == sheetName);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Cell>().ToDictionary(
            c => c.CellReference!.Value!,
            c => (c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "", c.StyleIndex?.Value ?? 0u));
    }

    private static string RowOf(Dictionary<string, (string Text, uint Style)> cells, string code) =>
        cells.Single(c => c.Key.StartsWith('A') && c.Value.Text == code).Key[1..];

    [Fact]
    public async Task Seguimiento_Download_HasTheCeplanHeaderRowsInPlanOrderAndTheAlertSheet()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));

        var response = await client.GetAsync(Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var cells = ReadSheet(bytes, SeguimientoReport.MainSheet);
        Assert.Equal("008: Ministerio de Relaciones Exteriores", cells["B5"].Text);
        Assert.StartsWith("Datos al ", cells["B7"].Text);
        Assert.Equal("Solo valores validados por la OGPP", cells["B8"].Text);
        Assert.Equal("Código", cells[$"A{SeguimientoReport.HeaderRow}"].Text);
        Assert.Equal("IOEI.01.01", cells[$"A{SeguimientoReport.HeaderRow + 1}"].Text);
        var europe = RowOf(cells, "IAEI.01.03.01");
        Assert.Equal("0.556", cells[$"H{europe}"].Text);
        Assert.Equal("0.576", cells[$"I{europe}"].Text);
        Assert.Equal(103, cells.Count(c => c.Key.StartsWith('A') && int.Parse(c.Key[1..]) > SeguimientoReport.HeaderRow));
        var alerts = ReadSheet(bytes, SeguimientoReport.AlertSheet);
        Assert.Contains(alerts.Values, c => c.Text == "AEI.08.01");

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var main = (WorksheetPart)document.WorkbookPart!.GetPartById(document.WorkbookPart.Workbook.Descendants<Sheet>().First().Id!);
        Assert.Equal(PaneStateValues.Frozen, main.Worksheet.Descendants<Pane>().Single().State!.Value);
        Assert.StartsWith($"A{SeguimientoReport.HeaderRow}:", main.Worksheet.Descendants<AutoFilter>().Single().Reference!.Value);
    }

    [Fact]
    public async Task Seguimiento_SameData_SameBytes()
    {
        var client = await app.LoginAsync();

        var first = await (await client.GetAsync(Url)).Content.ReadAsByteArrayAsync();
        await Task.Delay(1100);
        var second = await (await client.GetAsync(Url)).Content.ReadAsByteArrayAsync();

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Seguimiento_TextThatLooksLikeAFormula_IsNeutralised()
    {
        var indicator = await app.IndicatorWithFullDataAsync(23);
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var entity = await db.Indicators.SingleAsync(i => i.Id == indicator.Id);
            entity.Name = "=HYPERLINK(\"http://evil.example\",\"clic\")";
            await db.SaveChangesAsync();
        }

        try
        {
            var client = await app.LoginAsync();
            var cells = ReadSheet(await (await client.GetAsync(Url)).Content.ReadAsByteArrayAsync(), SeguimientoReport.MainSheet);

            var name = cells[$"B{RowOf(cells, indicator.PublishedCode)}"];
            Assert.Equal("=HYPERLINK(\"http://evil.example\",\"clic\")", name.Text);
            Assert.Equal((uint)XlsxStyle.QuotedText, name.Style);
        }
        finally
        {
            await using var scope = app.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var entity = await db.Indicators.SingleAsync(i => i.Id == indicator.Id);
            entity.Name = indicator.Name;
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task Seguimiento_EveryDownload_IsRecorded()
    {
        var planner = await app.CreateUserAsync(Roles.Planificador);
        var client = await app.LoginAsync(planner);

        await client.GetAsync("/Reportes/Seguimiento?anio=2025&periodo=S1&pendientes=true");

        var entry = await app.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.UserName == planner && a.Kind == AuditKind.Exportacion));
        Assert.Contains("2025-S1", entry.After);
        Assert.Contains("incluye pendientes", entry.After);
    }

    [Fact]
    public async Task Seguimiento_Consulta_IsDenied()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));

        var response = await client.GetAsync(Url);

        Assert.StartsWith("/Cuenta/AccesoDenegado", response.Headers.Location!.OriginalString);
    }
}
