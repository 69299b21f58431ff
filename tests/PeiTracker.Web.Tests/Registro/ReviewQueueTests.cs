using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Progress;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Registro;

/// <summary>"Por validar", the planning office's landing page.</summary>
[Collection(AppCollection.Name)]
public class ReviewQueueTests(AppFixture app)
{
    /// <summary>A plan of its own followed only by year, so the open period is the previous year whatever today is.</summary>
    private async Task<(ValueTestPlan Plan, ReportPeriod Open)> AnnualPlanAsync(int indicators)
    {
        var plan = await ValueTestPlan.CreateAsync(app, indicators);
        await app.QueryAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE plans SET semester_follow_up = false WHERE code = {plan.Code}"));
        var open = ReportPeriod.Open(DateOnly.FromDateTime(PeruTime.ToLima(DateTimeOffset.UtcNow).DateTime), semesterFollowUp: false);
        return (plan, open);
    }

    private Task AddValueAsync(int indicatorId, ReportPeriod period, decimal value, ValueStatus status) =>
        app.QueryAsync(async db =>
        {
            db.Values.Add(new IndicatorValue { IndicatorId = indicatorId, Year = period.Year, Period = period.Kind, Value = value, Status = status, CreatedBy = "registrador@test.local", CreatedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task ReviewQueue_OpenPeriodPartlyReported_ShowsItsCompleteness()
    {
        var (plan, open) = await AnnualPlanAsync(indicators: 3);
        await AddValueAsync(plan.Indicators[0], open, 90m, ValueStatus.Validado);
        await AddValueAsync(plan.Indicators[1], open, 80m, ValueStatus.Enviado);
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));

        var document = await client.GetDocumentAsync($"/Registro/Revision?plan={plan.Code}");
        var card = document.QuerySelector("[data-testid=completitud]")!.TextContent;

        // Four indicators expect a value (three of the unit, one of another): two arrived, one is validated.
        Assert.Contains($"Completitud de {open.InSentence}", card);
        Assert.Contains("50.0 %", card);
        Assert.Contains("2 de 4 indicadores", card);
        Assert.Contains("1 validado(s), 1 por validar", card);
        Assert.Null(document.QuerySelector("[data-testid=administracion]"));
    }

    [Fact]
    public async Task ReviewQueue_Administrator_AlsoLeadsToAdministration()
    {
        var client = await app.LoginAsync();

        var document = await client.GetDocumentAsync("/Registro/Revision");

        var links = document.QuerySelectorAll("[data-testid=administracion] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/Administracion", links);
        Assert.Contains("/Administracion/Configuracion", links);
    }
}
