using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Reportes;

/// <summary>
/// PDF renders take turns. The server's Chromium is replaced by a script that takes its time, writes a PDF and
/// notes how many copies of itself were running when it started, so the test sees the real concurrency.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PdfQueueTests(AppFixture app) : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("pei-fake-chromium-");

    public void Dispose() => folder.Delete(recursive: true);

    private string FakeChromium(double seconds)
    {
        var path = Path.Combine(folder.FullName, "chromium");
        File.WriteAllText(path, $$"""
            #!/usr/bin/env bash
            for a in "$@"; do case "$a" in --print-to-pdf=*) out="${a#--print-to-pdf=}";; esac; done
            touch "{{folder.FullName}}/running.$$"
            ls "{{folder.FullName}}" | grep -c '^running\.' >> "{{folder.FullName}}/started"
            sleep {{seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}}
            printf '%%PDF-1.4\n%%%%EOF\n' > "$out"
            rm "{{folder.FullName}}/running.$$"
            """.Replace("\r", "", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    private IReadOnlyList<int> RunningAtEachStart() =>
        File.Exists(Path.Combine(folder.FullName, "started"))
            ? File.ReadAllLines(Path.Combine(folder.FullName, "started")).Select(int.Parse).ToList()
            : [];

    private async Task<List<HttpResponseMessage>> RequestInParallelAsync(int requests, double renderSeconds, params (string Key, string Value)[] settings)
    {
        await using var factory = app.Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("PEI_CHROMIUM", FakeChromium(renderSeconds));
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.SubmitFormAsync("/Cuenta/Ingresar", new Dictionary<string, string> { ["Input.Email"] = AppFixture.AdminEmail, ["Input.Password"] = AppFixture.Password });
        var indicator = await app.IndicatorWithFullDataAsync(0);

        var responses = await Task.WhenAll(Enumerable.Range(0, requests).Select(_ => client.GetAsync($"/Reportes/Fichas?indicador={indicator.Id}&formato=pdf")));
        return [.. responses];
    }

    [Fact]
    public async Task Pdf_MoreRequestsThanSlots_RenderOneAtATimeAndAllSucceedWithinTheWait()
    {
        var responses = await RequestInParallelAsync(3, 0.5, ("PEI_PDF_CONCURRENCY", "1"), ("PEI_PDF_QUEUE_WAIT_SECONDS", "60"));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(responses, r => Assert.Equal("application/pdf", r.Content.Headers.ContentType!.MediaType));
        Assert.Equal([1, 1, 1], RunningAtEachStart());
    }

    [Fact]
    public async Task Pdf_TwoSlots_NeverMoreThanTwoRendersAtOnce()
    {
        var responses = await RequestInParallelAsync(5, 0.5, ("PEI_PDF_CONCURRENCY", "2"), ("PEI_PDF_QUEUE_WAIT_SECONDS", "60"));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(5, RunningAtEachStart().Count);
        Assert.InRange(RunningAtEachStart().Max(), 1, 2);
    }

    [Fact]
    public async Task Pdf_QueueFullOrWaitExceeded_Answers503WithRetryAfterAndASpanishMessage()
    {
        var responses = await RequestInParallelAsync(4, 5,
            ("PEI_PDF_CONCURRENCY", "1"), ("PEI_PDF_QUEUE_LENGTH", "1"), ("PEI_PDF_QUEUE_WAIT_SECONDS", "1"));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.Equal(3, refused.Count);
        foreach (var response in refused)
        {
            Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter!.Delta);
            Assert.Equal(PdfRenderQueue.BusyMessage, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal([1], RunningAtEachStart());
    }
}
