using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using PeiTracker.Web.Data;
using PeiTracker.Web.Data.Seed;
using PeiTracker.Web.Imports;
using PeiTracker.Web.Tests.Infrastructure;
using PeiTracker.Web.Tests.Registro;

namespace PeiTracker.Browser.Tests;

/// <summary>
/// Bulk entry by Excel, in Chromium: the DGA's Registrador downloads the pending indicators of the II semestre 2026,
/// fills the file (a mistake first, as people do), uploads it, reads the errors by sheet, row and column, corrects
/// and uploads again, confirms as draft, and sees the values on /Registro.
/// </summary>
[Collection(BrowserCollection.Name)]
public class BulkEntryJourneyTests(BrowserFixture app)
{
    private const string Query = "anio=2026&periodo=S2";

    [Fact]
    public async Task Registrador_DownloadsFillsUploadsAndConfirms_ValuesShowOnRegistro()
    {
        var page = await app.SignedInPageAsync("demo.registrador@peitracker.local", DemoDataSeeder.DemoPassword);
        await page.GotoAsync(app.BaseUrl + "/Registro?" + Query);
        await page.GetByRole(AriaRole.Link, new() { Name = "Carga por Excel" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("II semestre 2026");
        await BrowserFixture.ScreenshotAsync(page, "35-carga-excel");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Descargar la planilla (.xlsx)" }).ClickAsync());
        var downloaded = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Matches(@"^carga-.+-2026-S2\.xlsx$", download.SuggestedFilename);

        // The first row of the «Valores» sheet (or, when every pending indicator enters by variables, of «Variables 1»).
        var sheet = new XlsxReader(downloaded, BulkEntryLayout.ValuesSheet).LastRow > BulkEntryLayout.HeaderRow ? BulkEntryLayout.ValuesSheet : "Variables 1";
        var cells = new XlsxReader(downloaded, sheet);
        Assert.True(cells.LastRow > BulkEntryLayout.HeaderRow, "The file has no pending indicator to fill.");
        var row = BulkEntryLayout.HeaderRow + 1;
        var code = cells.Text(row, BulkEntryLayout.CodeColumn);
        var inputs = sheet == BulkEntryLayout.ValuesSheet ? 1 : 2;
        var id = (int)cells.Number(row, BulkEntryLayout.KeyColumn(inputs))!.Value;
        Indicator indicator;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            indicator = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Indicators.AsNoTracking().Include(i => i.Targets).SingleAsync(i => i.Id == id);
        }

        // The logro esperado is a value the indicator's unit of measure always accepts.
        var value = indicator.TargetFor(2026) ?? 1m;
        var input = $"G{row}";
        (string, object?)[] Filled(object? first) => sheet == BulkEntryLayout.ValuesSheet
            ? [(input, first), ($"H{row}", "Cargado desde Excel"), ($"I{row}", "Informe semestral")]
            : [(input, first), ($"H{row}", 100m), ($"I{row}", "Cargado desde Excel"), ($"J{row}", "Informe semestral")];

        await Upload(BulkEntryFiles.Fill(downloaded, sheet, Filled("12,5%")), "carga-con-error.xlsx");
        var error = page.Locator(".bulk-errors li").First;
        await Assertions.Expect(error).ToHaveTextAsync($"Hoja {sheet}, fila {row}, columna G ({(sheet == BulkEntryLayout.ValuesSheet ? "Valor" : cells.Text(BulkEntryLayout.HeaderRow, BulkEntryLayout.FirstInputColumn))}): «12,5%» no es un número; escriba 12.5.");
        await Assertions.Expect(page.Locator("form.confirm-form")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "36-carga-errores");
        var axe = await page.RunAxe(AccessibilityJourneyTests.Wcag21);
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id));
        await page.SetViewportSizeAsync(768, 1024);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The preview scrolls sideways at 768 px.");
        await page.SetViewportSizeAsync(1280, 900);

        await Upload(BulkEntryFiles.Fill(downloaded, sheet, Filled(value)), "carga.xlsx");
        await Assertions.Expect(page.Locator($"tr.bulk-row[data-indicator='{id}'] .outcome")).ToHaveTextAsync("Nuevo valor");
        await Assertions.Expect(page.Locator(".bulk-errors")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "37-carga-vista-previa");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar como borrador" }).ClickAsync();

        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("guardado(s) como borrador");
        var entryRow = page.Locator("table.entry-table tbody tr", new() { HasText = code }).First;
        await Assertions.Expect(entryRow).ToContainTextAsync(ProgressFormat.Number(value, indicator.Decimals));
        await Assertions.Expect(entryRow).ToContainTextAsync("Borrador");
        Assert.Empty(app.ErrorsOf(page));

        async Task Upload(byte[] bytes, string name)
        {
            await page.Locator("#Upload").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = bytes });
            await page.GetByRole(AriaRole.Button, new() { Name = "Revisar la carga" }).ClickAsync();
            await Assertions.Expect(page.Locator(".import-preview")).ToBeVisibleAsync();
        }
    }
}
