using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Domain.Editing;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Imports;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Tests.Imports;
using PeiTracker.Web.Tests.Infrastructure;
using static PeiTracker.Web.Exports.MatrizPeiLayout;
using static PeiTracker.Web.Tests.Imports.MatrizUploads;
using MatrizModel = PeiTracker.Web.Pages.Plan.MatrizModel;

namespace PeiTracker.Web.Tests.Plan;

/// <summary>These tests save imports and count audit rows: they get a database of their own.</summary>
[CollectionDefinition(Name)]
public sealed class MatrizCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "matriz";
}

[Collection(MatrizCollection.Name)]
public class MatrizTests(AppFixture app)
{
    private static readonly int CurrentYear = PeruTime.ToLima(DateTimeOffset.UtcNow).Year;

    // ---- Export -------------------------------------------------------------------------------

    [Fact]
    public async Task Download_AnySignedInUser_GetsTheDatabaseFiguresByKey()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));
        var plan = await PlanAsync();

        var sheet = ReadSheet(await DownloadAsync(client));

        var rows = IndicatorRows(sheet, plan).ToList();
        Assert.Equal(plan.Indicators.Count, rows.Count);
        foreach (var (row, indicator) in rows)
        {
            Assert.Equal(indicator.PublishedCode, sheet.Text(row, IndicatorCodeColumn));
            Assert.Equal(indicator.BaselineYear, (int?)sheet.Number(row, BaselineYearColumn));
            Assert.Equal(indicator.BaselineValue, sheet.Number(row, BaselineValueColumn));
            Assert.Equal(plan.Years.Select(indicator.TargetFor), plan.Years.Select((_, i) => sheet.Number(row, FirstTargetColumn + i)));
        }
    }

    [Fact]
    public async Task Download_Rows_FollowThePlanOrderWithOwnerCodesOnIndicatorRows()
    {
        var client = await app.LoginAsync();
        var plan = await PlanAsync();
        var expected = new List<string>();
        foreach (var objective in plan.Objectives.OrderBy(o => o.Priority))
        {
            expected.Add(objective.Code);
            expected.AddRange(objective.Indicators.OrderBy(i => i.SortOrder).Select(i => $"{objective.Code} {i.Key}"));
            foreach (var action in objective.Actions.OrderBy(a => a.Priority))
            {
                expected.Add(action.Code);
                expected.AddRange(action.Indicators.OrderBy(i => i.SortOrder).Select(i => $"{action.Code} {i.Key}"));
            }
        }

        var sheet = ReadSheet(await DownloadAsync(client));

        var keyColumn = KeyColumn(plan.Years.Count());
        var actual = Enumerable.Range(HeaderRow + 1, sheet.LastRow - HeaderRow)
            .Select(r => (sheet.Text(r, CodeColumn) + " " + sheet.Text(r, keyColumn)).Trim())
            .ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Download_HeaderBlock_NamesThePliegoTheYearsAndTheCutOffDate()
    {
        var client = await app.LoginAsync();
        var plan = await PlanAsync();

        var sheet = ReadSheet(await DownloadAsync(client));

        Assert.Equal(Title, sheet.Text(1, 0));
        Assert.Equal(("Pliego", plan.Institution!.DisplayName), (sheet.Text(3, 0), sheet.Text(3, 1)));
        Assert.Equal(("Periodo", $"{plan.FirstYear}-{plan.LastYear}"), (sheet.Text(4, 0), sheet.Text(4, 1)));
        Assert.Equal("Datos al", sheet.Text(6, 0));
        Assert.True(DateOnly.TryParseExact(sheet.Text(6, 1), "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), sheet.Text(6, 1));
        Assert.Equal(Headers(plan.Years.ToList()), Enumerable.Range(0, KeyColumn(plan.Years.Count()) + 1).Select(c => sheet.Text(HeaderRow, c)));
        Assert.Equal(HeaderRow, (int)sheet.Frozen!.VerticalSplit!.Value);
    }

    [Fact]
    public async Task Download_Twice_GivesIdenticalBytes()
    {
        var client = await app.LoginAsync();

        var first = await DownloadAsync(client);
        var second = await DownloadAsync(client);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Download_ZipEntries_AreStampedWithTheCutOffDateNotTheClock()
    {
        var client = await app.LoginAsync();

        var bytes = await DownloadAsync(client);

        var cutOff = DateOnly.ParseExact(ReadSheet(bytes).Text(6, 1), "dd/MM/yyyy", CultureInfo.InvariantCulture);
        using var zip = new ZipArchive(new MemoryStream(bytes));
        Assert.All(zip.Entries, e => Assert.Equal(cutOff.ToDateTime(TimeOnly.MinValue), e.LastWriteTime.DateTime));
    }

    [Fact]
    public async Task Download_NameStartingWithEquals_StaysTextAndIsNeverAFormula()
    {
        var client = await app.LoginAsync();
        var indicator = (await CandidatesAsync())[0];
        const string Name = "=HYPERLINK(\"http://ejemplo.invalid\",\"clic\")";
        await QueryAsync(db => db.Indicators.Where(i => i.Id == indicator.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Name, Name)));
        try
        {
            var bytes = await DownloadAsync(client);

            using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
            var workbookPart = document.WorkbookPart!;
            var cell = workbookPart.WorksheetParts.Single().Worksheet.Descendants<Cell>()
                .Single(c => c.InnerText == Name);
            Assert.Null(cell.CellFormula);
            Assert.Equal(CellValues.InlineString, cell.DataType!.Value);
            var format = workbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);
            Assert.True(format.QuotePrefix?.Value);
            Assert.Empty(workbookPart.WorksheetParts.Single().Worksheet.Descendants<CellFormula>());
        }
        finally
        {
            await QueryAsync(db => db.Indicators.Where(i => i.Id == indicator.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Name, indicator.Name)));
        }
    }

    // ---- Access -------------------------------------------------------------------------------

    [Theory]
    [InlineData(Roles.Consulta)]
    [InlineData(Roles.Registrador)]
    public async Task MatrizPage_UserWhoCannotEditThePlan_IsDeniedAndCannotUpload(string role)
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(role));
        var before = await SnapshotAsync();

        var page = await client.GetAsync("/Plan/Matriz");
        using var form = new MultipartFormDataContent { { new StringContent("Motivo"), "Reason" }, { new ByteArrayContent([1, 2, 3]), "Upload", "m.xlsx" } };
        var upload = await client.PostAsync("/Plan/Matriz?handler=Cargar", form);

        Assert.StartsWith("/Cuenta/AccesoDenegado", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        Assert.StartsWith("/Cuenta/AccesoDenegado", upload.Headers.Location!.OriginalString);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task PlanPage_Planner_LinksToTheMatrizPage()
    {
        var client = await app.LoginAsync();

        var page = await client.GetDocumentAsync("/Plan");

        Assert.Contains(page.QuerySelectorAll(".page-header a"), a => a.GetAttribute("href")!.StartsWith("/Plan/Matriz?", StringComparison.Ordinal));
    }

    // ---- Import -------------------------------------------------------------------------------

    [Fact]
    public async Task Upload_ChangedCells_PreviewListsEachChangeAndSavesNothing()
    {
        var client = await app.LoginAsync();
        var plan = await PlanAsync();
        var indicator = (await CandidatesAsync())[1];
        var future = plan.LastYear;
        var file = WorkbookOf(plan);
        var row = RowOf(file, indicator);
        file.SetCell(row, TargetColumn(plan, future), indicator.TargetFor(future)!.Value + 7m);
        file.SetCell(row, BaselineValueColumn, indicator.BaselineValue!.Value + 1m);
        var before = await SnapshotAsync();

        var preview = await UploadAsync(client, file.Build());

        var changes = preview.QuerySelectorAll("table.import-changes tbody tr").Select(Cells).ToList();
        Assert.Equal(
            new[]
            {
                new[] { indicator.PublishedCode, "Línea base", $"{Show(indicator.BaselineValue)} ({indicator.BaselineYear})", $"{Show(indicator.BaselineValue + 1m)} ({indicator.BaselineYear})" },
                new[] { indicator.PublishedCode, TargetHeader(future), Show(indicator.TargetFor(future)), Show(indicator.TargetFor(future) + 7m) },
            },
            changes.Select(c => new[] { c[0].Split(' ')[0], c[1], c[2], c[3] }));
        Assert.NotNull(preview.QuerySelector("form.confirm-form"));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Confirm_Changes_AreSavedWithOneAuditRowPerCellAndStartedYearsRevised()
    {
        var client = await app.LoginAsync();
        var plan = await PlanAsync();
        var indicator = (await CandidatesAsync())[2];
        var started = CurrentYear;
        var future = plan.LastYear;
        var file = WorkbookOf(plan);
        var row = RowOf(file, indicator);
        var original = indicator.TargetFor(started)!.Value;
        file.SetCell(row, TargetColumn(plan, started), original + 3m);
        file.SetCell(row, TargetColumn(plan, future), indicator.TargetFor(future)!.Value + 5m);
        file.SetCell(row, BaselineYearColumn, indicator.BaselineYear!.Value - 1);
        var auditsBefore = await QueryAsync(db => db.AuditEntries.CountAsync());

        var preview = await UploadAsync(client, file.Build(), reason: "Reprogramación aprobada por la OGPP");
        var response = await ConfirmAsync(client, preview);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await QueryAsync(db => db.Indicators.AsNoTracking().Include(i => i.Targets).SingleAsync(i => i.Id == indicator.Id));
        var revised = saved.Targets.Single(t => t.Year == started);
        Assert.Equal((original + 3m, original, "Reprogramación aprobada por la OGPP"), (revised.Value, revised.OriginalValue!.Value, revised.RevisionReason));
        Assert.Equal(indicator.TargetFor(future) + 5m, saved.TargetFor(future));
        Assert.Null(saved.Targets.Single(t => t.Year == future).OriginalValue);
        Assert.Equal(indicator.BaselineYear - 1, saved.BaselineYear);
        var audits = await QueryAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.IndicatorId == indicator.Id).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(auditsBefore + 3, await QueryAsync(db => db.AuditEntries.CountAsync()));
        Assert.Equal(
            new (string, string?, string?)[]
            {
                ("Línea base", $"{Show(indicator.BaselineValue)} ({indicator.BaselineYear})", $"{Show(indicator.BaselineValue)} ({indicator.BaselineYear - 1})"),
                ($"{TargetHeader(started)} (revisión)", Show(original), Show(original + 3m)),
                (TargetHeader(future), Show(indicator.TargetFor(future)), Show(indicator.TargetFor(future) + 5m)),
            },
            audits.TakeLast(3).Select(a => (a.Field, a.Before, a.After)));
        Assert.All(audits.TakeLast(3), a => Assert.StartsWith("Reprogramación aprobada por la OGPP", a.Reason));
        Assert.Equal(new[] { AuditKind.LineaBase, AuditKind.Meta, AuditKind.Meta }, audits.TakeLast(3).Select(a => a.Kind));
    }

    [Fact]
    public async Task Upload_SameFileAgainAfterConfirming_ShowsSinCambiosAndChangesNothing()
    {
        var client = await app.LoginAsync();
        var plan = await PlanAsync();
        var indicator = (await CandidatesAsync())[3];
        var file = WorkbookOf(plan);
        file.SetCell(RowOf(file, indicator), TargetColumn(plan, plan.LastYear), indicator.TargetFor(plan.LastYear)!.Value + 1m);
        var bytes = file.Build();
        var firstPreview = await UploadAsync(client, bytes);
        await ConfirmAsync(client, firstPreview);
        var before = await SnapshotAsync();

        var second = await UploadAsync(client, bytes);
        var staleConfirm = await ConfirmAsync(client, firstPreview);

        Assert.Contains("Sin cambios", second.QuerySelector(".no-changes")!.TextContent);
        Assert.Null(second.QuerySelector("form.confirm-form"));
        var stalePage = await HttpClientExtensions.ParseAsync(await staleConfirm.Content.ReadAsStringAsync());
        Assert.Equal(MatrizModel.ExpiredMessage, stalePage.QuerySelector(".conflict")!.TextContent.Trim());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Confirm_SomeoneChangedAFigureAfterThePreview_IsRefusedShowingTheNewPreview()
    {
        var client = await app.LoginAsync();
        var plan = await PlanAsync();
        var indicator = (await CandidatesAsync())[4];
        var year = plan.LastYear;
        var file = WorkbookOf(plan);
        file.SetCell(RowOf(file, indicator), TargetColumn(plan, year), 555m);
        var preview = await UploadAsync(client, file.Build());
        await QueryAsync(db => db.Targets.Where(t => t.IndicatorId == indicator.Id && t.Year == year).ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, 444m)));
        var before = await SnapshotAsync();

        var response = await ConfirmAsync(client, preview);

        var page = await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal(MatrizModel.ChangedMessage, page.QuerySelector(".conflict")!.TextContent.Trim());
        Assert.Equal(new[] { "444", "555" }, page.QuerySelectorAll("table.import-changes tbody tr").Select(Cells).Single().Skip(2));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Confirm_AnotherPlannersPendingUpload_IsNotFoundAndNothingIsSaved()
    {
        var owner = await app.LoginAsync();
        var other = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var plan = await PlanAsync();
        var indicator = (await CandidatesAsync())[0];
        var file = WorkbookOf(plan);
        file.SetCell(RowOf(file, indicator), TargetColumn(plan, plan.LastYear), 321m);
        var preview = await UploadAsync(owner, file.Build());
        var otherPage = await other.GetDocumentAsync("/Plan/Matriz");
        var fields = preview.QuerySelectorAll("form.confirm-form input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["__RequestVerificationToken"] = otherPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var before = await SnapshotAsync();

        var response = await other.PostAsync(preview.QuerySelector("form.confirm-form")!.GetAttribute("action"), new FormUrlEncodedContent(fields));

        var page = await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal(MatrizModel.ExpiredMessage, page.QuerySelector(".conflict")!.TextContent.Trim());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Upload_WithoutReason_IsRefused()
    {
        var client = await app.LoginAsync();
        var plan = await PlanAsync();

        var page = await UploadAsync(client, WorkbookOf(plan).Build(), reason: "");

        Assert.Contains("Explique el motivo de la carga", page.QuerySelector(".upload-form .alert-danger")!.TextContent);
        Assert.Null(page.QuerySelector(".import-preview"));
    }

    [Theory]
    [InlineData("not-xlsx")]
    [InlineData("random-bytes-renamed")]
    [InlineData("missing-sheet")]
    [InlineData("wrong-columns")]
    [InlineData("text-in-number")]
    [InlineData("decimal-comma")]
    [InlineData("unknown-code")]
    [InlineData("duplicate-rows")]
    [InlineData("empty-sheet")]
    [InlineData("erased-started-target")]
    [InlineData("oversized")]
    [InlineData("zip-bomb")]
    public async Task Upload_BadFile_IsRefusedWithItsMessageAndChangesNothing(string kind)
    {
        var client = await app.LoginAsync();
        var plan = await PlanAsync();
        var (bytes, fileName, message, row, column) = BadFile(kind, plan, (await CandidatesAsync())[0]);
        var before = await SnapshotAsync();

        var page = await UploadAsync(client, bytes, fileName);

        var errors = page.QuerySelectorAll("table.import-errors tbody tr").Select(Cells).ToList();
        Assert.Contains(errors, e => e[3] == message && (row is null || (e[0] == WorksheetName && e[1] == row.Value.ToString(CultureInfo.InvariantCulture) && e[2] == column)));
        Assert.Null(page.QuerySelector("form.confirm-form"));
        Assert.Equal(before, await SnapshotAsync());
    }

    private static (byte[] Bytes, string FileName, string Message, int? Row, string? Column) BadFile(string kind, Domain.Plan plan, Indicator indicator)
    {
        var years = plan.Years.ToList();
        var file = WorkbookOf(plan);
        var row = RowOf(file, indicator);
        switch (kind)
        {
            case "not-xlsx":
                return (Encoding.UTF8.GetBytes("Código;Indicador\nIOEI.01.01;95.5\n"), "matriz.csv", MatrizPeiImporter.NotXlsxMessage, null, null);
            case "random-bytes-renamed":
                return (RandomBytes(20_000), "matriz.xlsx", MatrizPeiImporter.NotXlsxMessage, null, null);
            case "missing-sheet":
                file.SheetName = "Hoja1";
                return (file.Build(), "matriz.xlsx", MatrizPeiImporter.MissingSheetMessage(["Hoja1"]), null, null);
            case "wrong-columns":
                file.SetCell(HeaderRow, FirstTargetColumn, $"Meta {years[0]}");
                return (file.Build(), "matriz.xlsx", MatrizPeiImporter.WrongColumnMessage(years, "G", $"Meta {years[0]}", TargetHeader(years[0])), HeaderRow, "G");
            case "text-in-number":
                file.SetCell(row, BaselineValueColumn, "sin dato");
                return (file.Build(), "matriz.xlsx", DecimalText.InvalidMessage, row, "F");
            case "decimal-comma":
                file.SetCell(row, FirstTargetColumn + years.Count - 1, "95,5");
                return (file.Build(), "matriz.xlsx", DecimalText.CommaMessage, row, ColumnLetter(FirstTargetColumn + years.Count - 1));
            case "unknown-code":
                file.Set(file.LastRow + 1, "OEI.01", null, "IOEI.99.99", "Indicador inexistente", 2024, 10m);
                return (file.Build(), "matriz.xlsx", MatrizPeiImporter.UnknownCodeMessage("IOEI.99.99"), file.LastRow, "C");
            case "duplicate-rows":
                file.Set(file.LastRow + 1, MatrizWorkbook.RowOf(indicator, years));
                return (file.Build(), "matriz.xlsx", MatrizPeiImporter.DuplicateRowMessage(indicator.PublishedCode, row), file.LastRow, ColumnLetter(KeyColumn(years.Count)));
            case "empty-sheet":
                return (MatrizWorkbook.For(years).Build(), "matriz.xlsx", MatrizPeiImporter.NoIndicatorRowsMessage, null, null);
            case "erased-started-target":
                file.SetCell(row, TargetColumn(plan, years[0]), null);
                return (file.Build(), "matriz.xlsx", EditMessages.ErasedStartedTarget(years[0]), row, "G");
            case "oversized":
                var big = file.Build().Concat(RandomBytes((int)MatrizPeiImporter.MaxFileBytes)).ToArray();
                return (big, "matriz.xlsx", MatrizPeiImporter.FileTooLargeMessage, null, null);
            case "zip-bomb":
                return (WithHugeSheet(file.Build()), "matriz.xlsx", MatrizPeiImporter.PartTooLargeMessage, null, null);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>The workbook with its sheet padded by 60 MB of blank rows: a few hundred KB once zipped.</summary>
    private static byte[] WithHugeSheet(byte[] workbook)
    {
        var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(workbook)))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var from = entry.Open();
                using var to = target.CreateEntry(entry.FullName, CompressionLevel.SmallestSize).Open();
                if (!entry.FullName.Contains("worksheets/", StringComparison.Ordinal))
                {
                    from.CopyTo(to);
                    continue;
                }

                var xml = new StreamReader(from).ReadToEnd();
                var cut = xml.IndexOf("</x:sheetData>", StringComparison.Ordinal) is var i and >= 0 ? i : xml.IndexOf("</sheetData>", StringComparison.Ordinal);
                var head = Encoding.UTF8.GetBytes(xml[..cut]);
                to.Write(head);
                var padding = Encoding.UTF8.GetBytes(new string(' ', 1024 * 1024));
                for (var mb = 0; mb < 60; mb++)
                {
                    to.Write(padding);
                }

                to.Write(Encoding.UTF8.GetBytes(xml[cut..]));
            }
        }

        return output.ToArray();
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(20251123).NextBytes(bytes);
        return bytes;
    }

    // ---- Helpers ------------------------------------------------------------------------------

    private static string Show(decimal? value) => AuditExtensions.Show(value) ?? "(vacío)";

    private static string[] Cells(IElement row) => row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();

    private static int TargetColumn(Domain.Plan plan, int year) => FirstTargetColumn + (year - plan.FirstYear);

    private static MatrizWorkbook WorkbookOf(Domain.Plan plan) =>
        MatrizWorkbook.WithIndicators(plan.Years.ToList(), plan.Indicators.OrderBy(i => i.Id));

    private static int RowOf(MatrizWorkbook file, Indicator indicator)
    {
        for (var row = HeaderRow + 1; row <= file.LastRow; row++)
        {
            if (Equals(file.Get(row, KeyColumn(indicator.Plan!.Years.Count())), indicator.Key))
            {
                return row;
            }
        }

        throw new InvalidOperationException($"{indicator.Key} is not in the workbook");
    }

    private Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query) => QueryAsync(app, query);

    private static async Task<T> QueryAsync<T>(AppFixture app, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = app.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private Task<Domain.Plan> PlanAsync() => QueryAsync(async db => (await db.LoadTreeAsync((await db.ResolveCodeAsync(null))!))!);

    /// <summary>
    /// Indicators with a baseline and a target for every plan year, by id; each test that changes
    /// data takes its own, so tests never depend on one another's changes.
    /// </summary>
    private async Task<IReadOnlyList<Indicator>> CandidatesAsync()
    {
        var plan = await PlanAsync();
        var candidates = plan.Indicators
            .Where(i => i.BaselineYear is not null && i.BaselineValue is not null && plan.Years.All(y => i.TargetFor(y) is not null))
            .OrderBy(i => i.Id)
            .ToList();
        Assert.True(candidates.Count >= 5, "The seeded plan needs at least 5 indicators with a baseline and every target.");
        return candidates;
    }

    /// <summary>Every baseline and target, with revisions, and the number of audit rows.</summary>
    private Task<string> SnapshotAsync() => QueryAsync(async db =>
    {
        var targets = await db.Targets.AsNoTracking().OrderBy(t => t.IndicatorId).ThenBy(t => t.Year)
            .Select(t => $"{t.IndicatorId}/{t.Year}={t.Value}({t.OriginalValue};{t.RevisionReason})").ToListAsync();
        var baselines = await db.Indicators.AsNoTracking().OrderBy(i => i.Id)
            .Select(i => $"{i.Id}:{i.BaselineYear}={i.BaselineValue}").ToListAsync();
        var audits = await db.AuditEntries.CountAsync();
        return string.Join("\n", targets.Concat(baselines).Append($"audits={audits}"));
    });

    private static async Task<byte[]> DownloadAsync(HttpClient client)
    {
        var response = await client.GetAsync("/Plan/Matriz/Descargar");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MatrizPeiExporter.ContentType, response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static IEnumerable<(int Row, Indicator Indicator)> IndicatorRows(XlsxReader sheet, Domain.Plan plan)
    {
        var byKey = plan.Indicators.ToDictionary(i => i.Key);
        var keyColumn = KeyColumn(plan.Years.Count());
        for (var row = HeaderRow + 1; row <= sheet.LastRow; row++)
        {
            if (sheet.Text(row, keyColumn) is { Length: > 0 } key)
            {
                yield return (row, byKey[key]);
            }
        }
    }

    private static XlsxReader ReadSheet(byte[] bytes)
    {
        var sheet = new XlsxReader(bytes);
        Assert.Equal([WorksheetName], sheet.SheetNames);
        return sheet;
    }
}
