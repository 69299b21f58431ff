using System.Net;
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

    [Fact]
    public async Task Seguimiento_Download_HasTheCeplanHeaderRowsInPlanOrderAndTheAlertSheet()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));

        var response = await client.GetAsync(Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxWriter.ContentType, response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var sheet = new XlsxReader(bytes, SeguimientoReport.MainSheet);
        Assert.Equal([SeguimientoReport.MainSheet, SeguimientoReport.AlertSheet], sheet.SheetNames);
        Assert.Equal("008: Ministerio de Relaciones Exteriores", sheet.Text("B5"));
        Assert.Matches(@"^Datos al \d{2}/\d{2}/\d{4}$", sheet.Text("B7"));
        Assert.Equal("Solo valores validados por la OGPP", sheet.Text("B8"));
        Assert.Equal("Código", sheet.Text($"A{SeguimientoReport.HeaderRow}"));
        Assert.Equal("IOEI.01.01", sheet.Text($"A{SeguimientoReport.HeaderRow + 1}"));
        var europe = sheet.RowOf("IAEI.01.03.01");
        Assert.Equal(0.556m, sheet.Number($"H{europe}"));
        Assert.Equal(0.576m, sheet.Number($"I{europe}"));
        Assert.Equal(103, sheet.References.Count(r => r[0] == 'A' && char.IsDigit(r[1]) && int.Parse(r[1..]) > SeguimientoReport.HeaderRow));
        Assert.Equal(PaneStateValues.Frozen, sheet.Frozen!.State!.Value);
        Assert.StartsWith($"A{SeguimientoReport.HeaderRow}:", sheet.Filter);
        var alerts = new XlsxReader(bytes, SeguimientoReport.AlertSheet);
        Assert.True(alerts.RowOf("AEI.08.01") > alerts.RowOf("OEI.08"));
        Assert.EndsWith(sheet.Text("B7"), alerts.Text("A1"));
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
            var sheet = new XlsxReader(await (await client.GetAsync(Url)).Content.ReadAsByteArrayAsync(), SeguimientoReport.MainSheet);

            var name = $"B{sheet.RowOf(indicator.PublishedCode)}";
            Assert.Equal("=HYPERLINK(\"http://evil.example\",\"clic\")", sheet.Text(name));
            Assert.True(sheet.IsInlineText(name));
            Assert.True(sheet.IsQuoted(name));
            Assert.False(sheet.IsQuoted($"A{sheet.RowOf(indicator.PublishedCode)}"));
            Assert.Equal(0, sheet.Formulas);
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
