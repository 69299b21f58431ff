using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Imports;
using PeiTracker.Web.Tests.Imports;
using PeiTracker.Web.Tests.Infrastructure;
using static PeiTracker.Web.Tests.Security.HostileInputs;

namespace PeiTracker.Web.Tests.Security;

/// <summary>
/// A generated battery of hostile inputs against value entry, plan editing, uploads and the API
/// (the generators are in <see cref="HostileInputs"/>). Every case: never a 500 nor a stack trace;
/// a rejected input leaves <see cref="DatabaseFingerprint"/> unchanged and shows a Spanish message;
/// hostile but legitimate text that is accepted shows escaped on every page that displays it.
/// The signed-in clients and the indicators used are set up once and shared by all cases.
/// </summary>
[Collection(AppCollection.Name)]
public partial class HostileInputTests(AppFixture app)
{
    private const int Year = 2025;

    private static readonly SemaphoreSlim SetupLock = new(1, 1);
    private static Session? shared;

    private sealed record Session(
        AppFixture Owner,
        HttpClient Admin,
        HttpClient Unit,
        HttpClient Api,
        Dictionary<HttpClient, string> Tokens,
        int NumberIndicator,
        int TextIndicator,
        int ReviewIndicator,
        int EvidenceIndicator,
        int EditIndicator,
        decimal TargetOf2025,
        int ObjectiveId,
        int LastYear);

    // ---- Numbers ------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(BadNumbers), MemberType = typeof(HostileInputs))]
    public async Task BadNumber_InAnyNumberField_IsRefusedWithItsMessageAndChangesNothing(NumberField field, string input, string message)
    {
        var s = await SessionAsync();
        var before = await FingerprintAsync();

        var response = field switch
        {
            NumberField.ValueSave => await PostValueAsync(s.Unit, s.NumberIndicator, "Save", input, "Prueba"),
            NumberField.ValueSend => await PostValueAsync(s.Unit, s.NumberIndicator, "Send", input, "Prueba"),
            NumberField.Api => await s.Api.PostAsJsonAsync($"/api/v1/indicadores/{s.NumberIndicator}/valores", new { anio = Year, periodo = "A", valor = input, comentario = "Prueba" }),
            NumberField.Target => await s.Admin.PostFormAsync(MetasUrl(s.EditIndicator), [($"Targets[{s.LastYear}]", input), ("Reason", "Prueba")]),
            NumberField.Baseline => await s.Admin.PostFormAsync(EditUrl(s.EditIndicator), [("Input.BaselineValue", input), ("Input.Reason", "Prueba")]),
            _ => await s.Admin.PostFormAsync(EditUrl(s.EditIndicator), [("Input.PermissibleLimit", input), ("Input.Reason", "Prueba")]),
        };

        if (input.Contains('\0') && field is NumberField.Target or NumberField.Baseline or NumberField.PermissibleLimit)
        {
            // ASP.NET Core itself refuses a URL-encoded form carrying a NUL, before any page code runs.
            await AssertRefusedAsync(response, before, "Solicitud no válida", api: false, HttpStatusCode.BadRequest);
            return;
        }

        await AssertRefusedAsync(response, before, message, api: field == NumberField.Api);
    }

