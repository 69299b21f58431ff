using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PeiTracker.Web.Exports;

/// <summary>
/// Turns a print-ready HTML page into a PDF with the server's headless Chromium (Debian's
/// package; PEI_CHROMIUM overrides the path). The page's stylesheets are inlined so Chromium
/// needs no network and no session.
/// </summary>
public sealed partial class ChromiumPdf(IConfiguration configuration, IWebHostEnvironment environment, ILogger<ChromiumPdf> logger)
{
    public string Executable => configuration["PEI_CHROMIUM"] is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public bool IsAvailable => File.Exists(Executable);

    public async Task<byte[]> RenderAsync(string html, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("pei-pdf-");
        try
        {
            var htmlPath = Path.Combine(folder.FullName, "documento.html");
            var pdfPath = Path.Combine(folder.FullName, "documento.pdf");
            await File.WriteAllTextAsync(htmlPath, InlineStylesheets(html), cancellationToken);

            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--no-pdf-header-footer",
                $"--user-data-dir={Path.Combine(folder.FullName, "profile")}", $"--print-to-pdf={pdfPath}", new Uri(htmlPath).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("No se pudo iniciar Chromium.");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(90));
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0 || !File.Exists(pdfPath))
            {
                logger.LogError("Chromium exited {ExitCode} while printing a PDF: {Errors}", process.ExitCode, await errors);
                throw new InvalidOperationException("Chromium no pudo generar el PDF.");
            }

            return WithoutTimestamps(await File.ReadAllBytesAsync(pdfPath, cancellationToken));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Chromium stamps the print time into the document information; replace those digits with zeros
    /// (same length, so the cross-reference offsets stay valid) so the same page gives the same bytes.
    /// </summary>
    public static byte[] WithoutTimestamps(byte[] pdf)
    {
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var fixedText = PdfDate().Replace(text, m => m.Groups[1].Value + new string('0', m.Groups[2].Value.Length) + m.Groups[3].Value);
        return System.Text.Encoding.Latin1.GetBytes(fixedText);
    }

    [GeneratedRegex(@"(/(?:CreationDate|ModDate) \(D:)([0-9]{14})([^)]*\))")]
    private static partial Regex PdfDate();

    private string InlineStylesheets(string html) =>
        StylesheetLink().Replace(html, match =>
        {
            // MapStaticAssets fingerprints names (site.ioty0o4jcg.css); the file on disk is site.css.
            var path = Fingerprint().Replace(match.Groups["href"].Value.Split('?')[0].TrimStart('/'), "$1");
            var file = environment.WebRootFileProvider.GetFileInfo(path);
            if (!file.Exists)
            {
                return "";
            }

            using var reader = new StreamReader(file.CreateReadStream());
            return "<style>" + reader.ReadToEnd() + "</style>";
        });

    [GeneratedRegex(@"\.[0-9a-z]{8,12}(\.css)$")]
    private static partial Regex Fingerprint();

    [GeneratedRegex("<link[^>]+rel=\"stylesheet\"[^>]+href=\"(?<href>[^\"]+)\"[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex StylesheetLink();
}
