using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Registro;

/// <summary>
/// /Registro/Completitud: for a seeded set of values and a deadline placed around today, each unit's counts per state,
/// its days late as the clock moves, the links behind the counts, and the same figures in the .xlsx.
/// </summary>
[Collection(MailCollection.Name)]
public class CompletenessBoardTests(MailFixture app)
{
    /// <summary>Values stored at a fixed instant, so the board's "Datos al" is known.</summary>
    private static readonly DateTimeOffset ValuesAt = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);

    private DateOnly Today => DateOnly.FromDateTime(PeruTime.ToLima(app.Clock.GetUtcNow()).DateTime);

    private sealed record Seeded(ValueTestPlan Plan, int OtherUnitId, string UnitName, string UnitAcronym, string OtherUnitName);

    /// <summary>
    /// Four indicators of the unit in 2025: one validated, one sent, one observed, one with nothing; the other unit's
    /// indicator has a draft. The 2025 deadline is <paramref name="deadlineFromToday"/> days from today (Lima).
    /// </summary>
    private async Task<Seeded> SeedAsync(int deadlineFromToday)
    {
        var plan = await ValueTestPlan.CreateAsync(app, indicators: 4);
        var today = Today;
        return await app.QueryAsync(async db =>
        {
            var planId = await db.Indicators.Where(i => i.Id == plan.Indicators[0]).Select(i => i.PlanId).SingleAsync();
            IndicatorValue Value(int indicatorId, ValueStatus status) => new()
            {
                IndicatorId = indicatorId, Year = 2025, Period = PeriodKind.Anual, Value = 100m, Status = status, CreatedBy = "r@test.local", CreatedAt = ValuesAt,
            };
            db.Values.AddRange(Value(plan.Indicators[0], ValueStatus.Validado), Value(plan.Indicators[1], ValueStatus.Enviado),
                Value(plan.Indicators[2], ValueStatus.Observado), Value(plan.OtherUnitIndicator, ValueStatus.Borrador));
            db.PeriodDeadlines.Add(new PeriodDeadline { PlanId = planId, Year = 2025, Period = PeriodKind.Anual, DueDate = today.AddDays(deadlineFromToday) });
            await db.SaveChangesAsync();
            var otherUnit = await db.IndicatorResponsibleUnits.Where(u => u.IndicatorId == plan.OtherUnitIndicator).Select(u => u.Unit!).SingleAsync();
            var unit = await db.OrganizationalUnits.SingleAsync(u => u.Id == plan.UnitId);
            return new Seeded(plan, otherUnit.Id, unit.Name, unit.Acronym, otherUnit.Name);
        });
    }

    private static Dictionary<string, string> Counts(IDocument page, int unitId, string period) =>
        page.QuerySelectorAll($"td[data-unit='{unitId}'][data-period='{period}'] li[data-count]")
            .ToDictionary(li => li.GetAttribute("data-count")!, li => System.Text.RegularExpressions.Regex.Replace(li.TextContent.Trim(), @"\s+", " "));

    public static TheoryData<int, int, string, string> Deadlines => new()
    {
        // Days from today to the deadline, days the clock then moves, what the unit's cell reads before and after.
        { -5, 3, "Atraso: 5 día(s)", "Atraso: 8 día(s)" },
        { 0, 1, "Sin atraso", "Atraso: 1 día(s)" },
        { 2, 1, "Sin atraso", "Sin atraso" },
    };

    [Theory]
    [MemberData(nameof(Deadlines))]
    public async Task Board_CountsEachStateAndTheDaysLateAsTheClockMoves(int deadlineFromToday, int daysMoved, string lateBefore, string lateAfter)
    {
        var seeded = await SeedAsync(deadlineFromToday);
        var planner = await app.CreateUserAsync(Roles.Planificador);
        var office = await app.LoginAsync(planner);
        var url = $"/Registro/Completitud?plan={seeded.Plan.Code}&anio=2025";

        var page = await office.GetDocumentAsync(url);
        var unit = Counts(page, seeded.Plan.UnitId, "2025-A");
        var other = Counts(page, seeded.OtherUnitId, "2025-A");

        Assert.Equal(new Dictionary<string, string>
        {
            ["sin-valor"] = "Sin valor: 1", ["borrador"] = "Borrador: 0", ["enviado"] = "Enviados: 1", ["observado"] = "Observados: 1", ["validado"] = "Validados: 1", ["atraso"] = lateBefore,
        }, unit);
        Assert.Equal("Borrador: 1", other["borrador"]);
        Assert.Equal("Sin valor: 0", other["sin-valor"]);
        Assert.Equal(lateBefore, other["atraso"]);

        app.Clock.Advance(TimeSpan.FromDays(daysMoved));
        // The sign-in cookie ages with the clock too: a new session reads the board days later.
        var later = Counts(await (await app.LoginAsync(planner)).GetDocumentAsync(url), seeded.Plan.UnitId, "2025-A");
        Assert.Equal(lateAfter, later["atraso"]);
    }

    [Fact]
    public async Task Board_EveryCountLeadsToTheValuesItCounts()
    {
        var seeded = await SeedAsync(-1);
        var office = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var page = await office.GetDocumentAsync($"/Registro/Completitud?plan={seeded.Plan.Code}&anio=2025");
        string LinkOf(int unitId, string count) => page.QuerySelector($"td[data-unit='{unitId}'][data-period='2025-A'] li[data-count='{count}'] a")!.GetAttribute("href")!;

        var sent = await office.GetDocumentAsync(LinkOf(seeded.Plan.UnitId, "enviado"));
        var observed = await office.GetDocumentAsync(LinkOf(seeded.Plan.UnitId, "observado"));
        var drafts = await office.GetAsync(LinkOf(seeded.OtherUnitId, "borrador"));
        var pending = await office.GetAsync(LinkOf(seeded.Plan.UnitId, "sin-valor"));

        Assert.Equal($"/Registro/Revision?plan={seeded.Plan.Code}&unidad={seeded.Plan.UnitId}&estado=Enviado&anio=2025&periodo=A", LinkOf(seeded.Plan.UnitId, "enviado"));
        Assert.Contains("IOEI.01.02", sent.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("IOEI.01.03", sent.QuerySelector("main table")?.TextContent ?? "");
        Assert.Contains("IOEI.01.03", observed.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, drafts.StatusCode);
        Assert.Contains("IOEI.01.05", await drafts.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, pending.StatusCode);
        Assert.Contains("IOEI.01.04", await pending.Content.ReadAsStringAsync());
        Assert.Null(page.QuerySelector($"td[data-unit='{seeded.Plan.UnitId}'] li[data-count='borrador'] a"));
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/Registro/Completitud?handler=Xlsx&plan={seeded.Plan.Code}&anio=2025");
    }

    [Fact]
    public async Task Board_Xlsx_CarriesTheSameCountsAndTheValuesDatosAl()
    {
        var seeded = await SeedAsync(-4);
        var office = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));

        var response = await office.GetAsync($"/Registro/Completitud?handler=Xlsx&plan={seeded.Plan.Code}&anio=2025");

        Assert.Equal(XlsxWriter.ContentType, response.Content.Headers.ContentType!.MediaType);
        var xlsx = new XlsxReader(await response.Content.ReadAsByteArrayAsync(), CompletenessReport.Sheet);
        Assert.Equal(DataAsOf.Label(ValuesAt), xlsx.Text("B4"));
        Assert.Equal(CompletenessReport.Columns, Enumerable.Range(0, CompletenessReport.Columns.Length).Select(c => xlsx.Text(CompletenessReport.HeaderRow, c)));
        int RowOf(string unit) => Enumerable.Range(1, xlsx.LastRow).Single(r => xlsx.Text(r, 0) == unit && xlsx.Text(r, 2) == "Año 2025");
        var row = RowOf(seeded.UnitName);
        Assert.Equal((seeded.UnitAcronym, "Año 2025", Today.AddDays(-4).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)), (xlsx.Text(row, 1), xlsx.Text(row, 2), xlsx.Text(row, 3)));
        Assert.Equal(new decimal?[] { 4, 1, 0, 1, 1, 1, 4 }, Enumerable.Range(4, 7).Select(c => xlsx.Number(row, c)));
        var other = RowOf(seeded.OtherUnitName);
        Assert.Equal(new decimal?[] { 1, 0, 1, 0, 0, 0, 4 }, Enumerable.Range(4, 7).Select(c => xlsx.Number(other, c)));
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Kind == AuditKind.Exportacion && a.Subject == "Completitud del reporte" && a.After!.StartsWith($"completitud-{seeded.Plan.Code}-2025.xlsx"))));
    }

    [Fact]
    public async Task Board_IsThePlanningOfficesOnly()
    {
        var seeded = await SeedAsync(0);
        var reader = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));

        var response = await reader.GetAsync($"/Registro/Completitud?plan={seeded.Plan.Code}");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
