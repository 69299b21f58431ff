using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Reportes;

/// <summary>These tests create plans and audit rows of their own: they get a database of their own.</summary>
[CollectionDefinition(Name)]
public sealed class DatosAlCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "datos-al";
}

/// <summary>
/// "Datos al" as a person reads it in every export and page that prints it: the Matriz and the fichas follow
/// changes to the plan itself; the Reporte de seguimiento and the open data also follow values and progress rules;
/// nothing follows the report's own narratives, the exports themselves, deadlines or accounts.
/// </summary>
[Collection(DatosAlCollection.Name)]
public partial class DatosAlTests(AppFixture app)
{
    private const string NeverChanged = "01/01/2025";
    private const string ValuesDay = "10/02/2026";
    private const string ChangeDay = "15/06/2026";

    private static readonly DateTimeOffset ValuesAt = new(2026, 2, 10, 15, 0, 0, TimeSpan.Zero);

    // 22:30 on 15 June in Lima is already 16 June in UTC: the printed day must be Lima's.
    private static readonly DateTimeOffset ChangeAt = new(2026, 6, 16, 3, 30, 0, TimeSpan.Zero);

    /// <summary>Each kind of change, whether it moves the plan's own exports, and whether it moves the progress exports.</summary>
    public static TheoryData<AuditKind, bool, bool> Changes => new()
    {
        { AuditKind.Definicion, true, true },
        { AuditKind.Meta, true, true },
        { AuditKind.LineaBase, true, true },
        { AuditKind.Objetivo, true, true },
        { AuditKind.Accion, true, true },
        { AuditKind.Valor, false, true },
        { AuditKind.Configuracion, false, true },
        // The unidad ejecutora is printed by the Reporte de seguimiento, not by the Matriz.
        { AuditKind.Institucion, false, true },
        { AuditKind.Informe, false, false },
        // The articulation has exports of its own (Ruta estratégica, Anexos B-1 and B-2); the Matriz is the Anexo B-3.
        { AuditKind.Articulacion, false, false },
        // Organic units and saved observation reasons print in no export.
        { AuditKind.UnidadOrganica, false, false },
        { AuditKind.MotivoObservacion, false, false },
        { AuditKind.Periodo, false, false },
        { AuditKind.Exportacion, false, false },
        { AuditKind.Usuario, false, false },
        { AuditKind.Rol, false, false },
        { AuditKind.Aviso, false, false },
        // A point's figures and the points themselves print only in the Reporte de seguimiento's optional breakdown sheet.
        { AuditKind.PuntoRegistro, false, false },
        { AuditKind.ValorPunto, false, false },
        { AuditKind.UsuarioPunto, false, false },
        // When the units are reminded of a deadline prints in no export.
        { AuditKind.Recordatorio, false, false },
        // A value's conversation moves only the Informe, which cites it among its sources.
        { AuditKind.Conversacion, false, false },
    };

    private sealed record Dates(string Matriz, string MatrizFooter, string MatrizFile, string Fichas, string Seguimiento, string Alertas, string Json, string IndicatorsCsv, string ProgressCsv);

    [Fact]
    public void Changes_CoverEveryAuditKind()
    {
        Assert.Equal(Enum.GetValues<AuditKind>().Order(), Changes.Select(row => (AuditKind)row[0]).Order());
    }

