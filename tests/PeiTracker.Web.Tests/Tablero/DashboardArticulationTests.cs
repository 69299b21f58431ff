using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Domain.Articulation;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Tablero;

/// <summary>The dashboard's avance per PESEM objective and per PGG eje, read in the HTML and checked by hand.</summary>
[Collection(AppCollection.Name)]
public class DashboardArticulationTests(AppFixture app)
{
    private const string Code = "TEST-ART-ROLLUP";

    // OEI.01 (avance 80) -> AES.01.01 of OES.01, eje 10; OEI.02 (60) -> every AES, eje 10; OEI.03 (100) -> no PESEM row, eje 1;
    // AEI.01.01 (50) eje 10, AEI.03.01 (no value in 2025) eje 1.
    private async Task EnsurePlanAsync()
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.Plans.AnyAsync(p => p.Code == Code))
        {
            return;
        }

        var institution = await db.Institutions.Include(i => i.Units).SingleAsync(i => i.PliegoCode == HomeInstitution.PliegoCode);
        var unit = institution.Units[0];
        var plan = new Domain.Plan { Institution = institution, Code = Code, Name = "Plan de prueba de articulación", FirstYear = 2025, LastYear = 2030, Status = PlanStatus.Borrador };
        db.Plans.Add(plan);
        StrategicObjective Objective(int n, PggAlignment pgg, decimal? value)
        {
            var objective = new StrategicObjective { Plan = plan, Code = $"OEI.0{n}", Statement = $"Objetivo {n}", Priority = n, Type = ObjectiveType.TipoI };
            (objective.PggStatus, objective.PggEje, objective.PggLineamiento) = pgg;
            plan.Objectives.Add(objective);
            plan.Indicators.Add(IndicatorOf(plan, unit, $"IOEI.0{n}.01", value, i => i.Objective = objective));
            return objective;
        }

        void Action(StrategicObjective objective, PggAlignment pgg, decimal? value)
        {
            var action = new StrategicAction { Plan = plan, Objective = objective, Code = objective.Code.Replace("OEI", "AEI") + ".01", Statement = "Acción", Priority = 1 };
            (action.PggStatus, action.PggEje, action.PggLineamiento) = pgg;
            objective.Actions.Add(action);
            plan.Indicators.Add(IndicatorOf(plan, unit, "I" + action.Code + ".01", value, i => i.Action = action));
        }

        var first = Objective(1, PggAlignment.Linked(10, "10.5"), 80m);
        var second = Objective(2, PggAlignment.Linked(10, "10.1"), 60m);
        var third = Objective(3, PggAlignment.Linked(1, "1.3"), 100m);
        Action(first, PggAlignment.Linked(10, "10.5"), 50m);
        Action(third, PggAlignment.Linked(1, "1.3"), null);
        var aes = new SectoralAction { Code = "AES.01.01", Statement = "Acción sectorial" };
        var pesem = new SectoralPlan
        {
            Plan = plan, Code = "PESEM-TEST", Name = "PESEM de prueba", FirstYear = 2024, LastYear = 2030,
            Objectives = [new SectoralObjective { Code = "OES.01", Statement = "Objetivo sectorial 1", Actions = [aes] }, new SectoralObjective { Code = "OES.02", Statement = "Objetivo sectorial 2" }],
        };
        db.SectoralPlans.Add(pesem);
        db.SectoralLinks.Add(new SectoralLink { Plan = plan, Objective = first, SectoralPlan = pesem, SectoralAction = aes });
        db.SectoralLinks.Add(new SectoralLink { Plan = plan, Objective = second, SectoralPlan = pesem, CoversAllActions = true });
        await db.SaveChangesAsync();
    }

    private static Indicator IndicatorOf(Domain.Plan plan, OrganizationalUnit unit, string key, decimal? value, Action<Indicator> attach)
    {
        var indicator = new Indicator
        {
            Plan = plan, Key = key, PublishedCode = key, Name = "Indicador " + key, Unit = UnitOfMeasure.Numero, BaselineYear = 2024, BaselineValue = 10m,
            Targets = Enumerable.Range(2025, 6).Select(y => new AnnualTarget { Year = y, Value = 100m }).ToList(),
        };
        attach(indicator);
        indicator.ResponsibleUnits.Add(new IndicatorResponsibleUnit { Indicator = indicator, Unit = unit });
        if (value is { } v)
        {
            indicator.Values.Add(new IndicatorValue { Year = 2025, Period = PeriodKind.Anual, Value = v, Status = ValueStatus.Validado, CreatedBy = "prueba", CreatedAt = DateTimeOffset.UtcNow });
        }

        return indicator;
    }

    [Theory]
    [InlineData("OES.01", "OEI.01, OEI.02", "70", "Media: (80 + 60) / 2 = 70")]
    [InlineData("OES.02", "OEI.02", "60", "Media: (60) / 1 = 60")]
    public async Task Dashboard_PesemObjective_IsTheMeanOfItsLinkedObjectivesAvance(string oes, string objectives, string avance, string explanation)
    {
        await EnsurePlanAsync();
        var client = await app.LoginAsync();

        var page = await client.GetDocumentAsync($"/Tablero?plan={Code}&anio=2025&periodo=A");

        var row = page.QuerySelector($"[data-testid=avance-pesem] tr[data-code='{oes}']")!;
        Assert.Equal(objectives, string.Join(", ", row.QuerySelectorAll("td a").Select(a => a.TextContent)));
        Assert.Equal(avance, Figure(row.QuerySelector(".avance-articulacion")!.GetAttribute("data-avance")));
        Assert.Equal(explanation, row.QuerySelector(".explanation")!.TextContent.Trim());
    }

    [Theory]
    [InlineData(10, "oei", "70", "Media: (80 + 60) / 2 = 70", null)]
    [InlineData(10, "aei", "50", "Media: (50) / 1 = 50", null)]
    [InlineData(1, "oei", "100", "Media: (100) / 1 = 100", null)]
    [InlineData(1, "aei", null, "Ninguno de sus elementos articulados tiene avance en el periodo.", "Sin avance en el periodo: AEI.03.01")]
    public async Task Dashboard_PggEje_IsTheMeanOfItsLinkedObjectivesAndApartOfItsActions(int eje, string column, string? avance, string explanation, string? without)
    {
        await EnsurePlanAsync();
        var client = await app.LoginAsync();

        var page = await client.GetDocumentAsync($"/Tablero?plan={Code}&anio=2025&periodo=A");

        var cell = page.QuerySelector($"[data-testid=avance-pgg] tr[data-eje='{eje}'] td[data-col={column}]")!;
        Assert.Equal(avance, Figure(cell.QuerySelector(".avance-articulacion")!.GetAttribute("data-avance")));
        Assert.Equal(explanation, cell.QuerySelector(".explanation")!.TextContent.Trim());
        Assert.Equal(without, cell.QuerySelector(".without")?.TextContent.Trim());
    }

    [Fact]
    public async Task Dashboard_ArticulationRollUp_AveragesTheSameFiguresTheObjectiveCardsShow()
    {
        await EnsurePlanAsync();
        var client = await app.LoginAsync();

        var page = await client.GetDocumentAsync($"/Tablero?plan={Code}&anio=2025&periodo=A");

        var cards = page.QuerySelectorAll("article.oei-card").ToDictionary(c => c.QuerySelector("h3 .code")!.TextContent, c => c.QuerySelector(".avance")!.TextContent.Trim());
        var shown = page.QuerySelector("[data-testid=avance-pesem] tr[data-code='OES.01'] .avance-articulacion")!.TextContent.Trim();
        Assert.Equal(["80.0 %", "60.0 %"], new[] { cards["OEI.01"], cards["OEI.02"] });
        Assert.Equal("70.0 %", shown);
    }

    [Fact]
    public async Task Dashboard_KeepsTheArticulationPerDataVersion_AndAChangedPesemStatementShowsAtOnce()
    {
        await EnsurePlanAsync();
        var client = await app.LoginAsync();
        var url = $"/Tablero?plan={Code}&anio=2025&periodo=A";
        await client.GetAsync(url);
        using var counter = new SqlCommandCounter();

        await client.GetAsync(url);
        var again = counter.Texts;
        const string revised = "Objetivo sectorial 1, redacción revisada";
        await app.QueryAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE sectoral_objectives SET statement = {revised} WHERE code = 'OES.01' AND sectoral_plan_id = (SELECT s.id FROM sectoral_plans s JOIN plans p ON p.id = s.plan_id WHERE p.code = {Code})"));
        try
        {
            var page = await client.GetDocumentAsync(url);

            Assert.NotEmpty(again);
            Assert.DoesNotContain(again, sql => sql.Contains("sectoral", StringComparison.Ordinal) || sql.Contains("pgg_eje", StringComparison.Ordinal));
            Assert.Equal(revised, page.QuerySelector("[data-testid=avance-pesem] tr[data-code='OES.01'] .code")!.GetAttribute("title"));
        }
        finally
        {
            await app.QueryAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE sectoral_objectives SET statement = 'Objetivo sectorial 1' WHERE code = 'OES.01' AND sectoral_plan_id = (SELECT s.id FROM sectoral_plans s JOIN plans p ON p.id = s.plan_id WHERE p.code = {Code})"));
        }
    }

    [Fact]
    public async Task Dashboard_PlanWithoutArticulation_ShowsNoArticulationSection()
    {
        var client = await app.LoginAsync();
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (!await db.Plans.AnyAsync(p => p.Code == "TEST-ART-NONE"))
            {
                var institution = await db.Institutions.SingleAsync(i => i.PliegoCode == HomeInstitution.PliegoCode);
                db.Plans.Add(new Domain.Plan { Institution = institution, Code = "TEST-ART-NONE", Name = "Sin articulación", FirstYear = 2025, LastYear = 2030, Status = PlanStatus.Borrador });
                await db.SaveChangesAsync();
            }
        }

        var page = await client.GetDocumentAsync("/Tablero?plan=TEST-ART-NONE&anio=2025&periodo=A");

        Assert.Null(page.QuerySelector("section.articulation-rollup"));
    }

    private static string? Figure(string? invariant) =>
        string.IsNullOrEmpty(invariant) ? null : decimal.Parse(invariant, CultureInfo.InvariantCulture).ToString("0.##", CultureInfo.InvariantCulture);
}
