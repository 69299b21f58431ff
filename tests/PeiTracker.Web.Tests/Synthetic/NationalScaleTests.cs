using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PeiTracker.Domain;
using PeiTracker.Domain.Entry;
using PeiTracker.Web.Data;
using PeiTracker.Web.Progress;
using PeiTracker.Domain.Progress;
using PeiTracker.Web.Synthetic;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Synthetic;

/// <summary>
/// The synthetic SINAPLAN-size data (here 12 entities, the same generator as 2,000) and the
/// national roll-up read from it. A database of its own: other tests never see these plans.
/// </summary>
public class NationalScaleTests(AppFixture app) : IClassFixture<AppFixture>, IAsyncLifetime
{
    private const int Entities = 12;

    private SyntheticPlans.Result first = null!;

    public async Task InitializeAsync()
    {
        await using var scope = app.CreateScope();
        first = await scope.ServiceProvider.GetRequiredService<SyntheticPlans>().LoadAsync(Entities);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>CEPLAN reads every institution; anyone else's national view shows only what their institution may see.</summary>
    private async Task<HttpClient> CeplanAsync() => await app.LoginAsync(await app.CreateUserAsync(Roles.Ceplan));

    [Fact]
    public async Task NationalView_ForAnInstitutionsAdministrator_ShowsOnlyTheirInstitution()
    {
        var page = await (await app.LoginAsync()).GetDocumentAsync("/Tablero/Nacional?anio=2025&periodo=A");

        var row = Assert.Single(page.QuerySelectorAll("details tbody tr"));
        Assert.Contains("Relaciones Exteriores", row.TextContent);
    }

    [Fact]
    public async Task NationalView_ForASectorista_ShowsEveryInstitutionOfTheSectorAndNoOther()
    {
        var sector = await app.QueryAsync(db => db.Institutions.Where(i => i.PliegoCode.StartsWith(SyntheticPlans.PliegoPrefix))
            .GroupBy(i => i.Sector).OrderByDescending(g => g.Count()).Select(g => new { Sector = g.Key, First = g.Min(i => i.Id) }).FirstAsync());
        var plans = await app.QueryAsync(db => db.Plans.CountAsync(p => p.Institution!.Sector == sector.Sector));
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Sectorista, institutionId: sector.First));

        var page = await client.GetDocumentAsync("/Tablero/Nacional?anio=2025&periodo=A");

        var details = Assert.Single(page.QuerySelectorAll("details"));
        Assert.StartsWith(sector.Sector + " ·", details.QuerySelector("summary")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.True(plans > 1, "The synthetic data should put several entities in one sector.");
        Assert.Equal(plans, details.QuerySelectorAll("tbody tr").Length);
    }

    [Fact]
    public async Task Generator_Entities_HaveAboutAHundredIndicatorsWithSixTargetsAndValuesForTwoYears()
    {
        var plans = await app.QueryAsync(db => db.Plans.Where(p => p.Code.StartsWith(SyntheticPlans.PlanPrefix))
            .Select(p => new { p.Code, Indicators = p.Indicators.Count, Objectives = p.Objectives.Count }).ToListAsync());
        var targetsPerIndicator = await app.QueryAsync(db => db.Indicators.Where(i => i.Plan!.Code.StartsWith(SyntheticPlans.PlanPrefix))
            .Select(i => i.Targets.Count).Distinct().ToListAsync());
        var valueYears = await app.QueryAsync(db => db.Values.Where(v => v.Indicator!.Plan!.Code.StartsWith(SyntheticPlans.PlanPrefix))
            .Select(v => v.Year).Distinct().OrderBy(y => y).ToListAsync());

        Assert.Equal(Entities, first.Added + first.Existing);
        Assert.Equal(Entities, plans.Count);
        Assert.InRange(plans.Average(p => p.Indicators), 70, 130);
        Assert.All(plans, p => Assert.InRange(p.Objectives, 8, 10));
        Assert.Equal([6], targetsPerIndicator);
        Assert.Equal([2025, 2026], valueYears);
    }

    [Fact]
    public async Task Generator_RunAgain_AddsNothing()
    {
        await using var scope = app.CreateScope();

        var again = await scope.ServiceProvider.GetRequiredService<SyntheticPlans>().LoadAsync(Entities);

        Assert.Equal(0, again.Added);
        Assert.Equal(Entities, again.Existing);
        Assert.Equal(Entities, await app.QueryAsync(db => db.Institutions.CountAsync(i => i.PliegoCode.StartsWith(SyntheticPlans.PliegoPrefix))));
    }