    [Fact]
    public async Task DatosAl_PlanNeverChanged_IsItsFirstDayOrItsLatestValue()
    {
        var code = await CreatePlanAsync();
        var client = await app.LoginAsync();

        var dates = await DatesAsync(client, code);

        Assert.Equal(Expected(NeverChanged, ValuesDay), dates);
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task DatosAl_ChangeOfAKind_MovesOnlyTheExportsThatShowIt(AuditKind kind, bool movesPlan, bool movesProgress)
    {
        var code = await CreatePlanAsync();
        var client = await app.LoginAsync();

        await app.QueryAsync(async db =>
        {
            var planId = await db.Plans.Where(p => p.Code == code).Select(p => p.Id).SingleAsync();
            db.AddAudit(ChangeAt, "prueba", kind, code, "Cambio de prueba", "antes", "después", null, planId);
            return await db.SaveChangesAsync();
        });
        var dates = await DatesAsync(client, code);

        Assert.Equal(Expected(movesPlan ? ChangeDay : NeverChanged, movesProgress ? ChangeDay : ValuesDay), dates);
    }

    [Fact]
    public async Task DatosAl_OpenData_JsonAndCsvCarryTheSameInstant()
    {
        var code = await CreatePlanAsync();
        var client = await app.LoginAsync();

        var json = await client.GetAsync($"/DatosAbiertos/{code}/plan.json");
        var csv = await client.GetAsync($"/DatosAbiertos/{code}/avance.csv");

        var inside = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetProperty("datosAl").GetString();
        Assert.Equal("2026-02-10T15:00:00Z", inside);
        Assert.Equal(ValuesAt, json.Content.Headers.LastModified);
        Assert.Equal(ValuesAt, csv.Content.Headers.LastModified);
    }

    private static Dates Expected(string plan, string progress) => new(plan, plan, plan, plan, progress, progress, progress, progress, progress);

    private static async Task<Dates> DatesAsync(HttpClient client, string code)
    {
        var matriz = await client.GetAsync($"/Plan/Matriz/Descargar?plan={code}");
        Assert.Equal(HttpStatusCode.OK, matriz.StatusCode);
        var matrizBytes = await matriz.Content.ReadAsByteArrayAsync();
        var matrizSheet = new XlsxReader(matrizBytes);
        var seguimiento = await client.GetByteArrayAsync($"/Reportes/Seguimiento?plan={code}&anio=2025&periodo=A");
        var fichas = await client.GetDocumentAsync($"/Reportes/Fichas?plan={code}");
        var json = JsonDocument.Parse(await client.GetStringAsync($"/DatosAbiertos/{code}/plan.json")).RootElement;
        async Task<string> LastModifiedAsync(string file) =>
            PeruTime.FormatDate((await client.GetAsync($"/DatosAbiertos/{code}/{file}")).Content.Headers.LastModified!.Value);

        Assert.Equal("Datos al", matrizSheet.Text(6, 0));
        var fileDay = FileDate().Match(matriz.Content.Headers.ContentDisposition!.FileName!).Groups[1].Value;
        return new Dates(
            matrizSheet.Text(6, 1),
            DayIn(Footer(matrizBytes)),
            DateOnly.ParseExact(fileDay, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            DayIn(fichas.QuerySelector("[data-testid=datos-al]")!.TextContent),
            DayIn(new XlsxReader(seguimiento, SeguimientoReport.MainSheet).Text("B7")),
            DayIn(new XlsxReader(seguimiento, SeguimientoReport.AlertSheet).Text("A1")),
            PeruTime.FormatDate(DateTimeOffset.Parse(json.GetProperty("datosAl").GetString()!, CultureInfo.InvariantCulture)),
            await LastModifiedAsync("indicadores.csv"),
            await LastModifiedAsync("avance.csv"));
    }

    private static string Footer(byte[] xlsx)
    {
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        return document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.OddFooter>().Single().Text;
    }

    /// <summary>The date after "Datos al" in a printed text.</summary>
    private static string DayIn(string text) => PrintedDate().Match(text) is { Success: true } m ? m.Groups[1].Value : $"(no date in «{text}»)";

    [GeneratedRegex(@"Datos al (\d{2}/\d{2}/\d{4})")]
    private static partial Regex PrintedDate();

    [GeneratedRegex(@"-(\d{4}-\d{2}-\d{2})\.xlsx")]
    private static partial Regex FileDate();

    /// <summary>A plan of its own, one OEI with two indicators and validated 2025 values recorded on <see cref="ValuesAt"/>, no audit row.</summary>
    private async Task<string> CreatePlanAsync()
    {
        var code = "TEST-DATOS-AL-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var test = await db.AddTestPlanAsync(code);
        for (var n = 1; n <= 2; n++)
        {
            var indicator = test.AddIndicator($"IOEI.01.0{n}", $"Indicador {n}");
            indicator.Values.Add(new IndicatorValue { Year = 2025, Period = PeriodKind.Anual, Value = 80m, Status = ValueStatus.Validado, CreatedBy = "prueba", CreatedAt = ValuesAt });
        }

        await db.SaveChangesAsync();
        return code;
    }
}
