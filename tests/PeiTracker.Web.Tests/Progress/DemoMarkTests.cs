using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Progress;

/// <summary>While demo values exist, nothing printed or downloaded can pass for official figures.</summary>
[Collection(AppCollection.Name)]
public class DemoMarkTests(AppFixture app)
{
    private async Task<string> CreatePlanAsync(string code, bool demo)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var institution = await db.Institutions.Include(i => i.Units).SingleAsync(i => i.PliegoCode == HomeInstitution.PliegoCode);
        var plan = new Domain.Plan { Institution = institution, Code = code, Name = "Plan " + code, FirstYear = 2025, LastYear = 2030, Status = PlanStatus.Borrador };
        var objective = new StrategicObjective { Plan = plan, Code = "OEI.01", Statement = "Objetivo", Priority = 1, Type = ObjectiveType.TipoI };
        plan.Objectives.Add(objective);
        var indicator = new Indicator
        {
            Plan = plan, Objective = objective, Key = "IOEI.01.01", PublishedCode = "IOEI.01.01", Name = "Indicador", Unit = UnitOfMeasure.Numero,
            Targets = [new AnnualTarget { Year = 2025, Value = 10m }],
        };
        indicator.Values.Add(new IndicatorValue { Year = 2025, Period = PeriodKind.Anual, Value = 9m, Status = ValueStatus.Validado, CreatedBy = "demo", CreatedAt = DateTimeOffset.UtcNow, IsDemo = demo });
        plan.Indicators.Add(indicator);
        db.Plans.Add(plan);
        await db.SaveChangesAsync();
        return code;
    }

    private static string TitleOf(byte[] xlsx, string sheetName, string cell)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Descendants<Sheet>().Single(s => s.Name == sheetName);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        var found = part.Worksheet.Descendants<Cell>().Single(c => c.CellReference == cell);
        return found.DataType?.Value == CellValues.InlineString ? found.InlineString!.InnerText : found.CellValue?.Text ?? "";
    }

    [Theory]
    [InlineData(true, "DEMO · Reporte de seguimiento del Plan Estratégico Institucional")]
    [InlineData(false, "Reporte de seguimiento del Plan Estratégico Institucional")]
    public async Task Seguimiento_PlanWithDemoValues_IsMarkedDemoInItsTitle(bool demo, string expected)
    {
        var code = await CreatePlanAsync(demo ? "TEST-DEMO-XLSX" : "TEST-REAL-XLSX", demo);
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));

        var bytes = await client.GetByteArrayAsync($"/Reportes/Seguimiento?plan={code}&anio=2025&periodo=A");

        Assert.Equal(expected, TitleOf(bytes, SeguimientoReport.MainSheet, "A1"));
        Assert.StartsWith(demo ? "DEMO · Tabla de alertas" : "Tabla de alertas", TitleOf(bytes, SeguimientoReport.AlertSheet, "A1"));
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.Equal(demo, document.PackageProperties.Title!.StartsWith("DEMO · ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true, "DEMO · ")]
    [InlineData(false, "")]
    public async Task Matriz_DownloadedFromAPlanWithDemoValues_SaysDemoInItsTitleAndFooter(bool demo, string mark)
    {
        var code = await CreatePlanAsync(demo ? "TEST-DEMO-MATRIZ" : "TEST-REAL-MATRIZ", demo);
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));

        var bytes = await client.GetByteArrayAsync($"/Plan/Matriz/Descargar?plan={code}");

        Assert.Equal(mark + MatrizPeiLayout.Title, TitleOf(bytes, MatrizPeiLayout.WorksheetName, "A1"));
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        Assert.StartsWith("&L&8" + mark + MatrizPeiLayout.Title, sheet.Descendants<OddHeader>().Single().Text);
        Assert.StartsWith("&L&8" + mark + "Plan " + code + " · Datos al", sheet.Descendants<OddFooter>().Single().Text);
    }

    [Fact]
    public async Task EveryPage_WhileDemoValuesExist_CarriesAWatermark()
    {
        var demo = app.Factory.Services.GetRequiredService<DemoMode>();
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));
        var without = await client.GetDocumentAsync("/Tablero");
        demo.IsActive = true;
        try
        {
            var with = await client.GetDocumentAsync("/Tablero");
            var plan = await client.GetDocumentAsync("/Plan");

            Assert.Null(without.QuerySelector(".demo-watermark"));
            Assert.Equal("DEMO", with.QuerySelector(".demo-watermark")!.GetAttribute("data-mark"));
            Assert.Contains("demo", with.Body!.ClassList);
            Assert.NotNull(plan.QuerySelector(".demo-watermark"));
        }
        finally
        {
            demo.IsActive = false;
        }

    }
}