    [Fact]
    public async Task Generator_TargetsAndValues_ObeyTheRangeRulesOfTheirUnit()
    {
        var indicators = await app.QueryAsync(db => db.Indicators.AsNoTracking().Include(i => i.Targets).Include(i => i.Values)
            .Where(i => i.Plan!.Code.StartsWith(SyntheticPlans.PlanPrefix)).ToListAsync());

        var broken = indicators.SelectMany(i => i.Targets.Select(t => (i, t.Value)).Concat(i.Values.Where(v => v.Value is not null).Select(v => (i, v.Value!.Value))))
            .Where(x => ValueRules.Check(x.i, x.Item2) is not null)
            .Select(x => $"{x.i.Key} {x.i.Unit} {x.Item2}")
            .ToList();

        Assert.Empty(broken);
        Assert.Contains(indicators, i => i.Direction == Direction.Descendente);
        Assert.Contains(indicators, i => i.Aggregation == Aggregation.Agregable);
        Assert.True(indicators.Select(i => i.Unit).Distinct().Count() >= 5);
    }

    [Fact]
    public async Task NationalView_EveryEntity_ShowsTheAvanceItsOwnDashboardShows()
    {
        var client = await CeplanAsync();
        var page = await client.GetDocumentAsync("/Tablero/Nacional?anio=2025&periodo=A");
        var code = await app.QueryAsync(db => db.Plans.Where(p => p.Code.StartsWith(SyntheticPlans.PlanPrefix)).OrderBy(p => p.Code).Select(p => p.Code).FirstAsync());

        var row = page.QuerySelectorAll("details tbody tr").Single(r => r.QuerySelector("a")!.GetAttribute("href")!.Contains("plan=" + code, StringComparison.Ordinal));
        var dashboard = await client.GetDocumentAsync(row.QuerySelector("a")!.GetAttribute("href")!);
        var avance = dashboard.QuerySelector("[data-testid=avance-plan]")!.TextContent.Trim();

        Assert.Equal(Entities + 1, page.QuerySelectorAll("details tbody tr").Length);
        Assert.Contains(avance, row.TextContent);
        Assert.Contains("Gobiernos Regionales", page.QuerySelector("[data-testid=sectores]")!.TextContent);
        Assert.Contains("Relaciones Exteriores", page.QuerySelector("[data-testid=sectores]")!.TextContent);
    }

