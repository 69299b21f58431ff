using DocumentFormat.OpenXml.Packaging;

namespace PeiTracker.Browser.Tests;

[Collection(BrowserCollection.Name)]
public class ReportsJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task Planner_DownloadsTheSeguimientoReportFromTheReportsPage()
    {
        var page = await app.SignedInPageAsync("demo.planificador@peitracker.local", PeiTracker.Web.Data.Seed.DemoDataSeeder.DemoPassword);
        await page.GotoAsync(app.BaseUrl + "/Reportes");
        await page.SelectOptionAsync("#anio", "2025");
        await BrowserFixture.ScreenshotAsync(page, "20-reportes");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#descargar-seguimiento"));
        var path = Path.Combine(BrowserFixture.ScreenshotFolder, download.SuggestedFilename);
        await download.SaveAsAsync(path);

        Assert.Equal("reporte-seguimiento-MRE-PEI-2025-2030-2025-A.xlsx", download.SuggestedFilename);
        using var document = SpreadsheetDocument.Open(path, false);
        Assert.Equal(2, document.WorkbookPart!.WorksheetParts.Count());
    }
}
