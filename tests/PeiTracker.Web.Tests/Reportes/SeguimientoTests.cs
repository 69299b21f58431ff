using System.Net;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Reportes;

[Collection(AppCollection.Name)]
public class SeguimientoTests(AppFixture app)
{
    private const string Url = "/Reportes/Seguimiento?anio=2025&periodo=A";

    [Fact]
    public async Task Seguimiento_Download_HasTheCeplanHeaderAndOeiAeiHeadingRowsInPlanOrderAndTheAlertSheet()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));

        var response = await client.GetAsync(Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxWriter.ContentType, response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var sheet = new XlsxReader(bytes, SeguimientoReport.MainSheet);
        Assert.Equal([SeguimientoReport.MainSheet, SeguimientoReport.AlertSheet], sheet.SheetNames);
        Assert.Equal("008: Ministerio de Relaciones Exteriores", sheet.Text("B5"));
        Assert.Matches(@"^Datos al \d{2}/\d{2}/\d{4}$", sheet.Text("B7"));
        Assert.Equal("Solo valores validados por la OGPP", sheet.Text("B8"));
        Assert.Equal("Código", sheet.Text($"A{SeguimientoReport.HeaderRow}"));
        Assert.Equal(["Unidad ejecutora", "Unidad de organización"], [sheet.Text($"C{SeguimientoReport.HeaderRow}"), sheet.Text($"D{SeguimientoReport.HeaderRow}")]);
        Assert.Equal(["OEI.01", "IOEI.01.01"], [sheet.Text($"A{SeguimientoReport.HeaderRow + 1}"), sheet.Text($"A{SeguimientoReport.HeaderRow + 2}")]);
        Assert.True(sheet.RowOf("AEI.01.03") < sheet.RowOf("IAEI.01.03.01"));
        Assert.True(sheet.RowOf("AEI.01.03") > sheet.RowOf("AEI.01.02"));
        var europe = sheet.RowOf("IAEI.01.03.01");
        Assert.Equal("001 - Ministerio de Relaciones Exteriores", sheet.Text($"C{europe}"));
        Assert.Equal(0.556m, sheet.Number($"I{europe}"));
        Assert.Equal(0.576m, sheet.Number($"J{europe}"));
        var codes = sheet.References.Where(r => r[0] == 'A' && char.IsDigit(r[1]) && int.Parse(r[1..]) > SeguimientoReport.HeaderRow).Select(r => sheet.Text(r)).ToList();
        var code = await app.QueryAsync(db => db.ResolveCodeAsync(null));
        var (objectives, actions) = await app.QueryAsync(async db => (await db.Objectives.CountAsync(o => o.Plan!.Code == code), await db.Actions.CountAsync(a => a.Plan!.Code == code)));
        Assert.Equal((objectives, actions, 103), (codes.Count(c => c.StartsWith("OEI.")), codes.Count(c => c.StartsWith("AEI.")), codes.Count(c => c.StartsWith('I'))));
        Assert.Equal(PaneStateValues.Frozen, sheet.Frozen!.State!.Value);
        Assert.StartsWith($"A{SeguimientoReport.HeaderRow}:", sheet.Filter);
        var alerts = new XlsxReader(bytes, SeguimientoReport.AlertSheet);
        Assert.True(alerts.RowOf("AEI.08.01") > alerts.RowOf("OEI.08"));
        Assert.EndsWith(sheet.Text("B7"), alerts.Text("A1"));
    }

    /// <summary>
    /// A plan of one OEI with two indicators of its own (relevance 1 at 100 %, relevance 3 at 40 %) and one AEI with two
    /// (both relevance 2, at 80 % and 20 %), with annual and first-semester values, so weighting shows in the roll-ups.
    /// </summary>
    private async Task<(string Code, int ObjectiveId)> CreateRollUpPlanAsync()
    {
        var code = "TEST-SEG-" + Guid.NewGuid().ToString("N")[..8];
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var institution = await db.Institutions.Include(i => i.Units).SingleAsync(i => i.PliegoCode == HomeInstitution.PliegoCode);
        var plan = new Domain.Plan { Institution = institution, Code = code, Name = "Plan de prueba " + code, FirstYear = 2025, LastYear = 2030, Status = PlanStatus.Borrador };
        var objective = new StrategicObjective { Plan = plan, Code = "OEI.01", Statement = "Objetivo de prueba", Priority = 1, Type = ObjectiveType.TipoI };
        var action = new StrategicAction { Plan = plan, Objective = objective, Code = "AEI.01.01", Statement = "Acción de prueba", Priority = 1 };
        plan.Objectives.Add(objective);
        objective.Actions.Add(action);
        void Add(string key, StrategicAction? owner, int relevance, decimal annual, decimal semester)
        {
            var indicator = new Indicator
            {
                Plan = plan, Objective = owner is null ? objective : null, Action = owner, Key = key, PublishedCode = key, Name = "Indicador " + key,
                Unit = UnitOfMeasure.Numero, Relevance = relevance, BaselineYear = 2024, BaselineValue = 0m,
                Targets = Enumerable.Range(2025, 6).Select(y => new AnnualTarget { Year = y, Value = 100m }).ToList(),
            };
            indicator.ResponsibleUnits.Add(new IndicatorResponsibleUnit { Indicator = indicator, Unit = institution.Units[0] });
            indicator.Values.Add(new IndicatorValue { Year = 2025, Period = PeriodKind.Anual, Value = annual, Status = ValueStatus.Validado, CreatedBy = "prueba", CreatedAt = DateTimeOffset.UtcNow });
            indicator.Values.Add(new IndicatorValue { Year = 2025, Period = PeriodKind.PrimerSemestre, Value = semester, Status = ValueStatus.Validado, CreatedBy = "prueba", CreatedAt = DateTimeOffset.UtcNow });
            plan.Indicators.Add(indicator);
        }

        Add("IOEI.01.01", null, 1, 100m, 50m);
        Add("IOEI.01.02", null, 3, 40m, 10m);
        Add("IAEI.01.01.01", action, 2, 80m, 45m);
        Add("IAEI.01.01.02", action, 2, 20m, 5m);
        db.Plans.Add(plan);
        await db.SaveChangesAsync();
        return (code, objective.Id);
    }

    [Theory]
    [InlineData("A", "Avance Tipo I Año 2025 (%)")]
    [InlineData("S1", "Avance Tipo I I semestre 2025 frente al LE del semestre (%)")]
    public async Task Seguimiento_HeadingRows_CarryTheRollUpTheDashboardShows(string periodo, string avanceHeader)
    {
        var (code, objectiveId) = await CreateRollUpPlanAsync();
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));

        var sheet = new XlsxReader(await client.GetByteArrayAsync($"/Reportes/Seguimiento?plan={code}&anio=2025&periodo={periodo}"), SeguimientoReport.MainSheet);
        var dashboard = await client.GetDocumentAsync($"/Tablero?plan={code}&anio=2025&periodo={periodo}");
        var objectivePage = await client.GetDocumentAsync($"/Tablero/Objetivo/{objectiveId}?plan={code}&anio=2025&periodo={periodo}");

        var column = Enumerable.Range(0, 60).Single(c => sheet.Text(SeguimientoReport.HeaderRow, c) == avanceHeader);
        string Printed(string rowCode) => ProgressFormat.Percent(sheet.Number(sheet.RowOf(rowCode), column));
        var card = dashboard.QuerySelector("article.oei-card .avance")!.TextContent.Trim();
        var actionRow = objectivePage.QuerySelectorAll("table.actions-table tbody tr").Single();
        Assert.NotEqual("—", card);
        Assert.Equal((card, actionRow.Children[2].TextContent.Trim()), (Printed("OEI.01"), Printed("AEI.01.01")));
        Assert.Contains(sheet.Text(sheet.RowOf("OEI.01"), sheet.LastColumn), dashboard.QuerySelector("article.oei-card")!.TextContent);
        Assert.Equal(["OEI.01", "IOEI.01.01", "IOEI.01.02", "AEI.01.01", "IAEI.01.01.01", "IAEI.01.01.02"],
            Enumerable.Range(SeguimientoReport.HeaderRow + 1, 6).Select(r => sheet.Text(r, 0)));
    }

    [Fact]
    public async Task Seguimiento_SameData_SameBytes()
    {
        var client = await app.LoginAsync();

        var first = await (await client.GetAsync(Url)).Content.ReadAsByteArrayAsync();
        await Task.Delay(1100);
        var second = await (await client.GetAsync(Url)).Content.ReadAsByteArrayAsync();

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Seguimiento_TextThatLooksLikeAFormula_IsNeutralised()
    {
        var indicator = await app.IndicatorWithFullDataAsync(23);
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var entity = await db.Indicators.SingleAsync(i => i.Id == indicator.Id);
            entity.Name = "=HYPERLINK(\"http://evil.example\",\"clic\")";
            await db.SaveChangesAsync();
        }

        try
        {
            var client = await app.LoginAsync();
            var sheet = new XlsxReader(await (await client.GetAsync(Url)).Content.ReadAsByteArrayAsync(), SeguimientoReport.MainSheet);

            var name = $"B{sheet.RowOf(indicator.PublishedCode)}";
            Assert.Equal("=HYPERLINK(\"http://evil.example\",\"clic\")", sheet.Text(name));
            Assert.True(sheet.IsInlineText(name));
            Assert.True(sheet.IsQuoted(name));
            Assert.False(sheet.IsQuoted($"A{sheet.RowOf(indicator.PublishedCode)}"));
            Assert.Equal(0, sheet.Formulas);
        }
        finally
        {
            await using var scope = app.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var entity = await db.Indicators.SingleAsync(i => i.Id == indicator.Id);
            entity.Name = indicator.Name;
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task Seguimiento_EveryDownload_IsRecorded()
    {
        var planner = await app.CreateUserAsync(Roles.Planificador);
        var client = await app.LoginAsync(planner);

        await client.GetAsync("/Reportes/Seguimiento?anio=2025&periodo=S1&pendientes=true");

        var entry = await app.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.UserName == planner && a.Kind == AuditKind.Exportacion));
        Assert.Contains("2025-S1", entry.After);
        Assert.Contains("incluye pendientes", entry.After);
    }

    [Fact]
    public async Task Seguimiento_Consulta_IsDenied()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));

        var response = await client.GetAsync(Url);

        Assert.StartsWith("/Cuenta/AccesoDenegado", response.Headers.Location!.OriginalString);
    }
}
