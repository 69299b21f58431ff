using System.Net;
using System.Security.Cryptography;
using AngleSharp.Dom;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Reportes;

/// <summary>
/// Closing a period keeps what it reported (figures and files, with their SHA-256), and closing it again after a
/// reopening keeps a new version whose page says what changed, who changed it and why the period was reopened.
/// </summary>
[Collection(AppCollection.Name)]
public class PeriodSnapshotTests(AppFixture app)
{
    private const string Periods = "/Registro/Periodos";

    private static string Text(IElement element) => string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A table row as a reader reads it: its cells in order, one space apart.</summary>
    private static string RowText(IElement row) => string.Join(' ', row.Children.Select(Text));

    [Fact]
    public async Task CloseReopenClose_KeepsTwoVersions_WithTheirFilesAndTheChangesBetweenThem()
    {
        // I semestre 2025: one indicator validated, another sent and not yet validated when the period first closes.
        var (validated, pending) = await app.QueryAsync(async db =>
        {
            var indicators = await db.Indicators
                .Where(i => i.Plan!.Code == "MRE-PEI-2025-2030" && i.Aggregation == Aggregation.NoAgregable && i.Targets.Any(t => t.Year == 2025)
                    && !i.Values.Any(v => v.Year == 2025 && v.Period == PeriodKind.PrimerSemestre))
                .OrderBy(i => i.Key).Take(2).ToListAsync();
            indicators[0].Values.Add(new IndicatorValue { Year = 2025, Period = PeriodKind.PrimerSemestre, Value = 7m, Comment = "Informe de la unidad", Status = ValueStatus.Validado, CreatedBy = "prueba", CreatedAt = DateTimeOffset.UtcNow });
            indicators[1].Values.Add(new IndicatorValue { Year = 2025, Period = PeriodKind.PrimerSemestre, Value = 3m, Status = ValueStatus.Enviado, CreatedBy = "prueba", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            return (indicators[0], indicators[1]);
        });
        var planner = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var versionsBefore = await app.QueryAsync(db => db.PeriodSnapshots.CountAsync(s => s.Year == 2025 && s.Period == PeriodKind.PrimerSemestre));
        try
        {
            var closed = await planner.SubmitFormAsync($"{Periods}?handler=Confirm&year=2025&period=S1", new Dictionary<string, string> { ["note"] = "Primer reporte a CEPLAN" }, "form[action*='handler=Close']");
            Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
            var first = await app.QueryAsync(db => db.PeriodSnapshots.Include(s => s.Figures).Include(s => s.Files)
                .Where(s => s.Year == 2025 && s.Period == PeriodKind.PrimerSemestre).OrderByDescending(s => s.Version).FirstAsync());

            Assert.Equal(versionsBefore + 1, first.Version);
            var status = Text((await planner.GetDocumentAsync(Periods)).QuerySelector("main [role=status]")!);
            Assert.StartsWith("I semestre 2025 cerrado: sus valores ya no pueden cambiar", status);
            Assert.EndsWith($"Lo reportado quedó guardado como versión {first.Version} (Reportes › Versiones reportadas).", status);
            Assert.Equal("Primer reporte a CEPLAN", first.Note);
            Assert.All(first.Files, f => Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(f.Content)), f.Sha256));
            Assert.Equal(4, first.Files.Count);
            var figure = first.Figures.Single(f => f.Kind == SnapshotFigureKind.Indicador && f.Code == validated.PublishedCode);
            Assert.Equal((7m, "Informe de la unidad"), (figure.Value, figure.Comment));
            Assert.Equal("Sin dato (pendiente de validación)", first.Figures.Single(f => f.Code == pending.PublishedCode).Status);
            // The snapshot reads as the dashboard did at closing.
            var dashboard = await planner.GetDocumentAsync("/Tablero?anio=2025&periodo=S1");
            var row = dashboard.QuerySelectorAll("tbody tr").First(r => Text(r).StartsWith(validated.PublishedCode + " ", StringComparison.Ordinal));
            Assert.Contains(figure.Status, Text(row));

            // The version's page lists its files; a downloaded file has the SHA-256 printed beside it.
            var page = await planner.GetDocumentAsync($"/Reportes/Versiones/{first.Id}");
            var link = page.QuerySelectorAll("a").First(a => a.TextContent.EndsWith(".xlsx", StringComparison.Ordinal));
            var bytes = await planner.GetByteArrayAsync(WebUtility.HtmlDecode(link.GetAttribute("href")!));
            var printed = link.Closest("tr")!.QuerySelector("[data-testid=sha256]")!.TextContent;
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), printed);
            Assert.Equal("Reporte de seguimiento del Plan Estratégico Institucional", FirstCell(bytes));