    [Theory]
    [MemberData(nameof(BadIntegers), MemberType = typeof(HostileInputs))]
    public async Task BadWholeNumberOrChoice_IsRefusedWithASpanishMessageAndChangesNothing(IntegerField field, string input)
    {
        var s = await SessionAsync();
        var before = await FingerprintAsync();
        var name = "Input." + field;

        var response = field == IntegerField.Priority
            ? await s.Admin.PostFormAsync(StatementUrl(s.ObjectiveId), [(name, input), ("Input.Reason", "Prueba")])
            : await s.Admin.PostFormAsync(EditUrl(s.EditIndicator), [(name, input), ("Input.Reason", "Prueba")]);

        var html = await AssertNoServerErrorAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await FingerprintAsync());
        var errors = ErrorsOf(await HttpClientExtensions.ParseAsync(html)).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.DoesNotMatch(EnglishBindingMessage(), e));
    }

    // ---- Text ---------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(RejectedText), MemberType = typeof(HostileInputs))]
    public async Task OverlongOrControlCharacterText_IsRefusedWithASpanishMessageAndChangesNothing(TextField field, TextAbuse abuse)
    {
        var s = await SessionAsync();
        var text = AbusiveText(field, abuse);
        await PrepareAsync(s, field);
        var before = await FingerprintAsync();

        var (response, api) = await SubmitTextAsync(s, field, text, reason: "Prueba");
        var message = abuse == TextAbuse.OverLimit ? "caracteres" : "caracteres no permitidos";
        if (abuse == TextAbuse.NullCharacter && response.StatusCode == HttpStatusCode.BadRequest && !api)
        {
            // ASP.NET Core itself refuses a URL-encoded form carrying a NUL, before any page code runs.
            await AssertRefusedAsync(response, before, "Solicitud no válida", api, HttpStatusCode.BadRequest);
            return;
        }

        if (field == TextField.ObserveReason)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(before, await FingerprintAsync());
            Assert.Contains(message, await AccountTestData.TextAsync(await s.Admin.GetAsync("/Registro/Revision")));
            return;
        }

        await AssertRefusedAsync(response, before, message, api);
    }

    [Theory]
    [MemberData(nameof(AcceptedText), MemberType = typeof(HostileInputs))]
    public async Task MarkupOrFormulaText_IsStoredAsTypedAndShownEscapedEverywhere(TextField field, int payloadIndex)
    {
        var s = await SessionAsync();
        var payload = MarkupAndFormulas[payloadIndex] + " #" + Guid.NewGuid().ToString("N")[..6];
        await PrepareAsync(s, field);

        var (response, _) = await SubmitTextAsync(s, field, payload, reason: "Prueba");

        await AssertNoServerErrorAsync(response);
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"{field}: {(int)response.StatusCode}");
        try
        {
            foreach (var (client, url) in PagesShowing(s, field))
            {
                await AssertShownEscapedAsync(client, url, payload);
            }

            if (field == TextField.IndicatorName)
            {
                await AssertOpenDataCsvNeutralizesFormulasAsync(s, payload);
            }
        }
        finally
        {
            await RestoreAsync(s, field);
        }
    }

    // ---- Evidence uploads ---------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(EvidenceFiles), MemberType = typeof(HostileInputs))]
    public async Task EvidenceFile_NameTricksAndContentMismatch_AreRefusedOrStoredUnderASafeName(int nameIndex, FileContent content)
    {
        var s = await SessionAsync();
        var (name, extension) = FileNameTricks[nameIndex];
        var before = await FingerprintAsync();

        var response = await PostValueAsync(s.Unit, s.EvidenceIndicator, "Save", Target(s), "Prueba", file: (name, Bytes(content)));

        if (content != FileContent.Empty && ContentMatches(content, extension))
        {
            await AssertNoServerErrorAsync(response);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var stored = await app.QueryAsync(db => db.Set<Evidence>().AsNoTracking().OrderByDescending(e => e.Id).Select(e => e.FileName).FirstAsync());
            Assert.DoesNotContain('/', stored);
            Assert.DoesNotContain('\\', stored);
            Assert.False(stored.StartsWith('.'), stored);
            Assert.True(stored.Length <= 120, stored);
            Assert.Equal(extension, Path.GetExtension(stored).ToLowerInvariant());
            Assert.DoesNotContain(stored, c => c is '<' or '>' or '"' || char.IsControl(c));
            await AssertShownEscapedAsync(s.Unit, ValueUrl(s.EvidenceIndicator), stored);
        }
        else
        {
            // An empty part is no file at all: the value is saved without evidence, which is also fine.
            if (content == FileContent.Empty)
            {
                await AssertNoServerErrorAsync(response);
                Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK);
                return;
            }

            await AssertRefusedAsync(response, before, extension is null ? "Tipo de archivo no admitido" : "no corresponde a su extensión", api: false);
        }
    }

    [Fact]
    public async Task EvidenceFile_OverTheUploadLimit_GetsASpanishMessageNotABare413()
    {
        var s = await SessionAsync();
        var before = await FingerprintAsync();
        var huge = new byte[61 * 1024 * 1024];
        "%PDF-1.7\n"u8.CopyTo(huge);

        var response = await PostValueAsync(s.Unit, s.EvidenceIndicator, "Save", Target(s), "Prueba", file: ("acta.pdf", huge));

        await AssertRefusedAsync(response, before, "supera el límite de tamaño", api: false, HttpStatusCode.RequestEntityTooLarge);
    }

    // ---- Matriz uploads -----------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(DamagedWorkbooks), MemberType = typeof(HostileInputs))]
    public async Task MatrizUpload_DamagedHugeOrBombFile_IsRefusedWithASpanishMessageAndChangesNothing(WorkbookDamage damage, int nameIndex)
    {
        var s = await SessionAsync();
        var bytes = await DamagedAsync(damage);
        var before = await FingerprintAsync();

        var response = await UploadMatrizAsync(s.Admin, bytes, WorkbookFileNames[nameIndex]);

        var html = await AssertNoServerErrorAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpClientExtensions.ParseAsync(html);
        Assert.Null(page.QuerySelector("form.confirm-form"));
        Assert.Empty(page.QuerySelectorAll("[data-hostile]"));
        Assert.Equal(before, await FingerprintAsync());
        if (damage == WorkbookDamage.EntryNamedOutsideThePackage)
        {
            // Extra parts are ignored (the file has no changes to offer); none is ever written anywhere.
            Assert.False(File.Exists("/tmp/pei-evil.xml") || File.Exists("/etc/pei-evil.xml"));
            return;
        }

        Assert.Contains(ErrorsOf(page), e => e.Contains("archivo", StringComparison.Ordinal) || e.Contains("hoja", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(HostileWorkbookCells), MemberType = typeof(HostileInputs))]
    public async Task MatrizUpload_HostileCell_IsRefusedAtItsCellAndChangesNothing(int cellIndex, MatrizColumn column)
    {
        var s = await SessionAsync();
        var (cell, message) = HostileCells[cellIndex];
        var file = await WorkbookAsync();
        var row = await MatrizRowOfAsync(file, s.EditIndicator, s);
        var columnIndex = column switch
        {
            MatrizColumn.BaselineYear => Exports.MatrizPeiLayout.BaselineYearColumn,
            MatrizColumn.BaselineValue => Exports.MatrizPeiLayout.BaselineValueColumn,
            _ => Exports.MatrizPeiLayout.FirstTargetColumn + (s.LastYear - Year),
        };
        file.SetCell(row, columnIndex, cell);
        var before = await FingerprintAsync();

        var response = await UploadMatrizAsync(s.Admin, file.Build(), "matriz.xlsx");

        var html = await AssertNoServerErrorAsync(response);
        var page = await HttpClientExtensions.ParseAsync(html);
        Assert.Null(page.QuerySelector("form.confirm-form"));
        var errors = ErrorsOf(page);
        Assert.True(errors.Any(e => e.Contains(message, StringComparison.Ordinal)) || (column == MatrizColumn.BaselineYear && errors.Any(e => e.Contains(Domain.Editing.EditMessages.BaselineYear, StringComparison.Ordinal))),
            $"{cell} in {column}: {string.Join(" | ", errors)}");
        Assert.Empty(page.QuerySelectorAll("script:not([src]), [data-hostile]"));
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task MatrizUpload_OverTheRequestLimit_GetsASpanishMessageNotABare413()
    {
        var s = await SessionAsync();
        var before = await FingerprintAsync();
        var huge = (await WorkbookAsync()).Build().Concat(new byte[(2 * MatrizPeiImporter.MaxFileBytes) + 1024]).ToArray();

        var response = await UploadMatrizAsync(s.Admin, huge, "matriz.xlsx");

        await AssertRefusedAsync(response, before, "supera el límite de tamaño", api: false, HttpStatusCode.RequestEntityTooLarge);
    }

    // ---- API ----------------------------------------------------------------------------------

    public static TheoryData<string, string> MalformedApiBodies()
    {
        var data = new TheoryData<string, string>();
        var bodies = new[]
        {
            "", "{", "[]", "null", "\"texto\"", "{\"anio\":\"dos mil\",\"periodo\":\"A\",\"valor\":\"1\"}", "{\"anio\":2025.5,\"valor\":\"1\"}",
            "{\"anio\":99999999999,\"valor\":\"1\"}", "{\"anio\":-1,\"periodo\":\"A\",\"valor\":\"1\"}", "{\"anio\":2025,\"periodo\":\"<script>\",\"valor\":\"1\"}",
            "{\"anio\":2025,\"periodo\":\"A\",\"valor\":1}", "{\"anio\":2025,\"periodo\":\"A\",\"valor\":[\"1\"]}", "{\"anio\":2025,\"periodo\":\"A\",\"valor\":\"1\",\"enviar\":\"si\"}",
            "{\"anio\":2025,\"periodo\":\"A\",\"valor\":\"1\",\"version\":-5}", "{\"anio\":2025,\"periodo\":\"A\",\"valor\":\"1\",\"comentario\":\"\\ud800\"}",
            "{\"anio\":2025,\"periodo\":\"A\",\"valor\":\"1\",\"comentario\":{\"$ne\":null}}", "{\"anio\":2025,\"anio\":2026,\"periodo\":\"A\"}",
            new string('[', 10_000) + new string(']', 10_000), "{\"anio\":2025,\"periodo\":\"A\",\"valor\":\"" + new string('9', 100_000) + "\"}",
        };
        foreach (var body in bodies)
        {
            foreach (var contentType in new[] { "application/json", "text/plain", "application/x-www-form-urlencoded" })
            {
                data.Add(body, contentType);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedApiBodies))]
    public async Task Api_MalformedBody_IsRefusedWithoutA500AndChangesNothing(string body, string contentType)
    {
        var s = await SessionAsync();
        var before = await FingerprintAsync();

        var response = await s.Api.PostAsync($"/api/v1/indicadores/{s.NumberIndicator}/valores", new StringContent(body, Encoding.UTF8, contentType));

        await AssertNoServerErrorAsync(response);
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode} for {body[..Math.Min(body.Length, 60)]}");
        Assert.Equal(before, await FingerprintAsync());
    }

    public static TheoryData<string> HostileApiRoutes() =>
    [
        "/api/v1/indicadores/0/valores", "/api/v1/indicadores/-1/valores", "/api/v1/indicadores/2147483648/valores", "/api/v1/indicadores/abc/valores",
        "/api/v1/indicadores/1%2500/valores", "/api/v1/indicadores/..%2F..%2Fplanes/valores",
    ];

    [Theory]
    [MemberData(nameof(HostileApiRoutes))]
    public async Task Api_HostileRoute_IsRefusedWithoutA500AndChangesNothing(string url)
    {
        var s = await SessionAsync();
        var before = await FingerprintAsync();

        var response = await s.Api.PostAsJsonAsync(url, new { anio = Year, periodo = "A", valor = "1" });

        await AssertNoServerErrorAsync(response);
        Assert.True((int)response.StatusCode is >= 400 and < 500);
        Assert.Equal(before, await FingerprintAsync());
    }

    public static TheoryData<string> HostileAuthorizationHeaders() =>
    [
        "Bearer", "Bearer ", "Bearer pei_", "Bearer pei_" + new string('a', 5_000), "Bearer pei_' OR '1'='1", "Bearer pei_<script>", "Basic YWRtaW46YWRtaW4=",
        "Bearer " + new string('x', 50), "bearer pei_0000000000000000000000000000000000000000", "Bearer pei_\u00e9\u00e9",
    ];

    [Theory]
    [MemberData(nameof(HostileAuthorizationHeaders))]
    public async Task Api_ForgedToken_Answers401InSpanishAndChangesNothing(string header)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
        var before = await FingerprintAsync();

        var response = await client.PostAsJsonAsync("/api/v1/indicadores/1/valores", new { anio = Year, periodo = "A", valor = "1" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("token", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task Api_TokenOfAUserWhosePasswordChangeIsPending_IsRefusedWith403InSpanish()
    {
        var s = await SessionAsync();
        var (api, email) = await NewUnitApiClientAsync(s);
        await SetMustChangePasswordAsync(email, true);
        var before = await FingerprintAsync();

        var response = await api.PostAsJsonAsync($"/api/v1/indicadores/{s.NumberIndicator}/valores", new { anio = Year, periodo = "A", valor = Target(s), comentario = "Prueba" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("contraseña", await JsonTextAsync(response));
        Assert.Equal(before, await FingerprintAsync());
    }

    // ---- Assertions ---------------------------------------------------------------------------

    private async Task<string> FingerprintAsync() => await DatabaseFingerprint.OfAsync(app.ConnectionString);

    private static async Task<string> AssertNoServerErrorAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}");
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        return body;
    }

    /// <summary>Refused: not a 500, nothing changed, and the given Spanish text is what the person reads.</summary>
    private async Task AssertRefusedAsync(HttpResponseMessage response, string before, string message, bool api, HttpStatusCode? status = HttpStatusCode.OK)
    {
        var body = await AssertNoServerErrorAsync(response);
        Assert.Equal(before, await FingerprintAsync());
        if (api)
        {
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"API answered {(int)response.StatusCode}");
            Assert.Contains(message, await JsonTextAsync(response));
            return;
        }

        if (status is { } expected)
        {
            Assert.Equal(expected, response.StatusCode);
        }

        var page = await HttpClientExtensions.ParseAsync(body);
        var shown = string.Join(" | ", ErrorsOf(page).Append(Squeeze(page.QuerySelector("main")?.TextContent ?? body)));
        Assert.True(shown.Contains(message, StringComparison.Ordinal), $"Expected «{message}» ({(int)response.StatusCode}), page says: {shown[..Math.Min(shown.Length, 600)]}");
    }

    private static async Task<string> JsonTextAsync(HttpResponseMessage response)
    {
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var text = new StringBuilder();
        void Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String:
                    text.Append(e.GetString()).Append(' ');
                    break;
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        Walk(p.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in e.EnumerateArray())
                    {
                        Walk(item);
                    }

                    break;
            }
        }

        Walk(json);
        return text.ToString();
    }

    private static IEnumerable<string> ErrorsOf(IDocument page) =>
        page.QuerySelectorAll(".text-danger, .alert-danger, .validation-summary-errors, table.import-errors td")
            .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();

    /// <summary>The text shows, as text, and nothing of it became markup: no element, attribute or script of its own.</summary>
    private static async Task AssertShownEscapedAsync(HttpClient client, string url, string payload)
    {
        var response = await client.GetAsync(url);
        var html = await AssertNoServerErrorAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        var page = await HttpClientExtensions.ParseAsync(html);
        Assert.Empty(page.QuerySelectorAll("[data-hostile], script:not([src]), iframe, style, svg"));
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(page.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.Trim().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        if (payload.IndexOfAny(['<', '>', '&', '"']) >= 0)
        {
            Assert.DoesNotContain(payload, html, StringComparison.Ordinal);
        }

        var wanted = Squeeze(payload);
        Assert.True(Squeeze(page.Body!.TextContent).Contains(wanted, StringComparison.Ordinal) || page.All.Any(e => e.Attributes.Any(a => Squeeze(a.Value).Contains(wanted, StringComparison.Ordinal))),
            $"GET {url} does not show «{payload}» as text");
    }

    /// <summary>In the open-data CSV a name that a spreadsheet would run as a formula starts with an apostrophe.</summary>
    private async Task AssertOpenDataCsvNeutralizesFormulasAsync(Session s, string payload)
    {
        var plan = await app.QueryAsync(db => db.Indicators.Where(i => i.Id == s.EditIndicator).Select(i => i.Plan!.Code).SingleAsync());
        var csv = await (await s.Admin.GetAsync($"/DatosAbiertos/{plan}/indicadores.csv")).Content.ReadAsStringAsync();
        var quoted = payload.Replace("\"", "\"\"", StringComparison.Ordinal);
        var formulaLike = payload[0] is '=' or '+' or '-' or '@';
        Assert.Contains((formulaLike ? "'" : "") + quoted, csv, StringComparison.Ordinal);
        if (formulaLike)
        {
            Assert.DoesNotContain("," + quoted, csv, StringComparison.Ordinal);
            Assert.DoesNotContain(",\"" + quoted, csv, StringComparison.Ordinal);
        }
    }

    private static string Squeeze(string text) => Whitespace().Replace(text, " ").Trim();

    // ---- Text fields: how each is submitted, prepared, shown and restored ---------------------

    private async Task<(HttpResponseMessage Response, bool Api)> SubmitTextAsync(Session s, TextField field, string text, string reason)
    {
        switch (field)
        {
            case TextField.ValueComment:
                return (await PostValueAsync(s.Unit, s.TextIndicator, "Save", Target(s), text), false);
            case TextField.ValueDataSource:
                return (await PostValueAsync(s.Unit, s.TextIndicator, "Save", Target(s), "Prueba", dataSource: text), false);
            case TextField.ApiComment:
                // As a source system must: read the value's version first (0 when the period has none yet).
                var read = await s.Api.GetFromJsonAsync<JsonElement>($"/api/v1/indicadores/{s.TextIndicator}");
                var version = read.GetProperty("values").EnumerateArray()
                    .Where(v => v.GetProperty("year").GetInt32() == Year && v.GetProperty("period").GetString() == nameof(PeriodKind.Anual))
                    .Select(v => v.GetProperty("version").GetUInt32()).FirstOrDefault();
                return (await s.Api.PostAsJsonAsync($"/api/v1/indicadores/{s.TextIndicator}/valores", new { anio = Year, periodo = "A", valor = Target(s), comentario = text, version }), true);
            case TextField.ReviewComment:
                return (await PostValueAsync(s.Unit, s.ReviewIndicator, "Send", Target(s), text), false);
            case TextField.ObserveReason:
                var value = await app.QueryAsync(db => db.Values.AsNoTracking().SingleAsync(v => v.IndicatorId == s.ReviewIndicator && v.Year == Year && v.Period == PeriodKind.Anual));
                return (await s.Admin.PostFormAsync("/Registro/Revision", [("valueId", value.Id.ToString(CultureInfo.InvariantCulture)), ("version", value.Version.ToString(CultureInfo.InvariantCulture)), ("reason", text)],
                    $"form[action*='handler=Observe']:has(input[name=valueId][value='{value.Id}'])"), false);
            case TextField.IndicatorName:
                return (await s.Admin.PostFormAsync(EditUrl(s.EditIndicator), [("Input.Name", text), ("Input.Reason", reason)]), false);
            case TextField.IndicatorJustification:
                return (await s.Admin.PostFormAsync(EditUrl(s.EditIndicator), [("Input.Justification", text), ("Input.Reason", reason)]), false);
            case TextField.IndicatorEditReason:
                return (await s.Admin.PostFormAsync(EditUrl(s.EditIndicator), [("Input.DataSource", "Fuente " + Guid.NewGuid().ToString("N")[..8]), ("Input.Reason", text)]), false);
            case TextField.TargetsReason:
                var current = await app.QueryAsync(db => db.Targets.AsNoTracking().Where(t => t.IndicatorId == s.EditIndicator && t.Year == s.LastYear).Select(t => (decimal?)t.Value).SingleOrDefaultAsync());
                return (await s.Admin.PostFormAsync(MetasUrl(s.EditIndicator), [($"Targets[{s.LastYear}]", current == 1m ? "2" : "1"), ("Reason", text)]), false);
            case TextField.StatementReason:
                return (await s.Admin.PostFormAsync(StatementUrl(s.ObjectiveId), [("Input.Statement", "Enunciado " + Guid.NewGuid().ToString("N")[..8]), ("Input.Reason", text)]), false);
            default:
                return (await s.Admin.PostFormAsync(StatementUrl(s.ObjectiveId), [("Input.Statement", text), ("Input.Reason", reason)]), false);
        }
    }

    /// <summary>The review cases need the value in the state their action starts from.</summary>
    private async Task PrepareAsync(Session s, TextField field)
    {
        if (field is not (TextField.ReviewComment or TextField.ObserveReason))
        {
            return;
        }

        var status = await app.QueryAsync(db => db.Values.AsNoTracking()
            .Where(v => v.IndicatorId == s.ReviewIndicator && v.Year == Year && v.Period == PeriodKind.Anual).Select(v => (ValueStatus?)v.Status).SingleOrDefaultAsync());
        if (field == TextField.ObserveReason && status != ValueStatus.Enviado)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostValueAsync(s.Unit, s.ReviewIndicator, "Send", Target(s), "Prueba")).StatusCode);
        }

        if (field == TextField.ReviewComment && status == ValueStatus.Enviado)
        {
            var (observe, _) = await SubmitTextAsync(s, TextField.ObserveReason, "Corregir", "Prueba");
            Assert.Equal(HttpStatusCode.Redirect, observe.StatusCode);
        }
    }

    private static IEnumerable<(HttpClient Client, string Url)> PagesShowing(Session s, TextField field) => field switch
    {
        TextField.ValueComment => [(s.Unit, ValueUrl(s.TextIndicator)), (s.Admin, "/Auditoria"), (s.Admin, $"/Plan/Indicador/{s.TextIndicator}")],
        TextField.ValueDataSource => [(s.Unit, ValueUrl(s.TextIndicator))],
        TextField.ApiComment => [(s.Unit, ValueUrl(s.TextIndicator)), (s.Admin, "/Auditoria")],
        TextField.ReviewComment => [(s.Admin, "/Registro/Revision"), (s.Admin, $"/Plan/Indicador/{s.ReviewIndicator}")],
        TextField.ObserveReason => [(s.Unit, "/Registro"), (s.Unit, ValueUrl(s.ReviewIndicator)), (s.Admin, "/Auditoria")],
        TextField.IndicatorName => [(s.Admin, $"/Plan/Indicador/{s.EditIndicator}"), (s.Admin, "/Auditoria"), (s.Admin, EditUrl(s.EditIndicator))],
        TextField.IndicatorJustification => [(s.Admin, $"/Plan/Indicador/{s.EditIndicator}"), (s.Admin, EditUrl(s.EditIndicator))],
        TextField.IndicatorEditReason => [(s.Admin, "/Auditoria"), (s.Admin, $"/Plan/Indicador/{s.EditIndicator}")],
        TextField.TargetsReason => [(s.Admin, "/Auditoria"), (s.Admin, $"/Plan/Indicador/{s.EditIndicator}")],
        TextField.StatementReason => [(s.Admin, "/Auditoria")],
        _ => [(s.Admin, "/Plan"), (s.Admin, "/Auditoria"), (s.Admin, StatementUrl(s.ObjectiveId))],
    };

    /// <summary>Plan texts other tests read (indicator name, OEI statement) go back to what they were.</summary>
    private async Task RestoreAsync(Session s, TextField field)
    {
        if (field is not (TextField.IndicatorName or TextField.Statement or TextField.StatementReason))
        {
            return;
        }

        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (field == TextField.IndicatorName)
        {
            var original = await db.AuditEntries.Where(a => a.IndicatorId == s.EditIndicator && a.Field == "Nombre").OrderBy(a => a.Id).Select(a => a.Before).FirstAsync();
            await db.Indicators.Where(i => i.Id == s.EditIndicator).ExecuteUpdateAsync(u => u.SetProperty(i => i.Name, original!));
        }
        else
        {
            var code = await db.Objectives.Where(o => o.Id == s.ObjectiveId).Select(o => o.Code).SingleAsync();
            var original = await db.AuditEntries.Where(a => a.Subject == code && a.Field == "Enunciado" && a.Kind == AuditKind.Objetivo).OrderBy(a => a.Id).Select(a => a.Before).FirstAsync();
            await db.Objectives.Where(o => o.Id == s.ObjectiveId).ExecuteUpdateAsync(u => u.SetProperty(o => o.Statement, original!));
        }
    }

    // ---- Requests -----------------------------------------------------------------------------

    private static string ValueUrl(int indicatorId) => $"/Registro/Valor/{indicatorId}?anio={Year}&periodo=A";

    private static string EditUrl(int indicatorId) => $"/Plan/Indicador/{indicatorId}/Editar";

    private static string MetasUrl(int indicatorId) => $"/Plan/Indicador/{indicatorId}/Metas";

    private static string StatementUrl(int objectiveId) => $"/Plan/Objetivo/{objectiveId}/Editar";

    private static string Target(Session s) => s.TargetOf2025.ToString(CultureInfo.InvariantCulture);

    private async Task<HttpResponseMessage> PostValueAsync(HttpClient client, int indicatorId, string handler, string value, string? comment,
        string dataSource = "Informe anual de la unidad", (string Name, byte[] Content)? file = null)
    {
        var s = await SessionAsync();
        // The version the form holds, as a browser sends it: a post without one is refused wherever a value exists.
        var version = (await client.GetDocumentAsync(ValueUrl(indicatorId))).QuerySelector("main form input[name=Version]")?.GetAttribute("value") ?? "";
        var form = new MultipartFormDataContent
        {
            { new StringContent(s.Tokens[client]), "__RequestVerificationToken" },
            { new StringContent(version), "Version" },
            { new StringContent(value), "Valor" },
            { new StringContent(comment ?? ""), "Comentario" },
            { new StringContent(dataSource), "MedioVerificacion" },
            { new StringContent(Year.ToString(CultureInfo.InvariantCulture)), "Anio" },
            { new StringContent("A"), "Periodo" },
        };
        if (file is { } f)
        {
            var part = new ByteArrayContent(f.Content);
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"Evidencias\"", FileNameStar = f.Name };
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part);
        }

        return await client.PostAsync($"/Registro/Valor/{indicatorId}?anio={Year}&periodo=A&handler={handler}", form);
    }

    private async Task<HttpResponseMessage> UploadMatrizAsync(HttpClient client, byte[] bytes, string fileName)
    {
        var s = await SessionAsync();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"Upload\"", FileNameStar = fileName };
        part.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(s.Tokens[client]), "__RequestVerificationToken" },
            { new StringContent("Carga de prueba"), "Reason" },
            part,
        };
        return await client.PostAsync("/Plan/Matriz?handler=Cargar", content);
    }

    // ---- Workbooks ----------------------------------------------------------------------------

    private async Task<MatrizWorkbook> WorkbookAsync()
    {
        var plan = await app.QueryAsync(async db => (await db.LoadTreeAsync((await db.ResolveCodeAsync(null))!))!);
        return MatrizWorkbook.WithIndicators(plan.Years.ToList(), plan.Indicators.OrderBy(i => i.Id));
    }

    private async Task<int> MatrizRowOfAsync(MatrizWorkbook file, int indicatorId, Session s)
    {
        var key = await app.QueryAsync(db => db.Indicators.Where(i => i.Id == indicatorId).Select(i => i.Key).SingleAsync());
        var keyColumn = Exports.MatrizPeiLayout.KeyColumn(s.LastYear - Year + 1);
        for (var row = Exports.MatrizPeiLayout.HeaderRow + 1; row <= file.LastRow; row++)
        {
            if (Equals(file.Get(row, keyColumn), key))
            {
                return row;
            }
        }

        throw new InvalidOperationException($"{key} is not in the workbook");
    }

    private async Task<byte[]> DamagedAsync(WorkbookDamage damage)
    {
        var good = (await WorkbookAsync()).Build();
        return damage switch
        {
            WorkbookDamage.TruncatedTenPercent => good[..(good.Length / 10)],
            WorkbookDamage.TruncatedHalf => good[..(good.Length / 2)],
            WorkbookDamage.TruncatedLastByte => good[..^1],
            WorkbookDamage.ZipHeaderThenNoise => [.. "PK\u0003\u0004"u8.ToArray(), .. Noise(20_000)],
            WorkbookDamage.NoContentTypes => Rewrite(good, drop: n => n == "[Content_Types].xml"),
            WorkbookDamage.NoWorkbookPart => Rewrite(good, drop: n => n.EndsWith("workbook.xml", StringComparison.Ordinal)),
            WorkbookDamage.NoSheetPart => Rewrite(good, drop: n => n.Contains("worksheets/", StringComparison.Ordinal)),
            WorkbookDamage.NoSharedStrings => Rewrite(good, drop: n => n.Contains("sharedStrings", StringComparison.Ordinal) || n.Contains("sharedStringTable", StringComparison.OrdinalIgnoreCase)),
            WorkbookDamage.SheetNotXml => Rewrite(good, replace: n => n.Contains("worksheets/", StringComparison.Ordinal) ? "<x:worksheet <<<" : null),
            WorkbookDamage.SheetBillionLaughs => Rewrite(good, replace: n => n.Contains("worksheets/", StringComparison.Ordinal) ? BillionLaughs : null),
            WorkbookDamage.SheetExternalEntity => Rewrite(good, replace: n => n.Contains("worksheets/", StringComparison.Ordinal) ? ExternalEntity : null),
            WorkbookDamage.SharedStringsNotXml => Rewrite(good, replace: n => n.Contains("haredString", StringComparison.Ordinal) ? "\u0000\u0001garbage" : null),
            WorkbookDamage.EntryNamedOutsideThePackage => Rewrite(good, extra: [("../../../../tmp/pei-evil.xml", "<x/>"), ("/etc/pei-evil.xml", "<x/>")]),
            WorkbookDamage.ThousandsOfEntries => Rewrite(good, extra: [.. Enumerable.Range(0, 1_200).Select(i => ($"xl/media/relleno{i}.xml", "<x/>"))]),
            WorkbookDamage.SheetInflatesTo60MB => Inflate(good, n => n.Contains("worksheets/", StringComparison.Ordinal), 60),
            WorkbookDamage.SharedStringsInflateTo60MB => Inflate(good, n => n.Contains("haredString", StringComparison.Ordinal), 60),
            WorkbookDamage.ManyPartsInflateTo120MB => Rewrite(good, extra: [("xl/media/a.xml", ""), ("xl/media/b.xml", ""), ("xl/media/c.xml", "")], inflateExtraMb: 40),
            WorkbookDamage.MoreRowsThanAllowed => ManyRows(),
            WorkbookDamage.OverFileSizeLimit => [.. good, .. Noise((int)MatrizPeiImporter.MaxFileBytes)],
            WorkbookDamage.NotAZip => Encoding.UTF8.GetBytes("Código;Indicador\nIOEI.01.01;95.5\n"),
            WorkbookDamage.EmptyFile => [1],
            _ => Bytes(FileContent.Docx),
        };

        byte[] ManyRows()
        {
            var file = MatrizWorkbook.For([2025, 2026, 2027, 2028, 2029, 2030]);
            for (var row = 0; row < MatrizPeiImporter.MaxRows + 10; row++)
            {
                file.Set(Exports.MatrizPeiLayout.HeaderRow + 1 + row, "OEI.01", null, $"IOEI.01.{row}", "x", 2024, 1m);
            }

            return file.Build();
        }
    }

    private const string BillionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>
        """;

    private const string ExternalEntity = """
        <?xml version="1.0"?>
        <!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>
        """;

    private static byte[] Noise(int count)
    {
        var bytes = new byte[count];
        new Random(20261201).NextBytes(bytes);
        return bytes;
    }

    /// <summary>The package with entries dropped, replaced or added (added entries padded to the given size when asked).</summary>
    private static byte[] Rewrite(byte[] workbook, Func<string, bool>? drop = null, Func<string, string?>? replace = null, (string Name, string Content)[]? extra = null, int inflateExtraMb = 0)
    {
        var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(workbook)))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                if (drop?.Invoke(entry.FullName) == true)
                {
                    continue;
                }

                using var to = target.CreateEntry(entry.FullName, CompressionLevel.Fastest).Open();
                if (replace?.Invoke(entry.FullName) is { } text)
                {
                    to.Write(Encoding.UTF8.GetBytes(text));
                    continue;
                }

                using var from = entry.Open();
                from.CopyTo(to);
            }

            foreach (var (name, content) in extra ?? [])
            {
                using var to = target.CreateEntry(name, CompressionLevel.Fastest).Open();
                to.Write(Encoding.UTF8.GetBytes(content));
                WriteBlanks(to, inflateExtraMb);
            }
        }

        return output.ToArray();
    }

    /// <summary>Pads a part with blanks before its closing tag: megabytes once decompressed, a few hundred KB zipped.</summary>
    private static byte[] Inflate(byte[] workbook, Func<string, bool> which, int megabytes)
    {
        var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(workbook)))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var from = entry.Open();
                using var to = target.CreateEntry(entry.FullName, CompressionLevel.Fastest).Open();
                if (!which(entry.FullName))
                {
                    from.CopyTo(to);
                    continue;
                }

                var xml = new StreamReader(from).ReadToEnd();
                var cut = xml.LastIndexOf("</", StringComparison.Ordinal);
                to.Write(Encoding.UTF8.GetBytes(xml[..cut]));
                WriteBlanks(to, megabytes);
                to.Write(Encoding.UTF8.GetBytes(xml[cut..]));
            }
        }

        return output.ToArray();
    }

    private static readonly byte[] Megabyte = Encoding.ASCII.GetBytes(new string(' ', 1024 * 1024));

    private static void WriteBlanks(Stream to, int megabytes)
    {
        for (var mb = 0; mb < megabytes; mb++)
        {
            to.Write(Megabyte);
        }
    }

    // ---- Shared set-up ------------------------------------------------------------------------

    private async Task<Session> SessionAsync()
    {
        await SetupLock.WaitAsync();
        try
        {
            if (shared is null || shared.Owner != app)
            {
                shared = await CreateSessionAsync();
            }

            return shared;
        }
        finally
        {
            SetupLock.Release();
        }
    }

    private async Task<Session> CreateSessionAsync()
    {
        // Percentage indicators of the seeded (vigente) plan, not of other tests' plans, with every target and no values yet, from the end of the plan:
        // other tests take theirs from the start (DataHelpers.IndicatorWithFullDataAsync).
        var picked = await app.QueryAsync(db => db.Indicators.AsNoTracking()
            .Where(i => i.Plan!.Status == PlanStatus.Vigente && i.BaselineValue != null && i.Targets.Count == 6 && i.Unit == UnitOfMeasure.Porcentaje && !i.AllowsOver100 && !i.Values.Any())
            .OrderByDescending(i => i.Id)
            .Select(i => new { i.Id, Target = i.Targets.Where(t => t.Year == Year).Select(t => t.Value).Single(), Unit = i.ResponsibleUnits.Select(u => u.UnitId).First() })
            .Take(5)
            .ToListAsync());
        Assert.True(picked.Count == 5, "The seeded plan needs 5 percentage indicators with every target and no values.");
        // The same target for the value indicators keeps one "green" value valid for all of them.
        var target = picked.Max(p => p.Target);

        var email = await app.CreateUserAsync(Roles.Registrador);
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var user = await db.Users.SingleAsync(u => u.Email == email);
            foreach (var unit in picked.Take(4).Select(p => p.Unit).Distinct())
            {
                db.UserUnits.Add(new UserUnit { UserId = user.Id, UnitId = unit });
            }

            await db.SaveChangesAsync();
        }

        var admin = await app.LoginAsync();
        var unitClient = await app.LoginAsync(email);
        var tokens = new Dictionary<HttpClient, string>
        {
            [admin] = await admin.AntiforgeryTokenAsync("/Registro"),
            [unitClient] = await unitClient.AntiforgeryTokenAsync("/Registro"),
        };
        // The official plan's last objective: other tests add small plans of their own.
        var objectiveId = await app.QueryAsync(db => db.Objectives.Where(o => o.Plan!.Code == "MRE-PEI-2025-2030").OrderByDescending(o => o.Id).Select(o => o.Id).FirstAsync());
        var lastYear = await app.QueryAsync(db => db.Plans.OrderBy(p => p.Id).Select(p => p.LastYear).FirstAsync());
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await CreateApiTokenAsync(unitClient));
        await UseSameTargetAsync(picked.Take(4).Select(p => p.Id), target);
        return new Session(app, admin, unitClient, api, tokens, picked[0].Id, picked[1].Id, picked[2].Id, picked[3].Id, picked[4].Id, target, objectiveId, lastYear);
    }

    /// <summary>The value indicators get one 2025 target, so the same value is on target (needs no comment) for each.</summary>
    private async Task UseSameTargetAsync(IEnumerable<int> indicatorIds, decimal target)
    {
        var ids = indicatorIds.ToList();
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Targets.Where(t => ids.Contains(t.IndicatorId) && t.Year == Year).ExecuteUpdateAsync(u => u.SetProperty(t => t.Value, target));
    }

    private static async Task<string> CreateApiTokenAsync(HttpClient browser)
    {
        var created = await browser.SubmitFormAsync("/Cuenta/Tokens", new Dictionary<string, string> { ["Name"] = "Batería hostil" }, "form[action*='handler=Create']");
        return (await HttpClientExtensions.ParseAsync(await created.Content.ReadAsStringAsync())).QuerySelector(".new-token")!.TextContent.Trim();
    }

    private async Task<(HttpClient Api, string Email)> NewUnitApiClientAsync(Session s)
    {
        var email = await app.CreateUserAsync(Roles.Registrador);
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var unit = await db.IndicatorResponsibleUnits.Where(u => u.IndicatorId == s.NumberIndicator).Select(u => u.UnitId).FirstAsync();
            db.UserUnits.Add(new UserUnit { UserId = user.Id, UnitId = unit });
            await db.SaveChangesAsync();
        }

        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await CreateApiTokenAsync(await app.LoginAsync(email)));
        return (api, email);
    }

    private async Task SetMustChangePasswordAsync(string email, bool value)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(u => u.SetProperty(x => x.MustChangePassword, value));
    }

    [GeneratedRegex(@"(?i)\b(the value|is invalid|is not valid|field is required|must be|a value is required)\b")]
    private static partial Regex EnglishBindingMessage();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