    [Fact]
    public async Task NationalView_ValueWrittenInOnePlan_IsReflectedAtTheNextRequest()
    {
        var client = await CeplanAsync();
        var code = await app.QueryAsync(db => db.Plans.Where(p => p.Code.StartsWith(SyntheticPlans.PlanPrefix)).OrderBy(p => p.Code).Select(p => p.Code).Skip(1).FirstAsync());
        string RowOf(AngleSharp.Dom.IDocument page) =>
            page.QuerySelectorAll("details tbody tr").Single(r => r.QuerySelector("a")!.GetAttribute("href")!.Contains("plan=" + code, StringComparison.Ordinal)).TextContent;
        var before = RowOf(await client.GetDocumentAsync("/Tablero/Nacional?anio=2025&periodo=A"));

        // Every OEI indicator of the plan reaches exactly its 2025 target: the plan avance becomes 100 %.
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                DELETE FROM indicator_values v USING indicators i, plans p WHERE v.indicator_id = i.id AND i.plan_id = p.id AND p.code = @code AND v.year = 2025 AND i.objective_id IS NOT NULL;
                INSERT INTO indicator_values (indicator_id, year, period, value, status, created_by, created_at, is_demo)
                SELECT i.id, 2025, 'Anual', t.value, 'Validado', 'prueba', now(), true
                FROM indicators i JOIN plans p ON p.id = i.plan_id JOIN targets t ON t.indicator_id = i.id AND t.year = 2025
                WHERE p.code = @code AND i.objective_id IS NOT NULL AND i.direction <> 'NoDefinido';
                """, connection);
            command.Parameters.AddWithValue("code", code);
            await command.ExecuteNonQueryAsync();
        }

        var after = RowOf(await client.GetDocumentAsync("/Tablero/Nacional?anio=2025&periodo=A"));

        Assert.NotEqual(before, after);
        Assert.Contains(100m.ToString("N1", CultureInfo.GetCultureInfo("es-PE")) + " %", after);
    }

    [Fact]
    public async Task NationalView_EntityRenamedOutsideTheApp_ShowsTheNewNameAtTheNextRequest()
    {
        var client = await CeplanAsync();
        var code = await app.QueryAsync(db => db.Plans.Where(p => p.Code.StartsWith(SyntheticPlans.PlanPrefix)).OrderBy(p => p.Code).Select(p => p.Code).Skip(2).FirstAsync());
        const string url = "/Tablero/Nacional?anio=2025&periodo=A";
        string RowOf(AngleSharp.Dom.IDocument page) =>
            page.QuerySelectorAll("details tbody tr").Single(r => r.QuerySelector("a")!.GetAttribute("href")!.Contains("plan=" + code, StringComparison.Ordinal)).TextContent;
        Assert.DoesNotContain("(renombrada)", RowOf(await client.GetDocumentAsync(url)));

        // The rendered page is cached per plan version: a new entity name must move the versions of its plans.
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE institutions SET name = name || ' (renombrada)' WHERE id = (SELECT institution_id FROM plans WHERE code = @code)", connection);
            command.Parameters.AddWithValue("code", code);
            await command.ExecuteNonQueryAsync();
        }

        Assert.Contains("(renombrada)", RowOf(await client.GetDocumentAsync(url)));
    }

    [Fact]
    public async Task NationalView_RepeatedWithoutChanges_ReadsOnlyThePlansVersions()
    {
        var client = await CeplanAsync();
        const string url = "/Tablero/Nacional?anio=2025&periodo=S1";
        await client.GetAsync(url);
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"UPDATE plans SET name = name WHERE code = (SELECT min(code) FROM plans WHERE code LIKE '{SyntheticPlans.PlanPrefix}%')", connection);
            await command.ExecuteNonQueryAsync();
        }

        using var counter = new SqlCommandCounter();
        var changed = await client.GetAsync(url);
        var afterChange = counter.Count;
        counter.Reset();
        var repeated = await client.GetAsync(url);

        Assert.Equal(System.Net.HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, repeated.StatusCode);
        Assert.True(counter.Count < afterChange, $"a repeated request ran {counter.Count} SQL commands, one after a change {afterChange}");
    }

    [Fact]
    public async Task NationalView_SectorFilter_ShowsOnlyThatSectorOpen()
    {
        var client = await CeplanAsync();

        var page = await client.GetDocumentAsync("/Tablero/Nacional?anio=2025&periodo=A&sector=Gobiernos%20Regionales");

        var details = Assert.Single(page.QuerySelectorAll("details"));
        Assert.True(details.HasAttribute("open"));
        Assert.Contains("Gobiernos Regionales", details.TextContent);
    }
    private async Task<NationalRollUp> LoadAsRestartedAsync(ReportPeriod period)
    {
        // A new instance: nothing in memory, the same database.
        await using var scope = app.CreateScope();
        var services = scope.ServiceProvider;
        var service = new NationalProgressService(services.GetRequiredService<AppDbContext>(), new PlanSummaryCache(), services.GetRequiredService<PlanSummaryStore>());
        return await service.LoadAsync(period);
    }

    private static PeriodSummary? SummaryOf(NationalRollUp rollUp, string planCode) =>
        rollUp.Sectors.SelectMany(s => s.Entities).Single(e => e.PlanCode == planCode).Summary;

    private async Task<int> ExecuteAsync(string sql, string? code = null)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (code is not null)
        {
            command.Parameters.AddWithValue("code", code);
        }

        return await command.ExecuteNonQueryAsync();
    }

    private Task<string> SyntheticPlanAsync(int skip) =>
        app.QueryAsync(db => db.Plans.Where(p => p.Code.StartsWith(SyntheticPlans.PlanPrefix)).OrderBy(p => p.Code).Select(p => p.Code).Skip(skip).FirstAsync());

    [Fact]
    public async Task NationalView_Computed_StoresOneSummaryPerPlanAtItsVersion()
    {
        await (await CeplanAsync()).GetAsync("/Tablero/Nacional?anio=2025&periodo=A");

        var stale = await app.QueryAsync(db => db.Plans.CountAsync(p =>
            !db.StoredPlanSummaries.Any(s => s.PlanId == p.Id && s.DataVersion == p.DataVersion && s.Engine == PlanSummaryStore.Engine)));

        Assert.Equal(0, stale);
    }

    [Fact]
    public async Task NationalView_AfterARestart_ReadsTheStoredSummariesInsteadOfRecomputingThem()
    {
        var period = new ReportPeriod(2025, PeriodKind.Anual);
        var code = await SyntheticPlanAsync(3);
        var computed = SummaryOf(await LoadAsRestartedAsync(period), code)!;
        // Only a summary read from the table can say 12.3 %: the plan's own figures say something else.
        Assert.NotEqual(12.3m, computed.Avance);
        await ExecuteAsync("""
            UPDATE plan_summaries s SET periods = (
              SELECT jsonb_agg(CASE WHEN e->>'year' = '2025' AND e->>'kind' = '0' THEN jsonb_set(e, '{avance}', '12.3') ELSE e END)
              FROM jsonb_array_elements(s.periods) e)
            FROM plans p WHERE p.id = s.plan_id AND p.code = @code
            """, code);

        var restarted = await LoadAsRestartedAsync(period);

        var stored = SummaryOf(restarted, code)!;
        Assert.Equal(12.3m, stored.Avance);
        Assert.Equal(computed.Total, stored.Total);
    }

    [Fact]
    public async Task StoredSummary_AfterAWriteToItsPlan_IsRecomputedAndReplaced()
    {
        var period = new ReportPeriod(2025, PeriodKind.Anual);
        var code = await SyntheticPlanAsync(4);
        var truth = SummaryOf(await LoadAsRestartedAsync(period), code)!;
        await ExecuteAsync("UPDATE plan_summaries s SET periods = '[]' FROM plans p WHERE p.id = s.plan_id AND p.code = @code", code);
        Assert.Null(SummaryOf(await LoadAsRestartedAsync(period), code));

        // Any write to the plan moves its data version: the stored row no longer counts.
        await ExecuteAsync("UPDATE plans SET name = name WHERE code = @code", code);
        var after = SummaryOf(await LoadAsRestartedAsync(period), code);

        Assert.Equal(truth, after, SummaryComparer.Instance);
        Assert.True(await app.QueryAsync(db => db.StoredPlanSummaries.AnyAsync(s => db.Plans.Any(p => p.Id == s.PlanId && p.Code == code) && s.Periods != "[]")));
    }

    [Fact]
    public async Task StoredSummary_OfAnotherBuild_IsRecomputed()
    {
        var period = new ReportPeriod(2025, PeriodKind.Anual);
        var code = await SyntheticPlanAsync(5);
        var truth = SummaryOf(await LoadAsRestartedAsync(period), code)!;
        await ExecuteAsync("UPDATE plan_summaries s SET periods = '[]', engine = 'otra-version' FROM plans p WHERE p.id = s.plan_id AND p.code = @code", code);

        var after = SummaryOf(await LoadAsRestartedAsync(period), code);

        Assert.Equal(truth, after, SummaryComparer.Instance);
        Assert.Equal(PlanSummaryStore.Engine, await app.QueryAsync(db => db.StoredPlanSummaries.Where(s => db.Plans.Any(p => p.Id == s.PlanId && p.Code == code)).Select(s => s.Engine).FirstAsync()));
    }

    [Fact]
    public void StoredSummary_Json_RoundTripsEveryFigure()
    {
        var periods = new Dictionary<ReportPeriod, PeriodSummary>
        {
            [new ReportPeriod(2025, PeriodKind.Anual)] = new(87.654321m, ProgressStatus.Amarillo, new Dictionary<ProgressStatus, int> { [ProgressStatus.Verde] = 3, [ProgressStatus.SinDato] = 2 }, 4, 9),
            [new ReportPeriod(2026, PeriodKind.PrimerSemestre)] = new(null, ProgressStatus.SinDato, new Dictionary<ProgressStatus, int>(), 0, 9),
        };

        var back = PlanSummaryStore.Read(PlanSummaryStore.Write(periods));

        Assert.Equal(periods.Keys.OrderBy(k => k.Year).ThenBy(k => k.Kind), back.Keys.OrderBy(k => k.Year).ThenBy(k => k.Kind));
        Assert.All(periods, p => Assert.Equal(p.Value, back[p.Key], SummaryComparer.Instance));
    }

    private sealed class SummaryComparer : IEqualityComparer<PeriodSummary?>
    {
        public static readonly SummaryComparer Instance = new();

        public bool Equals(PeriodSummary? x, PeriodSummary? y) =>
            x is null || y is null ? x is null && y is null :
            x.Avance == y.Avance && x.Status == y.Status && x.AvanceIndicators == y.AvanceIndicators && x.ObjectiveIndicators == y.ObjectiveIndicators
            && x.Counts.OrderBy(c => c.Key).SequenceEqual(y.Counts.OrderBy(c => c.Key));

        public int GetHashCode(PeriodSummary? obj) => 0;
    }
}