            // Reopened with a reason, the pending value validated, closed again: version two, with the differences.
            var closureId = await app.QueryAsync(db => db.PeriodClosures.Where(c => c.Year == 2025 && c.Period == PeriodKind.PrimerSemestre && c.ReopenedAt == null).Select(c => c.Id).SingleAsync());
            await planner.SubmitFormAsync(Periods, new Dictionary<string, string> { ["reason"] = "Validación tardía de DGA" }, $"form[action*='handler=Reopen']:has(input[name=closureId][value='{closureId}'])");
            var sent = await app.QueryAsync(db => db.Values.SingleAsync(v => v.IndicatorId == pending.Id && v.Year == 2025 && v.Period == PeriodKind.PrimerSemestre));
            await planner.SubmitFormAsync("/Registro/Revision", new Dictionary<string, string> { ["valueId"] = sent.Id.ToString(), ["version"] = sent.Version.ToString() }, "form[action*='handler=Validate']");
            await planner.SubmitFormAsync($"{Periods}?handler=Confirm&year=2025&period=S1", new Dictionary<string, string>(), "form[action*='handler=Close']");
            var second = await app.QueryAsync(db => db.PeriodSnapshots.Where(s => s.Year == 2025 && s.Period == PeriodKind.PrimerSemestre).OrderByDescending(s => s.Version).FirstAsync());

            Assert.Equal(first.Version + 1, second.Version);
            var changes = (await planner.GetDocumentAsync($"/Reportes/Versiones/{second.Id}")).QuerySelector("[data-testid=cambios]")!;
            var text = Text(changes);
            Assert.Contains("Motivo: Validación tardía de DGA", text);
            Assert.Contains($"{pending.PublishedCode} Valor obtenido — 3", changes.QuerySelectorAll("tr").Select(RowText));
            Assert.DoesNotContain(changes.QuerySelectorAll("tr").Select(RowText), r => r.StartsWith(validated.PublishedCode + " ", StringComparison.Ordinal));
            Assert.Contains(changes.QuerySelectorAll("tr").Select(RowText), r => r.Contains("Estado del valor I semestre 2025", StringComparison.Ordinal) && r.Contains("Validado", StringComparison.Ordinal));

