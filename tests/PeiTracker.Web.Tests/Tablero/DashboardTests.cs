using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Tablero;

[Collection(AppCollection.Name)]
public class DashboardTests(AppFixture app)
{
    /// <summary>A separate small plan, so these tests control every value in it.</summary>
    private async Task<string> CreatePlanAsync(string code, int indicators)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var institution = await db.Institutions.Include(i => i.Units).SingleAsync(i => i.PliegoCode == HomeInstitution.PliegoCode);
        var plan = new Domain.Plan { Institution = institution, Code = code, Name = "Plan de prueba " + code, FirstYear = 2025, LastYear = 2030, Status = PlanStatus.Borrador };
        db.Plans.Add(plan);
        var objective = new StrategicObjective { Plan = plan, Code = "OEI.01", Statement = "Objetivo de prueba", Priority = 1, Type = ObjectiveType.TipoI };
        plan.Objectives.Add(objective);
        await AddIndicatorsAsync(db, plan, objective, institution.Units[0], 0, indicators);
        await db.SaveChangesAsync();
        return code;
    }

    private static Task AddIndicatorsAsync(AppDbContext db, Domain.Plan plan, StrategicObjective objective, OrganizationalUnit unit, int from, int count)
    {
        for (var n = from; n < from + count; n++)
        {
            var indicator = new Indicator
            {
                Plan = plan,
                Objective = objective,
                Key = $"IOEI.01.{n:00}",
                PublishedCode = $"IOEI.01.{n:00}",
                Name = $"Indicador {n}",
                Unit = UnitOfMeasure.Numero,
                BaselineYear = 2024,
                BaselineValue = 10m,
                Targets = Enumerable.Range(2025, 6).Select(y => new AnnualTarget { Year = y, Value = 100m }).ToList(),
            };
            indicator.ResponsibleUnits.Add(new IndicatorResponsibleUnit { Indicator = indicator, Unit = unit });
            indicator.Values.Add(new IndicatorValue { Year = 2025, Period = PeriodKind.Anual, Value = n % 2 == 0 ? 100m : 50m, Status = ValueStatus.Validado, CreatedBy = "prueba", CreatedAt = DateTimeOffset.UtcNow });
            plan.Indicators.Add(indicator);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Dashboard_QueryCount_DoesNotGrowWithTheNumberOfIndicators()
    {
        var code = await CreatePlanAsync("TEST-N1", 4);
        var client = await app.LoginAsync();
        await client.GetAsync($"/Tablero?plan={code}");
        // Both measured requests find the computed progress out of date, so both read the whole tree.
        await app.QueryAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE plans SET name = name WHERE code = {code}"));
        using var counter = new SqlCommandCounter();

        await client.GetAsync($"/Tablero?plan={code}&anio=2025&periodo=A");
        var small = counter.Count;
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var plan = await db.Plans.Include(p => p.Objectives).SingleAsync(p => p.Code == code);
            var unit = await db.OrganizationalUnits.FirstAsync();
            await AddIndicatorsAsync(db, plan, plan.Objectives[0], unit, 4, 60);
            await db.SaveChangesAsync();
        }

        counter.Reset();
        await client.GetAsync($"/Tablero?plan={code}&anio=2025&periodo=A");

        Assert.InRange(small, 1, 20);
        Assert.Equal(small, counter.Count);
    }

    [Fact]
    public async Task Dashboard_KnownValues_ShowsTheWeightedAvanceAndCounts()
    {
        // Four indicators, same relevance: two at 100 % and two at 50 % → plan avance 75 %, amarillo.
        var code = await CreatePlanAsync("TEST-AVANCE", 4);
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));

        var page = await client.GetDocumentAsync($"/Tablero?plan={code}&anio=2025&periodo=A");

        Assert.Equal("75.0 %", page.QuerySelector("[data-testid=avance-plan]")!.TextContent.Trim());
        var counts = page.QuerySelector("[data-testid=conteos]")!.TextContent;
        Assert.Contains("2", counts);
        Assert.Equal(4, page.QuerySelectorAll("table.indicator-table tbody tr").Length);
    }

    [Fact]
    public async Task PlanSettings_ChangedByAnAdministrator_ChangeTheDashboardVisibly()
    {
        var code = await CreatePlanAsync("TEST-CONF", 4);
        var admin = await app.LoginAsync();
        var before = await admin.GetDocumentAsync($"/Tablero?plan={code}&anio=2025&periodo=A");

        var saved = await admin.SubmitFormAsync($"/Administracion/Configuracion?plan={code}", new Dictionary<string, string>
        {
            ["Input.GreenThreshold"] = "70",
            ["Input.YellowThreshold"] = "40",
            ["Input.Cap"] = "100",
            ["Input.CapEnabled"] = "true",
            ["Input.Weighting"] = "PorRelevancia",
            ["Input.DashboardAvance"] = "TipoI",
            ["Input.OnlyValidated"] = "true",
            ["Input.SemesterFollowUp"] = "true",
            ["Input.Reason"] = "Umbrales acordados para la prueba",
        });
        var after = await admin.GetDocumentAsync($"/Tablero?plan={code}&anio=2025&periodo=A");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Amarillo", before.QuerySelector("[data-testid=avance-plan]")!.ParentElement!.TextContent);
        Assert.Contains("Verde", after.QuerySelector("[data-testid=avance-plan]")!.ParentElement!.TextContent);
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Kind == AuditKind.Configuracion && a.Subject == code)));
    }

    [Fact]
    public async Task PlanSettings_IncoherentThresholds_AreRefusedAndNothingChanges()
    {
        var code = await CreatePlanAsync("TEST-CONF-MAL", 1);
        var admin = await app.LoginAsync();

        var response = await admin.SubmitFormAsync($"/Administracion/Configuracion?plan={code}", new Dictionary<string, string>
        {
            ["Input.GreenThreshold"] = "60", ["Input.YellowThreshold"] = "80", ["Input.Cap"] = "100", ["Input.CapEnabled"] = "true",
            ["Input.Weighting"] = "PorRelevancia", ["Input.DashboardAvance"] = "TipoI", ["Input.Reason"] = "Prueba",
        });

        Assert.Contains("El umbral amarillo debe ser menor que el verde", await response.Content.ReadAsStringAsync());
        Assert.Equal(95m, await app.QueryAsync(db => db.Plans.Where(p => p.Code == code).Select(p => p.Settings.GreenThreshold).SingleAsync()));
    }

    [Fact]
    public async Task Dashboard_FilterBySemaforo_KeepsOnlyThoseIndicators()
    {
        var code = await CreatePlanAsync("TEST-FILTRO", 4);
        var client = await app.LoginAsync();

        var page = await client.GetDocumentAsync($"/Tablero?plan={code}&anio=2025&periodo=A&semaforo=Rojo");

        var rows = page.QuerySelectorAll("table.indicator-table tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.All(rows, r => Assert.Contains("Rojo", r.TextContent));
    }

    [Fact]
    public async Task Dashboard_YearWithoutValues_SaysSoAndWhatToDo()
    {
        var code = await CreatePlanAsync("TEST-VACIO", 0);
        var client = await app.LoginAsync();

        var page = await client.GetDocumentAsync($"/Tablero?plan={code}&anio=2027&periodo=A");

        Assert.Contains("Aún no hay valores registrados para Año 2027", page.QuerySelector(".alert-info")!.TextContent);
    }

    [Fact]
    public async Task Dashboard_PendingSwitch_CountsSentValuesOnlyWhenAsked()
    {
        var code = await CreatePlanAsync("TEST-PEND", 1);
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var value = await db.Values.SingleAsync(v => v.Indicator!.Plan!.Code == code);
            value.Status = ValueStatus.Enviado;
            await db.SaveChangesAsync();
        }

        var client = await app.LoginAsync();
        var validatedOnly = await client.GetDocumentAsync($"/Tablero?plan={code}&anio=2025&periodo=A");
        var withPending = await client.GetDocumentAsync($"/Tablero?plan={code}&anio=2025&periodo=A&pendientes=true");

        Assert.Equal("—", validatedOnly.QuerySelector("[data-testid=avance-plan]")!.TextContent.Trim());
        Assert.Equal("100.0 %", withPending.QuerySelector("[data-testid=avance-plan]")!.TextContent.Trim());
        Assert.Contains("pendientes de validación", withPending.QuerySelector(".page-header")!.TextContent);
    }

    [Fact]
    public async Task ObjectiveUnitAndIndicatorPages_FromTheDashboard_AllRender()
    {
        var code = await CreatePlanAsync("TEST-NAV", 2);
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));
        var page = await client.GetDocumentAsync($"/Tablero?plan={code}&anio=2025&periodo=A");

        var links = page.QuerySelectorAll("main a[href^='/Tablero/'], main a[href^='/Plan/Indicador/']").Select(a => a.GetAttribute("href")!).Distinct().ToList();

        Assert.Contains(links, l => l.StartsWith("/Tablero/Objetivo/", StringComparison.Ordinal));
        Assert.Contains(links, l => l.StartsWith("/Tablero/Unidades", StringComparison.Ordinal));
        foreach (var link in links)
        {
            var response = await client.GetAsync(link);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link} answered {(int)response.StatusCode}");
        }
    }
}
