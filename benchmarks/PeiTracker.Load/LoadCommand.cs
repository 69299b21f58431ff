using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;

namespace PeiTracker.Load;

/// <summary>A period when a fault was being injected (database down, app killed), read from --outage-file.</summary>
public sealed record Outage(DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// The PEI scenario: writers enter values through the JSON API with their own tokens, each on slots
/// it alone owns; readers signed in through the login form open the dashboard and indicator pages.
/// Afterwards every accepted write is checked in PostgreSQL. Requests that overlap a fault window
/// (plus a grace period for recovery) are counted apart; everything else must succeed.
/// </summary>
public static class LoadCommand
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var baseUrl = new Uri(args.Required("base-url"));
        var connectionString = args.Required("db");
        var duration = TimeSpan.FromSeconds(args.Double("duration", 60));
        var writerCount = args.Int("writers", 6);
        var formWriterCount = args.Int("form-writers", 2);
        var readerCount = args.Int("readers", 6);
        var slotsPerWriter = args.Int("slots-per-writer", 4);
        var readerPassword = args.Text("reader-password") ?? "Demo2025pei";
        var readerEmails = (args.Text("reader-emails") ?? "demo.consulta@peitracker.local,demo.planificador@peitracker.local,demo.registrador@peitracker.local")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var outageFile = args.Text("outage-file");
        var grace = TimeSpan.FromSeconds(args.Double("outage-grace", 5));
        var requireClear = args.Flag("require-clear-outage-errors");
        var jsonPath = args.Text("json");
        var timeout = TimeSpan.FromSeconds(args.Double("timeout", 30));
        args.RejectUnknown();

        var runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        IReadOnlyList<Writer> writers;
        IReadOnlyList<int> indicatorIds;
        await using (var setup = NpgsqlDataSource.Create(connectionString))
        {
            writers = await LoadSetup.CreateWritersAsync(setup, runId, writerCount, formWriterCount, slotsPerWriter);
            indicatorIds = await LoadSetup.IndicatorIdsAsync(setup);
        }
        Console.WriteLine($"run {runId}: {writers.Count} writers ({writers.Count(w => w.ViaForm)} through the entry form, the rest through the API; {writers.Count(w => w.Role == "Registrador")} Registrador, {writers.Count(w => w.Role == "Planificador")} Planificador) on {writers.Sum(w => w.Slots.Count)} slots, {readerCount} readers, {duration.TotalSeconds} s against {baseUrl}");

        using var hardStop = new CancellationTokenSource(duration + timeout + TimeSpan.FromSeconds(120));
        var readers = new List<HttpClient>();
        for (var i = 0; i < readerCount; i++)
        {
            var client = Web.Client(baseUrl, timeout, new CookieContainer());
            await Web.LoginAsync(client, readerEmails[i % readerEmails.Length], readerPassword, hardStop.Token);
            readers.Add(client);
        }

        var recorder = new LatencyRecorder();
        var attempts = new ConcurrentQueue<WriteAttempt>();
        var until = DateTimeOffset.UtcNow + duration;
        var watch = Stopwatch.StartNew();
        var formClients = new Dictionary<int, HttpClient>();
        foreach (var writer in writers.Where(w => w.ViaForm))
        {
            formClients[writer.Number] = Web.Client(baseUrl, timeout, new CookieContainer());
            await Web.LoginAsync(formClients[writer.Number], writer.Email, LoadSetup.FormWriterPassword, hardStop.Token);
        }

        var tasks = writers.Select(w => Task.Run(() => w.ViaForm
                ? WriteThroughFormAsync(w, formClients[w.Number], runId, until, recorder, attempts, hardStop.Token)
                : WriteAsync(w, baseUrl, timeout, runId, until, recorder, attempts, hardStop.Token)))
            .Concat(readers.Select((r, i) => Task.Run(() => ReadAsync(r, i, indicatorIds, until, recorder, hardStop.Token))));
        await Task.WhenAll(tasks);
        var elapsed = watch.Elapsed;
        readers.ForEach(r => r.Dispose());
        formClients.Values.ToList().ForEach(c => c.Dispose());

        var outages = outageFile is not null && File.Exists(outageFile) ? ReadOutages(outageFile) : [];
        bool InOutage(Sample s) => outages.Any(o => s.Started <= o.End + grace && s.Started.AddMilliseconds(s.Milliseconds) >= o.Start);
        var samples = recorder.Samples;
        var outside = samples.Where(s => !InOutage(s)).ToList();
        var during = samples.Where(InOutage).ToList();
        var failedDuring = during.Where(s => s.Error is not null).ToList();
        var unclear = failedDuring.Count(s => !Web.IsClearUnavailable(s.Error));
        // A new pool: connections opened before a database restart are dead.
        await using var db = NpgsqlDataSource.Create(connectionString);
        var verification = await WriteVerifier.VerifyAsync(db, runId, [.. attempts]);

        var all = LatencyRecorder.Summarise("all", samples, elapsed);
        var writes = LatencyRecorder.Summarise("writes", samples.Where(s => s.Kind == "write").ToList(), elapsed);
        var reads = LatencyRecorder.Summarise("reads", samples.Where(s => s.Kind != "write").ToList(), elapsed);
        var errorsOutside = outside.Count(s => s.Error is not null);
        Console.WriteLine(all.ToLine());
        Console.WriteLine(writes.ToLine());
        Console.WriteLine(reads.ToLine());
        foreach (var kind in samples.Where(s => s.Kind != "write").Select(s => s.Kind).Distinct().Order())
        {
            Console.WriteLine("  " + LatencyRecorder.Summarise(kind, samples.Where(s => s.Kind == kind).ToList(), elapsed).ToLine());
        }

        Console.WriteLine($"errors outside fault windows: {errorsOutside}");
        foreach (var group in outside.Where(s => s.Error is not null).GroupBy(s => s.Error).OrderByDescending(g => g.Count()).Take(8))
        {
            Console.WriteLine($"  x{group.Count()} {group.Key}");
        }

        var outageReport = outages.Select(o => Describe(o, grace, samples)).ToList();
        if (outages.Count > 0)
        {
            Console.WriteLine($"fault windows: {outages.Count}; requests overlapping them (+{grace.TotalSeconds} s grace): {during.Count}, failed: {failedDuring.Count} ({failedDuring.Count - unclear} with the clear 503, {unclear} other)");
            outageReport.ForEach(line => Console.WriteLine("  " + line));
            foreach (var group in failedDuring.GroupBy(s => s.Error).OrderByDescending(g => g.Count()).Take(8))
            {
                Console.WriteLine($"  x{group.Count()} {group.Key}");
            }
        }

        Console.WriteLine($"writes: sent {attempts.Count}, accepted {verification.Accepted}, verified in PostgreSQL {verification.Verified}, lost {verification.Lost}, duplicated {verification.Duplicated}, committed although the answer was lost {verification.CommittedWithoutAnswer}");
        Console.WriteLine($"consistency: slots checked {verification.SlotsChecked}, wrong final value {verification.SlotsWrong}, half-written {verification.HalfWritten}, evidence files {verification.EvidenceRows} (wrong count on {verification.EvidenceWrong} slots), evidence without value {verification.OrphanEvidence}, values without audit {verification.ValuesWithoutAudit}");
        verification.Problems.ToList().ForEach(p => Console.WriteLine("  problem: " + p));

        if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(new
            {
                runId, writers = writers.Count, readers = readerCount, all, writesSummary = writes, readsSummary = reads, errorsOutside,
                faultWindows = outageReport, requestsDuringFaults = during.Count, failedDuringFaults = failedDuring.Count, unclearDuringFaults = unclear, verification,
            }, Json.Options));
        }

        var ok = errorsOutside == 0 && verification.Ok && (!requireClear || unclear == 0) && verification.Accepted > 0;
        Console.WriteLine(ok ? "RESULT: OK" : "RESULT: FAILED");
        return ok ? 0 : 1;
    }

    private static async Task WriteAsync(Writer writer, Uri baseUrl, TimeSpan timeout, string runId, DateTimeOffset until, LatencyRecorder recorder, ConcurrentQueue<WriteAttempt> attempts, CancellationToken cancellationToken)
    {
        using var client = Web.Client(baseUrl, timeout);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", writer.Token);
        // The version of each slot's value as this writer last saw it (0: no value yet), which the API requires with
        // every write. The writer alone owns its slots, so only a write whose answer was lost leaves it unknown.
        var versions = writer.Slots.ToDictionary(s => s, _ => (uint?)0);
        long sequence = 0;
        while (DateTimeOffset.UtcNow < until && !cancellationToken.IsCancellationRequested)
        {
            sequence++;
            var slot = writer.Slots[(int)(sequence % writer.Slots.Count)];
            if ((versions[slot] ??= await ReadVersionAsync(client, slot, cancellationToken)) is not { } version)
            {
                await Task.Delay(200, cancellationToken);
                continue;
            }

            var value = (int)(sequence % 100);
            var marker = $"carga {runId} w{writer.Number} #{sequence}";
            var (sample, body) = await Web.TimedAsync(client, "write", () => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/indicadores/{slot.IndicatorId}/valores")
            {
                Content = JsonContent.Create(new { anio = slot.Year, periodo = slot.ApiPeriod, valor = value.ToString(CultureInfo.InvariantCulture), comentario = marker, version }),
            }, cancellationToken);
            recorder.Record(sample);
            attempts.Enqueue(new WriteAttempt(writer.Number, slot, sequence, marker, value, false, sample.Started, sample.Started.AddMilliseconds(sample.Milliseconds), sample.Error is null));
            versions[slot] = sample.Error is null ? JsonDocument.Parse(body!).RootElement.GetProperty("version").GetUInt32() : null;
            if (sample.Error is not null)
            {
                // A person would wait a moment before trying again; so does the writer, without hammering a down server.
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    /// <summary>The slot's current version as the API reports it (0 when it has no value), or null when the app cannot answer now.</summary>
    private static async Task<uint?> ReadVersionAsync(HttpClient client, Slot slot, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync($"/api/v1/indicadores/{slot.IndicatorId}", cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var values = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("values");
            return values.EnumerateArray()
                .Where(v => v.GetProperty("year").GetInt32() == slot.Year && v.GetProperty("period").GetString() == slot.Period)
                .Select(v => (uint?)v.GetProperty("version").GetUInt32())
                .FirstOrDefault() ?? 0;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// As a person does: open the entry page, then post the form (anti-forgery token and concurrency stamp
    /// from the page) with "Guardar borrador"; every third write attaches a small PDF as evidence.
    /// Accepted means the redirect to the entry list that follows a save.
    /// </summary>
    private static async Task WriteThroughFormAsync(Writer writer, HttpClient client, string runId, DateTimeOffset until, LatencyRecorder recorder, ConcurrentQueue<WriteAttempt> attempts, CancellationToken cancellationToken)
    {
        var pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF");
        long sequence = 0;
        while (DateTimeOffset.UtcNow < until && !cancellationToken.IsCancellationRequested)
        {
            sequence++;
            var slot = writer.Slots[(int)(sequence % writer.Slots.Count)];
            var url = $"/Registro/Valor/{slot.IndicatorId}?anio={slot.Year}&periodo={slot.ApiPeriod}";
            var (page, html) = await Web.TimedAsync(client, "formulario", () => new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
            recorder.Record(page);
            if (page.Error is not null || html is null)
            {
                await Task.Delay(200, cancellationToken);
                continue;
            }

            var value = (int)(sequence % 100);
            var marker = $"carga {runId} w{writer.Number} #{sequence}";
            var withEvidence = sequence % 3 == 0;
            var fields = new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Web.HiddenValue(html, "__RequestVerificationToken") ?? "",
                ["Version"] = Web.HiddenValue(html, "Version") ?? "",
                ["Anio"] = slot.Year.ToString(CultureInfo.InvariantCulture),
                ["Periodo"] = slot.ApiPeriod,
                ["Valor"] = value.ToString(CultureInfo.InvariantCulture),
                ["Comentario"] = marker,
            };
            var (sample, _) = await Web.TimedAsync(client, "write", () =>
            {
                var form = new MultipartFormDataContent();
                foreach (var (name, text) in fields)
                {
                    form.Add(new StringContent(text), name);
                }

                if (withEvidence)
                {
                    var file = new ByteArrayContent(pdf);
                    file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                    form.Add(file, "Evidencias", $"acta-{sequence}.pdf");
                }

                return new HttpRequestMessage(HttpMethod.Post, $"/Registro/Valor/{slot.IndicatorId}?anio={slot.Year}&periodo={slot.ApiPeriod}&handler=Save") { Content = form };
            }, cancellationToken, expect: HttpStatusCode.Redirect);
            recorder.Record(sample);
            attempts.Enqueue(new WriteAttempt(writer.Number, slot, sequence, marker, value, withEvidence, sample.Started, sample.Started.AddMilliseconds(sample.Milliseconds), sample.Error is null));
            if (sample.Error is not null)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    private static async Task ReadAsync(HttpClient client, int number, IReadOnlyList<int> indicatorIds, DateTimeOffset until, LatencyRecorder recorder, CancellationToken cancellationToken)
    {
        var random = new Random(number);
        var pages = new[] { "/Tablero?anio=2025&periodo=A", "/Tablero?anio=2026&periodo=S1", "/Plan/Indicador/{0}" };
        while (DateTimeOffset.UtcNow < until && !cancellationToken.IsCancellationRequested)
        {
            var page = pages[random.Next(pages.Length)];
            var kind = page.StartsWith("/Tablero", StringComparison.Ordinal) ? "tablero" : "indicador";
            var url = string.Format(CultureInfo.InvariantCulture, page, indicatorIds[random.Next(indicatorIds.Count)]);
            var (sample, _) = await Web.TimedAsync(client, kind, () => new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
            recorder.Record(sample);
            if (sample.Error is not null)
            {
                await Task.Delay(200, cancellationToken);
            }
        }

    }

    /// <summary>Lines "START_MS END_MS" (Unix milliseconds) written by the fault scripts.</summary>
    private static List<Outage> ReadOutages(string path) =>
        File.ReadAllLines(path).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length >= 2)
            .Select(p => new Outage(DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(p[0], CultureInfo.InvariantCulture)),
                DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(p[1], CultureInfo.InvariantCulture))))
            .ToList();

    private static string Describe(Outage outage, TimeSpan grace, IReadOnlyList<Sample> samples)
    {
        var failed = samples.Count(s => s.Error is not null && s.Started <= outage.End + grace && s.Started.AddMilliseconds(s.Milliseconds) >= outage.Start);
        var firstWrite = samples.Where(s => s.Kind == "write" && s.Error is null && s.Started >= outage.End).MinBy(s => s.Started);
        var recovered = firstWrite is null ? "no successful write after it" : $"first accepted write {(firstWrite.Started.AddMilliseconds(firstWrite.Milliseconds) - outage.End).TotalSeconds:0.0} s after it ended";
        return string.Create(CultureInfo.InvariantCulture, $"fault {outage.Start:HH:mm:ss.f}-{outage.End:HH:mm:ss.f} UTC ({(outage.End - outage.Start).TotalSeconds:0.0} s): {failed} requests failed; {recovered}");
    }
}
