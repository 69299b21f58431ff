using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Reportes;

/// <summary>
/// Every exported workbook opened in LibreOffice (headless Calc, as on Debian) and printed to PDF: it opens, its cells
/// read back as written, it prints landscape on a stated number of pages, and no header label is cut. The files are
/// downloaded and converted once (<see cref="PrintedAsync"/>) and shared by the assertions; PEI_PRINT_DIR keeps the
/// PDFs to look at.
/// </summary>
[Collection(AppCollection.Name)]
public partial class LibreOfficePrintTests(AppFixture app)
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static IReadOnlyDictionary<string, Printed>? printed;

    /// <summary>One export as LibreOffice printed it: its pages (width, height in points), its text, and its first sheet as CSV.</summary>
    public sealed record Printed(byte[] Xlsx, IReadOnlyList<(double Width, double Height)> Pages, string Text, IReadOnlyList<string[]> Csv);

    /// <summary>
    /// Each export, and the most pages it may print on: the MRE plan (103 indicator rows under their OEI and AEI) printed
    /// 11, 13 and 8 landscape A4 pages when this was written; before the print setup the Reporte took 17 portrait pages.
    /// </summary>
    public static TheoryData<string, int> Exports => new()
    {
        { "seguimiento-anual", 12 },
        { "seguimiento-semestre", 14 },
        { "matriz", 9 },
        { "carga", 25 },
    };

    private static readonly Dictionary<string, string> Urls = new()
    {
        ["seguimiento-anual"] = "/Reportes/Seguimiento?anio=2025&periodo=A",
        ["seguimiento-semestre"] = "/Reportes/Seguimiento?anio=2025&periodo=S1",
        ["matriz"] = "/Plan/Matriz/Descargar",
        ["carga"] = "/Registro/Carga?handler=Descargar&anio=2025&periodo=A",
    };

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task Export_PrintedByLibreOffice_IsLandscapeOnAFewPages(string export, int maxPages)
    {
        var file = (await PrintedAsync())[export];

        Assert.InRange(file.Pages.Count, 1, maxPages);
        Assert.All(file.Pages, page => Assert.True(page.Width > page.Height, $"{export}: a page of {page.Width}x{page.Height} pt is not landscape"));
    }

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task Export_OpenedByLibreOffice_ReadsBackTheCellsAsWritten(string export, int maxPages)
    {
        _ = maxPages;
        var file = (await PrintedAsync())[export];
        var sheet = new XlsxReader(file.Xlsx, export switch
        {
            "matriz" => MatrizPeiLayout.WorksheetName,
            "carga" => global::PeiTracker.Web.Imports.BulkEntryLayout.ValuesSheet,
            _ => SeguimientoReport.MainSheet,
        });

        Assert.Equal(sheet.LastRow, file.Csv.Count);
        foreach (var row in new[] { 1, sheet.LastRow / 2, sheet.LastRow })
        {
            for (var column = 0; column <= sheet.LastColumn; column++)
            {
                var written = sheet.Text(row, column);
                var read = column < file.Csv[row - 1].Length ? file.Csv[row - 1][column] : "";
                Assert.True(Same(written, read), $"{export} {XlsxReader.Reference(row, column)}: wrote «{written}», LibreOffice read «{read}»");
            }
        }
    }

    [Theory]
    [InlineData("seguimiento-anual", "Nivel de gobierno", "Valores incluidos", "Filas de OEI y AEI", "Unidad ejecutora", "Unidad de organización", "Tipo de agregación", "Semáforo Año 2025")]
    [InlineData("matriz", "Código del indicador", "Logro esperado 2030", "Clave PeiTracker")]
    [InlineData("carga", "Unidad de medida", "Valor actual", "Medio de verificación", "A · Numerador", "Instrucciones para la carga de valores")]
    public async Task Export_Printed_ShowsEveryLabelWhole(string export, params string[] labels)
    {
        // pdftotext prints a wrapped label's lines one after the other.
        var text = Regex.Replace((await PrintedAsync())[export].Text, @"\s+", " ");

        Assert.All(labels, label => Assert.Contains(label, text));
        Assert.Contains(Regex.Match(text, @"Datos al \d{2}/\d{2}/\d{4}").Value, text);
        Assert.Matches(@"Página 1 de \d+", text);
    }

    /// <summary>A number is read back as LibreOffice formats it ("0.556" as "0.6" with one decimal): compare the figures.</summary>
    private static bool Same(string written, string read)
    {
        if (written == read)
        {
            return true;
        }

        var number = NumberStyles.Float;
        return decimal.TryParse(written, number, CultureInfo.InvariantCulture, out var w)
            && decimal.TryParse(read.Replace(",", "", StringComparison.Ordinal), number, CultureInfo.InvariantCulture, out var r)
            && Math.Abs(w - r) <= 0.0005m + (Math.Abs(w) * 0.05m);
    }

    private async Task<IReadOnlyDictionary<string, Printed>> PrintedAsync()
    {
        await Once.WaitAsync();
        try
        {
            return printed ??= await PrintAllAsync();
        }
        finally
        {
            Once.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, Printed>> PrintAllAsync()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var work = Directory.CreateTempSubdirectory("pei-print-");
        try
        {
            var files = new Dictionary<string, byte[]>();
            foreach (var (export, url) in Urls)
            {
                files[export] = await client.GetByteArrayAsync(url);
                await File.WriteAllBytesAsync(Path.Combine(work.FullName, export + ".xlsx"), files[export]);
            }

            var inputs = Urls.Keys.Select(e => Path.Combine(work.FullName, e + ".xlsx")).ToArray();
            await LibreOfficeAsync(work.FullName, "pdf", inputs);
            await LibreOfficeAsync(work.FullName, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false", inputs);
            if (Environment.GetEnvironmentVariable("PEI_PRINT_DIR") is { Length: > 0 } keep)
            {
                Directory.CreateDirectory(keep);
                foreach (var pdf in Directory.GetFiles(work.FullName, "*.pdf").Concat(Directory.GetFiles(work.FullName, "*.xlsx")))
                {
                    File.Copy(pdf, Path.Combine(keep, Path.GetFileName(pdf)), overwrite: true);
                }
            }

            var result = new Dictionary<string, Printed>();
            foreach (var (export, bytes) in files)
            {
                var pdf = Path.Combine(work.FullName, export + ".pdf");
                Assert.True(File.Exists(pdf), $"LibreOffice did not print {export}");
                var csv = Rows(await File.ReadAllTextAsync(Path.Combine(work.FullName, export + ".csv")));
                result[export] = new Printed(bytes, await PagesAsync(pdf), await RunAsync("pdftotext", [pdf, "-"]), csv);
            }

            return result;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// One LibreOffice run for all the files, with a profile of its own (-env:UserInstallation) so that parallel runs and
    /// a desktop LibreOffice never share one.
    /// </summary>
    private static Task LibreOfficeAsync(string directory, string format, string[] inputs) => RunAsync("libreoffice",
    [
        $"-env:UserInstallation=file://{Path.Combine(directory, "profile")}", "--headless", "--norestore", "--convert-to", format, "--outdir", directory, .. inputs,
    ]);

    private static async Task<IReadOnlyList<(double, double)>> PagesAsync(string pdf)
    {
        var info = await RunAsync("pdfinfo", ["-f", "1", "-l", "1000", pdf]);
        return PageSize().Matches(info).Select(m => (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
    }

    private static async Task<string> RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in 3 minutes.");
        }

        Assert.True(process.ExitCode == 0, $"{program} failed ({process.ExitCode}): {await error}");
        return await output;
    }

    /// <summary>CSV as LibreOffice writes it: comma-separated, fields with commas, quotes or line breaks in double quotes.</summary>
    private static List<string[]> Rows(string csv)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted && c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && (c == ',' || c == '\n'))
            {
                fields.Add(field.ToString());
                field.Clear();
                if (c == '\n')
                {
                    rows.Add([.. fields]);
                    fields.Clear();
                }
            }
            else if (quoted || c != '\r')
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            rows.Add([.. fields]);
        }

        return rows;
    }

    [GeneratedRegex(@"Page +\d+ size: +([\d.]+) x ([\d.]+) pts")]
    private static partial Regex PageSize();
}
