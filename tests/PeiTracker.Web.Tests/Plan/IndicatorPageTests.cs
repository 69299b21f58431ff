using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Plan;

[Collection(AppCollection.Name)]
public class IndicatorPageTests(AppFixture app)
{
    [Fact]
    public async Task IndicatorPage_SeededIndicator_ShowsFichaBaselineAndTargets()
    {
        var indicator = await app.IndicatorWithFullDataAsync(0);
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));

        var page = await client.GetDocumentAsync($"/Plan/Indicador/{indicator.Id}");

        Assert.Contains(indicator.Name, page.QuerySelector("h1")!.TextContent);
        var rows = page.QuerySelectorAll("table.table-targets tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(7, rows.Count);
        Assert.Contains($"Línea base {indicator.BaselineYear}", rows[0]);
        Assert.Contains("Logro esperado 2030", rows[6]);
        Assert.NotNull(page.QuerySelector("#ficha"));
    }

    [Fact]
    public async Task IndicatorPage_Consulta_HasNoEditButtons()
    {
        var indicator = await app.IndicatorWithFullDataAsync(0);
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));

        var page = await client.GetDocumentAsync($"/Plan/Indicador/{indicator.Id}");

        Assert.Null(page.QuerySelector($"a[href='/Plan/Indicador/{indicator.Id}/Editar']"));
    }

    [Fact]
    public async Task IndicatorPage_UnknownId_Returns404()
    {
        var client = await app.LoginAsync();

        var response = await client.GetAsync("/Plan/Indicador/999999");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>
    /// A plan of its own with two indicators: one with a single value, one with a value in every period of
    /// 2025-2030 (18), each with two evidence files and a history entry.
    /// </summary>
    private async Task<(string PlanCode, int Few, int Many)> CreatePlanAsync(string code)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var test = await db.AddTestPlanAsync(code);
        IndicatorValue NewValue(int year, PeriodKind period) => new()
        {
            Year = year, Period = period, Value = 50m, Status = ValueStatus.Validado, CreatedBy = "prueba", CreatedAt = DateTimeOffset.UtcNow,
            Evidence = Enumerable.Range(1, 2).Select(n => new Evidence
            {
                FileName = $"acta-{year}-{period}-{n}.pdf", ContentType = "application/pdf", Size = 4096, Sha256 = new string('0', 64),
                Content = new byte[4096], UploadedBy = "prueba", UploadedAt = DateTimeOffset.UtcNow,
            }).ToList(),
        };

        var few = test.AddIndicator("IOEI.01.01");
        few.Values.Add(NewValue(2025, PeriodKind.Anual));
        var many = test.AddIndicator("IOEI.01.02");
        foreach (var year in Enumerable.Range(2025, 6))
        {
            foreach (var period in new[] { PeriodKind.PrimerSemestre, PeriodKind.SegundoSemestre, PeriodKind.Anual })
            {
                many.Values.Add(NewValue(year, period));
            }
        }

        await db.SaveChangesAsync();
        db.AuditEntries.AddRange(many.Values.Select(v => new AuditEntry
        {
            At = DateTimeOffset.UtcNow, Kind = AuditKind.Valor, UserName = "prueba", Subject = $"Valor {v.Period} {v.Year}",
            IndicatorId = many.Id, PlanId = test.Plan.Id, InstitutionId = test.Institution.Id, Field = "Valor", After = "50", Reason = "Carga de prueba",
        }));
        await db.SaveChangesAsync();
        return (code, few.Id, many.Id);
    }

    private async Task<int> CommandsOfAsync(HttpClient client, string path, string? planCodeToChange)
    {
        if (planCodeToChange is not null)
        {
            await app.QueryAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE plans SET name = name WHERE code = {planCodeToChange}"));
        }

        using var counter = new SqlCommandCounter();
        var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return counter.Count;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task IndicatorPage_QueryCount_DoesNotGrowWithTheNumberOfValues(bool afterAChange)
    {
        var (code, few, many) = await CreatePlanAsync(afterAChange ? "TEST-IND-N1-C" : "TEST-IND-N1");
        var client = await app.LoginAsync();
        await client.GetAsync($"/Plan/Indicador/{few}");
        await client.GetAsync($"/Plan/Indicador/{many}");

        // Either both requests find the plan's cached sheet and progress current, or both find them out of date.
        var small = await CommandsOfAsync(client, $"/Plan/Indicador/{few}", afterAChange ? code : null);
        var large = await CommandsOfAsync(client, $"/Plan/Indicador/{many}", afterAChange ? code : null);

        Assert.InRange(small, 1, afterAChange ? 25 : 8);
        Assert.Equal(small, large);
    }

    [Fact]
    public async Task IndicatorPage_ManyValues_ListsEveryValueWithItsEvidenceAndHistory()
    {
        var (_, _, many) = await CreatePlanAsync("TEST-IND-VALORES");
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));

        var page = await client.GetDocumentAsync($"/Plan/Indicador/{many}");

        var rows = page.QuerySelectorAll("table.values-table tbody tr").ToList();
        Assert.Equal(18, rows.Count);
        Assert.StartsWith("Anual 2025", rows[0].TextContent.Trim());
        Assert.Equal(["acta-2030-SegundoSemestre-1.pdf", "acta-2030-SegundoSemestre-2.pdf"], rows[^1].QuerySelectorAll("a").Select(a => a.TextContent).ToArray());
        Assert.Equal(36, page.QuerySelectorAll("table.values-table a[href^='/Registro/Evidencia/']").Length);
        Assert.Equal(18, page.QuerySelectorAll("table.history-table tbody tr").Length);
    }
}
