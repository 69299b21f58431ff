using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Progress;

/// <summary>
/// Every reader shows the engine's state of a semester: with an annual logro esperado and no counted value it
/// is "Sin dato" (and says so when a sent value awaits validation), never "Sin meta".
/// </summary>
[Collection(AppCollection.Name)]
public class PeriodStateReadersTests(AppFixture app)
{
    private const string NoValue = "IOEI.01.01";
    private const string Pending = "IOEI.01.02";
    private const string Agregable = "IOEI.01.03";
    private const string NoTarget = "IOEI.01.04";

    /// <summary>
    /// A plan of its own: 01 has an annual target and no value for the I semestre 2026; 02 a sent value not yet
    /// validated; 03 (agregable, 10 a year) a validated 3; 04 no target at all.
    /// </summary>
    private async Task<string> CreatePlanAsync(string code, bool demo = false)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var institution = await db.Institutions.Include(i => i.Units).SingleAsync(i => i.PliegoCode == HomeInstitution.PliegoCode);
        var plan = new Domain.Plan { Institution = institution, Code = code, Name = "Plan semestral " + code, FirstYear = 2025, LastYear = 2030, Status = PlanStatus.Borrador };
        var objective = new StrategicObjective { Plan = plan, Code = "OEI.01", Statement = "Objetivo semestral", Priority = 1, Type = ObjectiveType.TipoI };
        plan.Objectives.Add(objective);
        Indicator Add(string key, UnitOfMeasure unit, Aggregation aggregation, decimal? target)
        {
            var indicator = new Indicator
            {
                Plan = plan, Objective = objective, Key = key, PublishedCode = key, Name = "Indicador " + key, Unit = unit, Aggregation = aggregation, Decimals = 0,
                Targets = target is null ? [] : Enumerable.Range(2025, 6).Select(y => new AnnualTarget { Year = y, Value = target.Value }).ToList(),
            };
            indicator.ResponsibleUnits.Add(new IndicatorResponsibleUnit { Indicator = indicator, Unit = institution.Units[0] });
            plan.Indicators.Add(indicator);
            return indicator;
        }

