using Microsoft.EntityFrameworkCore;
using Npgsql;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Progress;

/// <summary>
/// Computed progress is cached per plan and data version. The version is kept by database triggers,
/// so every kind of write, including one made outside this application instance, is seen at once.
/// </summary>
[Collection(AppCollection.Name)]
public class ProgressCacheTests(AppFixture app)
{
    private const string Plan = "MRE-PEI-2025-2030";

    private async Task<long> VersionAsync() =>
        await app.QueryAsync(db => db.Plans.Where(p => p.Code == Plan).Select(p => p.DataVersion).SingleAsync());

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static TheoryData<string, string> Writes => new()
    {
        { "value", "INSERT INTO indicator_values (indicator_id, year, period, value, status, created_by, created_at, is_demo) SELECT min(i.id), 2030, 'SegundoSemestre', 1, 'Borrador', 'prueba', now(), false FROM indicators i JOIN plans p ON p.id = i.plan_id WHERE p.code = 'MRE-PEI-2025-2030' ON CONFLICT (indicator_id, year, period) DO UPDATE SET comment = coalesce(indicator_values.comment, '') || '.'" },
        { "target", "UPDATE targets SET value = value WHERE id = (SELECT min(t.id) FROM targets t JOIN indicators i ON i.id = t.indicator_id JOIN plans p ON p.id = i.plan_id WHERE p.code = 'MRE-PEI-2025-2030')" },
        { "indicator", "UPDATE indicators SET relevance = relevance WHERE id = (SELECT min(i.id) FROM indicators i JOIN plans p ON p.id = i.plan_id WHERE p.code = 'MRE-PEI-2025-2030')" },
        { "objective", "UPDATE objectives SET priority = priority WHERE plan_id = (SELECT id FROM plans WHERE code = 'MRE-PEI-2025-2030')" },
        { "action", "UPDATE actions SET priority = priority WHERE plan_id = (SELECT id FROM plans WHERE code = 'MRE-PEI-2025-2030')" },
        { "plan settings", "UPDATE plans SET green_threshold = green_threshold WHERE code = 'MRE-PEI-2025-2030'" },
        { "unit", "UPDATE organizational_units SET name = name WHERE institution_id = (SELECT institution_id FROM plans WHERE code = 'MRE-PEI-2025-2030')" },
        { "institution", "UPDATE institutions SET name = name WHERE id = (SELECT institution_id FROM plans WHERE code = 'MRE-PEI-2025-2030')" },
        { "responsible unit", "UPDATE indicator_responsible_units SET unit_id = unit_id WHERE indicator_id = (SELECT min(i.id) FROM indicators i JOIN plans p ON p.id = i.plan_id WHERE p.code = 'MRE-PEI-2025-2030')" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task DataVersion_AnyWriteToThePlansData_MovesForward(string what, string sql)
    {
        var before = await VersionAsync();

        await ExecuteAsync(sql);

        Assert.True(await VersionAsync() > before, $"a change to {what} did not move the plan's data version");
    }

    [Fact]
    public async Task DataVersion_WriteToAnotherPlansData_LeavesThisPlanAlone()
    {
        var before = await VersionAsync();

        await ExecuteAsync("UPDATE targets SET value = value WHERE indicator_id IN (SELECT i.id FROM indicators i JOIN plans p ON p.id = i.plan_id WHERE p.code <> 'MRE-PEI-2025-2030')");

        Assert.Equal(before, await VersionAsync());
    }

    [Fact]
    public async Task Dashboard_ValueChangedOutsideTheApp_ShowsTheNewFigureAtOnce()
    {
        var client = await app.LoginAsync();
        // A plan of its own: the value written by hand below must not land on an indicator another test enters values for.
        var plan = await ValueTestPlan.CreateAsync(app, 1);
        var indicatorId = plan.Indicators[0];
        // The dashboard's link carries its period and a way back, after the indicator's address.
        var link = $"/Plan/Indicador/{indicatorId}";
        var dashboard = $"/Tablero?plan={plan.Code}&anio=2025&periodo=A&pendientes=true";
        async Task<string> RowAsync() => (await client.GetDocumentAsync(dashboard)).QuerySelectorAll("table.indicator-table tbody tr")
            .Single(r => r.QuerySelector("a.code")?.GetAttribute("href")?.StartsWith(link + "?", StringComparison.Ordinal) == true).TextContent;
        Assert.Contains("Sin dato", await RowAsync());

        // Another instance (or psql) writes the value: this instance's cache must not hide it.
        await ExecuteAsync($"INSERT INTO indicator_values (indicator_id, year, period, value, status, created_by, created_at, is_demo) VALUES ({indicatorId}, 2025, 'Anual', {ValueTestPlan.OnTarget}, 'Validado', 'otra-instancia', now(), false)");

        Assert.Contains("Verde", await RowAsync());
    }

    [Fact]
    public async Task Dashboard_RepeatedWithoutChanges_DoesNotReadThePlanTreeAgain()
    {
        var client = await app.LoginAsync();
        var url = $"/Tablero?plan={Plan}&anio=2025&periodo=A";
        await client.GetAsync(url);
        await ExecuteAsync($"UPDATE plans SET name = name WHERE code = '{Plan}'");
        using var counter = new SqlCommandCounter();

        await client.GetAsync(url);
        var afterChange = counter.Count;
        counter.Reset();
        await client.GetAsync(url);

        Assert.True(counter.Count < afterChange, $"a repeated request ran {counter.Count} SQL commands, one after a change {afterChange}");
    }
}
