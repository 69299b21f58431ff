using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Pages.Administracion;
using PeiTracker.Web.Pages.Plan;
using PeiTracker.Web.Tests.Imports;
using PeiTracker.Web.Tests.Infrastructure;
using static PeiTracker.Web.Exports.MatrizPeiLayout;
using static PeiTracker.Web.Tests.Imports.MatrizUploads;

namespace PeiTracker.Web.Tests.Plan;

/// <summary>These tests edit plan figures and read whole audit chains: they get a database of their own.</summary>
[CollectionDefinition(Name)]
public sealed class PlanWritesCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "plan-writes";
}

/// <summary>
/// Every path that edits the plan (the forms and the Matriz import) goes through the same domain
/// operation and the same writer: the same input gets the same refusal, the history reads true, and a
/// change someone else saved in between is never overwritten.
/// </summary>
[Collection(PlanWritesCollection.Name)]
public class PlanWritePathTests(AppFixture app)
{
    private const string WholeNumberMessage = "Número: el valor debe ser un número entero.";

    private static readonly int CurrentYear = PeruTime.ToLima(DateTimeOffset.UtcNow).Year;

    [Fact]
    public async Task WholeNumberIndicator_TwelveAndAHalf_IsRefusedByTheFormAndTheImportWithTheSameMessage()
    {
        var indicator = await IndicatorAsync("IAEI.01.01.02");
        Assert.Equal(UnitOfMeasure.Numero, indicator.Unit);
        var client = await app.LoginAsync();
        var before = await FiguresAsync(indicator.Id);

        var form = await client.PostFormAsync($"/Plan/Indicador/{indicator.Id}/Metas", [("Targets[2027]", "12.5"), ("Reason", "Meta con decimales")]);
        var formPage = await HttpClientExtensions.ParseAsync(await form.Content.ReadAsStringAsync());
        var file = MatrizWorkbook.WithIndicators(indicator.Plan!.Years.ToList(), [indicator]);
        file.SetCell(HeaderRow + 1, FirstTargetColumn + (2027 - indicator.Plan.FirstYear), 12.5m);
        var import = await UploadAsync(client, file.Build(), reason: "Meta con decimales");

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(WholeNumberMessage, formPage.QuerySelector("#e-2027")!.TextContent.Trim());
        var error = import.QuerySelectorAll("table.import-errors tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).Single();
        Assert.Equal([WorksheetName, (HeaderRow + 1).ToString(CultureInfo.InvariantCulture), ColumnLetter(FirstTargetColumn + 2), WholeNumberMessage], error);
        Assert.Null(import.QuerySelector("form.confirm-form"));
        Assert.Equal(before, await FiguresAsync(indicator.Id));
    }

    [Fact]
    public async Task PercentageBaselineAbove100_IsRefusedByTheFichaAndTheImportWithTheSameMessage()
    {
        const string message = "Un porcentaje debe estar entre 0 y 100 (este indicador no admite más de 100).";
        var indicator = await IndicatorAsync(UnitOfMeasure.Porcentaje, skip: 0);
        var client = await app.LoginAsync();
        var before = await FiguresAsync(indicator.Id);

        var ficha = await client.PostFormAsync($"/Plan/Indicador/{indicator.Id}/Editar", [("Input.BaselineValue", "150"), ("Input.Reason", "Línea base corregida")]);
        var fichaPage = await HttpClientExtensions.ParseAsync(await ficha.Content.ReadAsStringAsync());
        var file = MatrizWorkbook.WithIndicators(indicator.Plan!.Years.ToList(), [indicator]);
        file.SetCell(HeaderRow + 1, BaselineValueColumn, 150m);
        var import = await UploadAsync(client, file.Build(), reason: "Línea base corregida");

        Assert.Equal(message, fichaPage.QuerySelector("[data-valmsg-for='Input.BaselineValue']")!.TextContent.Trim());
        Assert.Contains(import.QuerySelectorAll("table.import-errors td"), td => td.TextContent.Trim() == message);
        Assert.Equal(before, await FiguresAsync(indicator.Id));
    }

    [Fact]
    public async Task StartedYearTargetRevisedFrom10To12_HistoryReadsAntes10Despues12()
    {
        var indicator = await IndicatorAsync(UnitOfMeasure.Numero, skip: 1);
        var client = await app.LoginAsync();
        var metas = $"/Plan/Indicador/{indicator.Id}/Metas";
        await client.PostFormAsync(metas, [($"Targets[{CurrentYear}]", "10"), ("Reason", "Meta fijada en 10")]);

        var response = await client.PostFormAsync(metas, [($"Targets[{CurrentYear}]", "12"), ("Reason", "Revisión a 12")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var audit = await client.GetDocumentAsync($"/Auditoria?elemento={Uri.EscapeDataString(indicator.Key)}&tipo=Meta");
        var rows = audit.QuerySelectorAll("table.audit-table tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        var latest = rows.First(r => r[7] == "Revisión a 12");
        Assert.Equal(($"Logro esperado {CurrentYear} (revisión)", "10", "12"), (latest[4], latest[5], latest[6]));
        var page = await client.GetDocumentAsync($"/Plan/Indicador/{indicator.Id}");
        var history = page.QuerySelectorAll("table.history-table tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).First();
        Assert.Equal(($"Logro esperado {CurrentYear} (revisión)", "10", "12", "Revisión a 12"), (history[2], history[3], history[4], history[5]));
    }

    [Fact]
    public async Task Ficha_TargetSavedByAnotherPersonInBetween_IsAConflictAndKeepsTheirTarget()
    {
        var indicator = await IndicatorAsync(UnitOfMeasure.Numero, skip: 2);
        var first = await app.LoginAsync();
        var second = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var staleFicha = await second.ReadFormAsync($"/Plan/Indicador/{indicator.Id}/Editar");

        await first.PostFormAsync($"/Plan/Indicador/{indicator.Id}/Metas", [("Targets[2029]", "31"), ("Reason", "Reprogramación")]);
        var response = await staleFicha.PostAsync(second, ("Input.DataSource", "Registro propio"), ("Input.Reason", "Fuente corregida"));

        Assert.Contains(EditarIndicadorModel.ConflictText, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        var saved = await app.QueryAsync(db => db.Indicators.AsNoTracking().Include(i => i.Targets).SingleAsync(i => i.Id == indicator.Id));
        Assert.Equal((31m, indicator.DataSource), (saved.TargetFor(2029)!.Value, saved.DataSource));
    }

    [Fact]
    public async Task Metas_TargetImportedFromTheMatrizInBetween_IsAConflictAndKeepsTheImportedTarget()
    {
        var indicator = await IndicatorAsync(UnitOfMeasure.Numero, skip: 3);
        var first = await app.LoginAsync();
        var second = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var staleMetas = await second.ReadFormAsync($"/Plan/Indicador/{indicator.Id}/Metas");
        var file = MatrizWorkbook.WithIndicators(indicator.Plan!.Years.ToList(), [indicator]);
        file.SetCell(HeaderRow + 1, FirstTargetColumn + (2028 - indicator.Plan.FirstYear), 41m);

        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(first, await UploadAsync(first, file.Build()))).StatusCode);
        var response = await staleMetas.PostAsync(second, ("Targets[2030]", "55"), ("Reason", "Reprogramación"));

        Assert.Contains(MetasModel.ConflictText, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        var saved = await app.QueryAsync(db => db.Indicators.AsNoTracking().Include(i => i.Targets).SingleAsync(i => i.Id == indicator.Id));
        Assert.Equal((41m, indicator.TargetFor(2030)), (saved.TargetFor(2028)!.Value, saved.TargetFor(2030)));
    }

    [Fact]
    public async Task Statement_SavedByAnotherPersonInBetween_IsAConflictAndKeepsTheirStatement()
    {
        var objective = await app.QueryAsync(db => db.Objectives.AsNoTracking().OrderBy(o => o.Id).FirstAsync());
        var first = await app.LoginAsync();
        var second = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var url = $"/Plan/Objetivo/{objective.Id}/Editar";
        var stale = await second.ReadFormAsync(url);

        await first.PostFormAsync(url, [("Input.Statement", objective.Statement + " (primera)"), ("Input.Reason", "Primera")]);
        var response = await stale.PostAsync(second, ("Input.Statement", objective.Statement + " (segunda)"), ("Input.Reason", "Segunda"));

        Assert.Contains(EditarEnunciadoModel.ConflictText, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(objective.Statement + " (primera)", await app.QueryAsync(db => db.Objectives.Where(o => o.Id == objective.Id).Select(o => o.Statement).SingleAsync()));
    }

    [Fact]
    public async Task ProgressRules_SavedTwiceAndThenChanged_AuditOnlyTheChangeWithTheStoredBefore()
    {
        var admin = await app.LoginAsync();
        var code = await app.QueryAsync(db => db.ResolveCodeAsync(null));
        Task<List<AuditEntry>> AuditsAsync() => app.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Kind == AuditKind.Configuracion && a.Subject == code).OrderBy(a => a.Id).ToListAsync());

        await admin.PostFormAsync("/Administracion/Configuracion", [("Input.GreenThreshold", "90"), ("Input.Reason", "Umbral verde 90")]);
        var afterFirst = (await AuditsAsync()).Count;
        var again = await admin.PostFormAsync("/Administracion/Configuracion", [("Input.Reason", "Guardar sin cambiar")]);
        var afterSecond = (await AuditsAsync()).Count;
        await admin.PostFormAsync("/Administracion/Configuracion", [("Input.GreenThreshold", "92"), ("Input.Reason", "Umbral verde 92")]);

        var audits = await AuditsAsync();
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(afterFirst, afterSecond);
        Assert.Equal(afterFirst + 1, audits.Count);
        Assert.StartsWith("verde ≥ 90;", audits[^1].Before);
        Assert.Equal(audits[^2].After, audits[^1].Before);
        Assert.StartsWith("verde ≥ 92;", audits[^1].After);
    }

    [Fact]
    public async Task ProgressRules_StaleForm_IsAConflictAndKeepsTheOtherChange()
    {
        var admin = await app.LoginAsync();
        var other = await app.LoginAsync(await app.CreateUserAsync(Roles.Administrador));
        var stale = await other.ReadFormAsync("/Administracion/Configuracion");

        await admin.PostFormAsync("/Administracion/Configuracion", [("Input.YellowThreshold", "70"), ("Input.Reason", "Amarillo 70")]);
        var response = await stale.PostAsync(other, ("Input.YellowThreshold", "60"), ("Input.Reason", "Amarillo 60"));

        Assert.Contains(ConfiguracionModel.ConflictText, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        var code = await app.QueryAsync(db => db.ResolveCodeAsync(null));
        Assert.Equal(70m, await app.QueryAsync(db => db.Plans.Where(p => p.Code == code).Select(p => p.Settings.YellowThreshold).SingleAsync()));
    }

    private Task<Indicator> IndicatorAsync(string key) =>
        app.QueryAsync(db => db.Indicators.AsNoTracking().Include(i => i.Targets).Include(i => i.Plan).Include(i => i.Objective).Include(i => i.Action).SingleAsync(i => i.Key == key));

    /// <summary>The n-th indicator of the unit (by id) with a baseline and a target for every year, other than the one the 12.5 test uses.</summary>
    private Task<Indicator> IndicatorAsync(UnitOfMeasure unit, int skip) =>
        app.QueryAsync(db => db.Indicators.AsNoTracking().Include(i => i.Targets).Include(i => i.Plan).Include(i => i.Objective).Include(i => i.Action)
            .Where(i => i.Unit == unit && i.Key != "IAEI.01.01.02" && i.BaselineValue != null && i.Targets.Count == 6)
            .OrderBy(i => i.Id).Skip(skip).FirstAsync());

    private Task<string> FiguresAsync(int indicatorId) => app.QueryAsync(async db =>
    {
        var indicator = await db.Indicators.AsNoTracking().Include(i => i.Targets).SingleAsync(i => i.Id == indicatorId);
        var audits = await db.AuditEntries.CountAsync(a => a.IndicatorId == indicatorId);
        return $"{indicator.BaselineYear}={indicator.BaselineValue} {string.Join(" ", indicator.Targets.OrderBy(t => t.Year).Select(t => $"{t.Year}={t.Value}"))} audits={audits}";
    });
}