            var list = (await planner.GetDocumentAsync("/Reportes/Versiones")).QuerySelectorAll("[data-testid=versiones] tbody tr").Select(RowText).ToList();
            Assert.Contains(list, r => r.StartsWith($"I semestre 2025 {second.Version} ", StringComparison.Ordinal));
            Assert.Contains(list, r => r.StartsWith($"I semestre 2025 {first.Version} ", StringComparison.Ordinal) && r.Contains("Primer reporte a CEPLAN", StringComparison.Ordinal));
        }
        finally
        {
            await app.QueryAsync(async db =>
            {
                await db.PeriodClosures.Where(c => c.Year == 2025 && c.Period == PeriodKind.PrimerSemestre).ExecuteDeleteAsync();
                return await db.Values.Where(v => (v.IndicatorId == validated.Id || v.IndicatorId == pending.Id) && v.Year == 2025 && v.Period == PeriodKind.PrimerSemestre).ExecuteDeleteAsync();
            });
        }
    }

    public static TheoryData<string> Edits => new()
    {
        "UPDATE period_snapshots SET note = 'cambiado'",
        "DELETE FROM period_snapshots",
        "UPDATE snapshot_figures SET value = 0",
        "DELETE FROM snapshot_files",
        "TRUNCATE snapshot_figures",
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task Snapshot_EditedByTheAppRole_IsRefusedForLackOfPrivilege(string sql)
    {
        await EnsureASnapshotAsync();
        var before = await FingerprintAsync();

        var error = await ExecuteAsync(app.ConnectionString, sql);

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Equal(before, await FingerprintAsync());
    }

    [Theory]
    [InlineData("UPDATE period_snapshots SET note = 'cambiado'")]
    [InlineData("DELETE FROM snapshot_figures")]
    [InlineData("UPDATE snapshot_files SET sha256 = repeat('0', 64)")]
    public async Task Snapshot_EditedEvenByTheSchemaOwner_IsRefusedByTheTrigger(string sql)
    {
        await EnsureASnapshotAsync();
        var before = await FingerprintAsync();

        var error = await ExecuteAsync(app.OwnerConnectionString, sql);

        Assert.Equal(PostgresErrorCodes.RaiseException, error.SqlState);
        Assert.Contains("append-only", error.MessageText);
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task Versiones_PlanWithoutClosings_SaysSoAndPointsToThePeriodsPage()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));
        var code = await app.QueryAsync(async db =>
        {
            // The ministry's own: the Consulta signing in belongs to it, and other tests add institutions of their own.
            var institution = await db.Institutions.FirstAsync(i => i.PliegoCode == "008");
            var plan = new Domain.Plan { Institution = institution, Code = "TEST-SIN-CIERRES", Name = "Plan sin cierres", FirstYear = 2025, LastYear = 2030, Status = PlanStatus.Borrador };
            db.Plans.Add(plan);
            await db.SaveChangesAsync();
            return plan.Code;
        });

        var page = await client.GetDocumentAsync($"/Reportes/Versiones?plan={code}");

        Assert.Contains("Aún no se ha cerrado ningún periodo de este plan.", page.QuerySelector("main")!.TextContent);
        Assert.NotNull(page.QuerySelector("main a[href='/Registro/Periodos']"));
    }

    private async Task EnsureASnapshotAsync()
    {
        if (await app.QueryAsync(db => db.PeriodSnapshots.AnyAsync()))
        {
            return;
        }

        await app.QueryAsync(async db =>
        {
            var plan = await db.Plans.FirstAsync(p => p.Code == "MRE-PEI-2025-2030");
            var content = "codigo\n"u8.ToArray();
            db.PeriodSnapshots.Add(new PeriodSnapshot
            {
                PlanId = plan.Id, Year = 2025, Period = PeriodKind.SegundoSemestre, Version = 1000, TakenAt = DateTimeOffset.UtcNow, TakenBy = "prueba",
                Figures = [new SnapshotFigure { Kind = SnapshotFigureKind.Plan, Code = plan.Code, Name = plan.Name, Status = "Sin dato" }],
                Files = [new SnapshotFile { Name = "prueba.csv", ContentType = "text/csv", Content = content, Sha256 = PeriodSnapshotBuilder.Sha256(content) }],
            });
            return await db.SaveChangesAsync();
        });
    }

    private Task<string> FingerprintAsync() => app.QueryAsync(async db =>
        string.Join(';', await db.PeriodSnapshots.OrderBy(s => s.Id).Select(s => $"{s.Id}:{s.Note}:{s.Figures.Count}:{s.Files.Count}:{string.Join(',', s.Figures.OrderBy(f => f.Id).Select(f => f.Value))}:{string.Join(',', s.Files.OrderBy(f => f.Id).Select(f => f.Sha256))}").ToListAsync()));

    private static async Task<PostgresException> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await Assert.ThrowsAsync<PostgresException>(async () => await new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync());
    }

    private static string FirstCell(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Descendants<Sheet>().Single(s => s.Name == SeguimientoReport.MainSheet);
        var cell = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Cell>().First(c => c.CellReference == "A1");
        return cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? "";
    }
}
