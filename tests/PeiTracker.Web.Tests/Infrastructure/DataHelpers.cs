using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Tests.Infrastructure;

public static class DataHelpers
{
    /// <summary>
    /// The n-th indicator (by id) that has a baseline and a target for every plan year. Tests that
    /// change data each take their own n, so they never step on each other in the shared database.
    /// </summary>
    public static async Task<Indicator> IndicatorWithFullDataAsync(this AppFixture app, int n)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var candidates = await db.Indicators.AsNoTracking()
            .Include(i => i.Targets)
            .Include(i => i.Plan)
            .Where(i => i.BaselineValue != null && i.Targets.Count == 6)
            .OrderBy(i => i.Id)
            .ToListAsync();
        return candidates[n];
    }

    public static async Task<T> QueryAsync<T>(this AppFixture app, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await query(db);
    }

    /// <summary>
    /// A new draft plan 2025-2030 of the home institution with one OEI, added to the context but not saved, so a test
    /// controls every indicator and value in it.
    /// </summary>
    public static async Task<TestPlan> AddTestPlanAsync(this AppDbContext db, string code)
    {
        var institution = await db.Institutions.Include(i => i.Units).SingleAsync(i => i.PliegoCode == HomeInstitution.PliegoCode);
        var plan = new Domain.Plan { Institution = institution, Code = code, Name = "Plan de prueba " + code, FirstYear = 2025, LastYear = 2030, Status = PlanStatus.Borrador };
        var objective = new StrategicObjective { Plan = plan, Code = "OEI.01", Statement = "Objetivo de prueba", Priority = 1, Type = ObjectiveType.TipoI };
        plan.Objectives.Add(objective);
        db.Plans.Add(plan);
        return new TestPlan(plan, objective, institution);
    }
}

public sealed record TestPlan(Domain.Plan Plan, StrategicObjective Objective, Institution Institution)
{
    /// <summary>An indicator of the OEI: a number, línea base 10 in 2024, logro esperado 100 every year, the institution's first unit responsible.</summary>
    public Indicator AddIndicator(string key, string? name = null)
    {
        var indicator = new Indicator
        {
            Plan = Plan, Objective = Objective, Key = key, PublishedCode = key, Name = name ?? "Indicador " + key, Unit = UnitOfMeasure.Numero,
            BaselineYear = 2024, BaselineValue = 10m, Targets = Enumerable.Range(2025, 6).Select(y => new AnnualTarget { Year = y, Value = 100m }).ToList(),
        };
        indicator.ResponsibleUnits.Add(new IndicatorResponsibleUnit { Indicator = indicator, Unit = Institution.Units[0] });
        Plan.Indicators.Add(indicator);
        return indicator;
    }
}
