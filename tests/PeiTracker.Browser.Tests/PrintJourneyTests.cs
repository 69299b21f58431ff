using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PeiTracker.Web.Data.Seed;
using Xunit.Abstractions;

namespace PeiTracker.Browser.Tests;

/// <summary>
/// The dashboard printed to A4 as Chromium prints it, read back with pdftotext: short enough for a meeting, the plan and
/// the cut-off date on every sheet, and the full indicator table only in the version that asks for it.
/// </summary>
[Collection(BrowserCollection.Name)]
public partial class PrintJourneyTests(BrowserFixture app, ITestOutputHelper output)
{
    private const string Dashboard = "/Tablero?anio=2025&periodo=A";

    private sealed record Printed(IReadOnlyList<string> Pages, string PlanName, string DataAsOf);

    /// <summary>Prints a dashboard view, keeps the PDF under artifacts/ to look at, and returns each sheet's text (whitespace folded).</summary>
    private async Task<Printed> PrintAsync(string path, string name)
    {
        var page = await app.SignedInPageAsync("demo.consulta@peitracker.local", DemoDataSeeder.DemoPassword);
        await page.GotoAsync(app.BaseUrl + path);
        var planName = (await page.Locator(".page-header p.text-muted").First.InnerTextAsync()).Trim();
        var dataAsOf = (await page.Locator("[data-testid=datos-al]").InnerTextAsync()).Trim();
        Assert.Matches(@"^Datos al \d\d/\d\d/\d{4}$", dataAsOf);

        var file = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".pdf");
        await page.PdfAsync(new PagePdfOptions { Format = "A4", Path = file });
        Assert.Empty(app.ErrorsOf(page));
        return new Printed(await PageTextsAsync(file), planName, dataAsOf);
    }

    private static async Task<IReadOnlyList<string>> PageTextsAsync(string file)
    {
        using var pdftotext = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true })!;
        var text = await pdftotext.StandardOutput.ReadToEndAsync();
        await pdftotext.WaitForExitAsync();
        Assert.Equal(0, pdftotext.ExitCode);
        return text.Split('\f').SkipLast(1).Select(Folded).ToList();
    }

    private static string Folded(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [Fact]
    public async Task Dashboard_PrintedForAMeeting_FitsFourA4SheetsWithThePlanAndTheCutOffOnEach()
    {
        var printed = await PrintAsync(Dashboard, "91-tablero-impreso-reunion");
        output.WriteLine($"Tablero impreso para reunión: {printed.Pages.Count} hojas A4");

        Assert.InRange(printed.Pages.Count, 1, 4);
        Assert.All(printed.Pages, text => Assert.Contains(Folded(printed.PlanName), text));
        Assert.All(printed.Pages, text => Assert.Contains(printed.DataAsOf, text));
        var all = string.Join(" ", printed.Pages);
        // The tiles' labels are printed in capitals (text-transform).
        Assert.Contains("Indicadores por semáforo", all, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Objetivos estratégicos", all);
        Assert.Contains("En riesgo según la proyección", all);
        Assert.DoesNotContain("Valores y metas en la unidad de medida de cada indicador", all);
    }

    [Fact]
    public async Task Dashboard_PrintedWithTheFullTable_AddsSheetsWithWholeRowsAndThePlanAndTheCutOffOnEach()
    {
        var meeting = await PrintAsync(Dashboard, "91-tablero-impreso-reunion");
        var full = await PrintAsync(Dashboard + "&imprimir=tabla", "92-tablero-impreso-tabla-completa");
        output.WriteLine($"Tablero impreso: {meeting.Pages.Count} hojas para reunión, {full.Pages.Count} con la tabla completa");

        Assert.True(full.Pages.Count > meeting.Pages.Count, $"{full.Pages.Count} hojas con la tabla, {meeting.Pages.Count} sin ella");
        Assert.All(full.Pages, text => Assert.Contains(Folded(full.PlanName), text));
        Assert.All(full.Pages, text => Assert.Contains(full.DataAsOf, text));

        // A row split across two sheets leaves its code on one sheet and the end of its name on the next (the last word:
        // pdftotext may interleave a wrapped name with the cells beside it).
        var page = await app.SignedInPageAsync("demo.consulta@peitracker.local", DemoDataSeeder.DemoPassword);
        await page.GotoAsync(app.BaseUrl + Dashboard);
        var rows = await page.Locator("table.indicator-table tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.cells[0].innerText.trim(), r.cells[1].innerText.trim()])");
        Assert.True(rows.Length > 50, $"{rows.Length} filas");
        var split = rows
            .Select(r => (Code: r[0], Tail: Folded(r[1]).Split(' ')[^1]))
            .Where(r => !full.Pages.Any(text => text.Contains(r.Code) && text.Contains(r.Tail)))
            .Select(r => r.Code)
            .ToList();
        Assert.True(split.Count == 0, "Filas partidas entre hojas: " + string.Join(", ", split));
    }
}