        IndicatorValue Semester(decimal value, ValueStatus status) =>
            new() { Year = 2026, Period = PeriodKind.PrimerSemestre, Value = value, Status = status, CreatedBy = "prueba", CreatedAt = DateTimeOffset.UtcNow, IsDemo = demo };
        Add(NoValue, UnitOfMeasure.Porcentaje, Aggregation.NoAgregable, 50m);
        Add(Pending, UnitOfMeasure.Porcentaje, Aggregation.NoAgregable, 50m).Values.Add(Semester(40m, ValueStatus.Enviado));
        Add(Agregable, UnitOfMeasure.Numero, Aggregation.Agregable, 10m).Values.Add(Semester(3m, ValueStatus.Validado));
        Add(NoTarget, UnitOfMeasure.Numero, Aggregation.NoAgregable, null);
        db.Plans.Add(plan);
        await db.SaveChangesAsync();
        return code;
    }

    private static string RowText(AngleSharp.Dom.IDocument page, string code) =>
        page.QuerySelectorAll("table.indicator-table tbody tr").Single(r => r.QuerySelector("a.code")!.TextContent.Trim() == code).TextContent;

    [Fact]
    public async Task Dashboard_SemesterWithAnnualTargetAndNoValue_SaysSinDato()
    {
        var code = await CreatePlanAsync("TEST-SEM-TABLERO");
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));

        var page = await client.GetDocumentAsync($"/Tablero?plan={code}&anio=2026&periodo=S1");

        Assert.Contains("Sin dato", RowText(page, NoValue));
        Assert.DoesNotContain("Sin meta", RowText(page, NoValue));
        Assert.Contains("Sin dato (pendiente de validación)", RowText(page, Pending));
        Assert.Contains("Sin meta", RowText(page, NoTarget));
        // 3 against half the annual 10: 60 %, rojo, and the row says where the 5 comes from.
        var agregable = RowText(page, Agregable);
        Assert.Contains("½ del anual (agregable)", agregable);
        Assert.Contains("60.0 %", agregable);
        var headline = page.QuerySelector("[data-testid=avance-plan]")!.ParentElement!;
        Assert.Equal("1 de 4 indicadores con avance · 1 sin dato por valores pendientes de validación", headline.QuerySelector("[data-testid=cobertura]")!.TextContent.Trim());
        var excluded = headline.QuerySelectorAll("details .excluded li").Select(li => li.TextContent).ToList();
        Assert.Equal(3, excluded.Count);
        Assert.Contains(excluded, e => e.StartsWith(NoValue, StringComparison.Ordinal) && e.Contains("no se cuenta como cero"));
        Assert.DoesNotContain("Todos los indicadores con meta tienen valor", page.Body!.TextContent);
        Assert.Contains("pendiente(s) de validación", page.QuerySelector("[data-testid=pendientes-validacion]")!.TextContent);
        Assert.Contains("mitad del logro esperado anual", page.QuerySelector("[data-testid=regla-semestral]")!.TextContent);
    }

    [Fact]
    public async Task ObjectiveAndUnitPages_SemesterWithAnnualTargetAndNoValue_SaySinDato()
    {
        var code = await CreatePlanAsync("TEST-SEM-OEI");
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));
        var (objectiveId, unitId) = await app.QueryAsync(async db =>
        {
            var indicator = await db.Indicators.Include(i => i.ResponsibleUnits).SingleAsync(i => i.Plan!.Code == code && i.Key == NoValue);
            return (indicator.ObjectiveId!.Value, indicator.ResponsibleUnits[0].UnitId);
        });

        var objective = await client.GetDocumentAsync($"/Tablero/Objetivo/{objectiveId}?plan={code}&anio=2026&periodo=S1");
        var unit = await client.GetDocumentAsync($"/Tablero/Unidades/{unitId}?plan={code}&anio=2026&periodo=S1");

        Assert.Contains("Sin dato", RowText(objective, NoValue));
        Assert.Equal("1 de 4 indicadores con avance · 1 sin dato por valores pendientes de validación", objective.QuerySelector("[data-testid=cobertura]")!.TextContent.Trim());
        Assert.Contains("Sin dato", RowText(unit, NoValue));
        Assert.Contains("Reporte: 2 de 3 indicadores con meta", unit.QuerySelector(".page-header")!.TextContent);
    }

    [Fact]
    public async Task Api_SemesterWithAnnualTargetAndNoValue_IsSinDatoWithItsTarget()
    {
        var code = await CreatePlanAsync("TEST-SEM-API");
        // Read-only users cannot create API tokens; a planner's token reads the same progress.
        var browser = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var created = await browser.SubmitFormAsync("/Cuenta/Tokens", new Dictionary<string, string> { ["Name"] = "Tablero externo" }, "form[action*='handler=Create']");
        var token = (await HttpClientExtensions.ParseAsync(await created.Content.ReadAsStringAsync())).QuerySelector(".new-token")!.TextContent.Trim();
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var progress = await api.GetFromJsonAsync<JsonElement>($"/api/v1/planes/{code}/avance?anio=2026&periodo=S1");

        var indicators = progress.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("key").GetString()!);
        var noValue = indicators[NoValue];
        Assert.Equal(("SinDato", "Sin dato", 50m, "MetaAnual", false),
            (noValue.GetProperty("status").GetString(), noValue.GetProperty("statusLabel").GetString(), noValue.GetProperty("target").GetDecimal(),
             noValue.GetProperty("targetSource").GetString(), noValue.GetProperty("pendingValidation").GetBoolean()));
        Assert.True(indicators[Pending].GetProperty("pendingValidation").GetBoolean());
        Assert.Equal("SinMeta", indicators[NoTarget].GetProperty("status").GetString());
        var agregable = indicators[Agregable];
        Assert.Equal((5m, 10m, 60m, 30m), (agregable.GetProperty("target").GetDecimal(), agregable.GetProperty("annualTarget").GetDecimal(),
            agregable.GetProperty("avanceTipoI").GetDecimal(), agregable.GetProperty("avanceTipoIAnnualTarget").GetDecimal()));
        var plan = progress.GetProperty("planRollUp");
        Assert.Equal((1, 4), (plan.GetProperty("included").GetInt32(), plan.GetProperty("total").GetInt32()));
        Assert.Contains(plan.GetProperty("excluded").EnumerateArray(), e => e.GetProperty("key").GetString() == Pending && e.GetProperty("pendingValidation").GetBoolean());
    }

    private static Dictionary<string, string> ReadSheet(byte[] bytes, string sheetName)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Descendants<Sheet>().Single(s => s.Name == sheetName);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!,
            c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "");
    }

    private static string Column(string reference) => new(reference.TakeWhile(char.IsLetter).ToArray());

    private static string Row(string reference) => new(reference.SkipWhile(char.IsLetter).ToArray());

    [Fact]
    public async Task Seguimiento_SemesterWithAnnualTargetAndNoValue_SaysSinDatoBesideCeplansColumn()
    {
        var code = await CreatePlanAsync("TEST-SEM-XLSX");
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));

        var bytes = await client.GetByteArrayAsync($"/Reportes/Seguimiento?plan={code}&anio=2026&periodo=S1");

        var cells = ReadSheet(bytes, SeguimientoReport.MainSheet);
        var header = cells.Where(c => Row(c.Key) == SeguimientoReport.HeaderRow.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(c => c.Value, c => Column(c.Key));
        string At(string indicator, string headerText) => cells.GetValueOrDefault(header[headerText] + cells.Single(c => c.Key.StartsWith('A') && c.Value == indicator).Key[1..], "");
        const string status = "Semáforo I semestre 2026 (frente al LE del semestre)";
        Assert.Equal("Sin dato", At(NoValue, status));
        Assert.Equal("Sin dato (pendiente de validación)", At(Pending, status));
        Assert.Equal("Sin meta", At(NoTarget, status));
        Assert.Equal("Rojo", At(Agregable, status));
        Assert.Equal("30", At(Agregable, "Avance Tipo I I semestre 2026 frente al LE anual (CEPLAN) (%)"));
        Assert.Equal("5", At(Agregable, "LE I semestre 2026 usado por el semáforo"));
        Assert.Equal("½ del anual (agregable)", At(Agregable, "Origen del LE I semestre 2026"));
        Assert.Equal("60", At(Agregable, "Avance Tipo I I semestre 2026 frente al LE del semestre (%)"));
        Assert.Equal("Reporte de seguimiento del Plan Estratégico Institucional", cells["A1"]);
    }

    [Fact]
    public async Task OpenDataCsv_SemesterWithAnnualTargetAndNoValue_SaysSinDato()
    {
        var code = await CreatePlanAsync("TEST-SEM-CSV");
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));

        var text = Encoding.UTF8.GetString((await client.GetByteArrayAsync($"/DatosAbiertos/{code}/avance.csv"))[3..]);

        var rows = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
        var columns = rows[0].Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i);
        string[] Semester(string key) => rows.Single(r => r[1] == key && r[2] == "2026" && r[3] == "I semestre");
        Assert.Equal(("Sin dato", "", "50"), (Semester(NoValue)[columns["semaforo"]], Semester(NoValue)[columns["valor_obtenido"]], Semester(NoValue)[columns["logro_esperado"]]));
        Assert.Equal(("Sin dato (pendiente de validación)", ""), (Semester(Pending)[columns["semaforo"]], Semester(Pending)[columns["valor_obtenido"]]));
        Assert.Equal(("Rojo", "5", "30"), (Semester(Agregable)[columns["semaforo"]], Semester(Agregable)[columns["logro_esperado"]], Semester(Agregable)[columns["avance_tipo_i_frente_le_anual"]]));
        Assert.DoesNotContain(rows, r => r[1] == NoTarget);
        Assert.DoesNotContain(rows, r => r.Length > 2 && r[2] == "2026" && r[3] == "Anual");
    }

    [Fact]
    public async Task Informe_SemesterWithAnnualTargetAndNoValue_SaysSinDato()
    {
        // The Informe covers the default plan, the MRE's: IOEI.03.02 has a 2026 logro esperado (53) and no value in the I semestre.
        var indicator = await app.QueryAsync(db => db.Indicators.Include(i => i.Targets).Include(i => i.Values).SingleAsync(i => i.Plan!.Code == "MRE-PEI-2025-2030" && i.Key == "IOEI.03.02"));
        Assert.Equal(53m, indicator.TargetFor(2026));
        Assert.DoesNotContain(indicator.Values, v => v.Year == 2026 && v.Period == PeriodKind.PrimerSemestre);
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));

        var page = await client.GetDocumentAsync("/Reportes/Informe?anio=2026&periodo=S1");

        var row = page.QuerySelectorAll("#oei-OEI\\.03 table tbody tr").Single(r => r.TextContent.Contains("IOEI.03.02", StringComparison.Ordinal));
        Assert.Contains("Sin dato", row.TextContent);
        Assert.DoesNotContain("Sin meta", row.TextContent);
        Assert.NotNull(page.QuerySelector("#oei-OEI\\.03 [data-testid=cobertura]"));
    }

    [Fact]
    public async Task SemesterTarget_SetInTheDatabase_IsWhatTheSemesterIsJudgedAgainst()
    {
        var code = await CreatePlanAsync("TEST-SEM-PROPIO");
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));
        var before = await client.GetDocumentAsync($"/Tablero?plan={code}&anio=2026&periodo=S1");
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var indicator = await db.Indicators.Include(i => i.SemesterTargets).Include(i => i.Targets).SingleAsync(i => i.Plan!.Code == code && i.Key == Agregable);
            var result = indicator.SetSemesterTarget(2026, PeriodKind.PrimerSemestre, 3m, 2025, 2030);
            Assert.True(result.IsValid);
            await db.SaveChangesAsync();
        }

        // Saving moves the plan's data version, so the cached progress is recomputed.
        var after = await client.GetDocumentAsync($"/Tablero?plan={code}&anio=2026&periodo=S1");

        Assert.Contains("Rojo", RowText(before, Agregable));
        Assert.Contains("propio del semestre (OGPP)", RowText(after, Agregable));
        Assert.Contains("Verde", RowText(after, Agregable));
    }

    private static Dictionary<string, string> MetasForm(string semester, string annual2030, string reason)
    {
        var form = Enumerable.Range(2025, 6).ToDictionary(y => $"Targets[{y}]", _ => "10");
        form["Targets[2030]"] = annual2030;
        form["Semesters[2026S1]"] = semester;
        form["Reason"] = reason;
        return form;
    }

    [Fact]
    public async Task Metas_SemesterTargetSaved_IsAuditedAndJudgesTheSemester()
    {
        var code = await CreatePlanAsync("TEST-SEM-METAS");
        var id = await app.QueryAsync(db => db.Indicators.Where(i => i.Plan!.Code == code && i.Key == Agregable).Select(i => i.Id).SingleAsync());
        var planner = await app.LoginAsync();

        var saved = await planner.SubmitFormAsync($"/Plan/Indicador/{id}/Metas", MetasForm("3", "10", "Calendario de la unidad: 3 en el I semestre"));

        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        var target = await app.QueryAsync(db => db.SemesterTargets.SingleAsync(t => t.IndicatorId == id));
        Assert.Equal((2026, PeriodKind.PrimerSemestre, 3m), (target.Year, target.Period, target.Value));
        var audit = await app.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.IndicatorId == id && a.Field == "Logro esperado I semestre 2026"));
        Assert.Equal((AuditKind.Meta, null, "3", "Calendario de la unidad: 3 en el I semestre"), (audit.Kind, audit.Before, audit.After, audit.Reason));
        var row = RowText(await planner.GetDocumentAsync($"/Tablero?plan={code}&anio=2026&periodo=S1"), Agregable);
        Assert.Contains("propio del semestre (OGPP)", row);
        Assert.Contains("Verde", row);
        var form = await planner.GetDocumentAsync($"/Plan/Indicador/{id}/Metas");
        Assert.Equal("3", form.QuerySelector("#s-2026S1")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Metas_SemesterTargetOutsideTheUnit_IsRefusedAndNothingIsSaved()
    {
        var code = await CreatePlanAsync("TEST-SEM-METAS-MAL");
        var id = await app.QueryAsync(db => db.Indicators.Where(i => i.Plan!.Code == code && i.Key == Agregable).Select(i => i.Id).SingleAsync());
        var planner = await app.LoginAsync();

        var response = await planner.SubmitFormAsync($"/Plan/Indicador/{id}/Metas", MetasForm("2.5", "12", "Prueba"));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var page = await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("Número: el valor debe ser un número entero.", page.QuerySelector("#e-2026S1")!.TextContent.Trim());
        Assert.False(await app.QueryAsync(db => db.SemesterTargets.AnyAsync(t => t.IndicatorId == id)));
        Assert.Equal(10m, await app.QueryAsync(db => db.Targets.Where(t => t.IndicatorId == id && t.Year == 2030).Select(t => t.Value).SingleAsync()));
        Assert.False(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.IndicatorId == id)));
    }

    [Fact]
    public async Task Configuracion_SemesterRule_IsSavedAuditedAndChangesTheExpectation()
    {
        var code = await CreatePlanAsync("TEST-SEM-REGLA");
        var admin = await app.LoginAsync();

        var saved = await admin.SubmitFormAsync($"/Administracion/Configuracion?plan={code}", new Dictionary<string, string>
        {
            ["Input.GreenThreshold"] = "95", ["Input.YellowThreshold"] = "75", ["Input.Cap"] = "100", ["Input.CapEnabled"] = "true",
            ["Input.Weighting"] = "PorRelevancia", ["Input.DashboardAvance"] = "TipoI", ["Input.OnlyValidated"] = "true", ["Input.SemesterFollowUp"] = "true",
            ["Input.SemesterExpectation"] = "MetaAnual", ["Input.Reason"] = "Los semestres se comparan con la meta anual",
        });
        var page = await admin.GetDocumentAsync($"/Tablero?plan={code}&anio=2026&periodo=S1");

        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(SemesterExpectationRule.MetaAnual, await app.QueryAsync(db => db.Plans.Where(p => p.Code == code).Select(p => p.Settings.SemesterExpectation).SingleAsync()));
        var audit = await app.QueryAsync(db => db.AuditEntries.Where(a => a.Subject == code && a.Kind == AuditKind.Configuracion).OrderByDescending(a => a.Id).FirstAsync());
        Assert.Contains("semestres sin logro esperado propio: mitad del anual", audit.Before);
        Assert.Contains("semestres sin logro esperado propio: frente al logro esperado anual", audit.After);
        Assert.Contains("igual al anual (regla del plan)", RowText(page, Agregable));
        Assert.Contains("30.0 %", RowText(page, Agregable));
    }

    [Fact]
    public async Task Configuracion_UnknownSemesterRule_IsRefusedAndNothingChanges()
    {
        var code = await CreatePlanAsync("TEST-SEM-REGLA-MAL");
        var admin = await app.LoginAsync();

        var response = await admin.SubmitFormAsync($"/Administracion/Configuracion?plan={code}", new Dictionary<string, string>
        {
            ["Input.GreenThreshold"] = "95", ["Input.YellowThreshold"] = "75", ["Input.Cap"] = "100", ["Input.CapEnabled"] = "true",
            ["Input.Weighting"] = "PorRelevancia", ["Input.DashboardAvance"] = "TipoI", ["Input.SemesterExpectation"] = "7", ["Input.Reason"] = "Prueba",
        });

        Assert.Contains("Elija las opciones de la lista", await response.Content.ReadAsStringAsync());
        Assert.Equal(SemesterExpectationRule.PorAgregacion, await app.QueryAsync(db => db.Plans.Where(p => p.Code == code).Select(p => p.Settings.SemesterExpectation).SingleAsync()));
    }
}
