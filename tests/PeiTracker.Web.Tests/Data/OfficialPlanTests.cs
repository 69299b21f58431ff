using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Data.Seed;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Data;

/// <summary>The seeded plan against the official document (shared/seeds/003_…: Tablas 10 and 11, Anexo B-3).</summary>
[Collection(AppCollection.Name)]
public class OfficialPlanTests(AppFixture app)
{
    private const string PlanCode = "MRE-PEI-2025-2030";

    private Task<Indicator> ByKeyAsync(string key) =>
        app.QueryAsync(db => db.Indicators.Include(i => i.Targets).Include(i => i.Action).Include(i => i.Objective).SingleAsync(i => i.Plan!.Code == PlanCode && i.Key == key));

    [Fact]
    public async Task SeededPlan_HasElevenObjectivesFortyNineActionsAndEveryIndicatorOfTablas10And11()
    {
        var counts = await app.QueryAsync(async db => new
        {
            Objectives = await db.Objectives.CountAsync(o => o.Plan!.Code == PlanCode),
            Actions = await db.Actions.CountAsync(a => a.Plan!.Code == PlanCode),
            ObjectiveIndicators = await db.Indicators.CountAsync(i => i.Plan!.Code == PlanCode && i.ObjectiveId != null),
            ActionIndicators = await db.Indicators.CountAsync(i => i.Plan!.Code == PlanCode && i.ActionId != null),
        });

        Assert.Equal(11, counts.Objectives);
        Assert.Equal(49, counts.Actions);
        Assert.Equal(22, counts.ObjectiveIndicators);
        Assert.Equal(81, counts.ActionIndicators);
    }

    [Fact]
    public async Task SeededPlan_InstitutionAndPlan_AsApproved()
    {
        var plan = await app.QueryAsync(db => db.Plans.Include(p => p.Institution).SingleAsync(p => p.Code == PlanCode));

        Assert.Equal("008", plan.Institution!.PliegoCode);
        Assert.Equal("Relaciones Exteriores", plan.Institution.Sector);
        Assert.Equal("Nacional", plan.Institution.GovernmentLevel);
        Assert.Equal((2025, 2030), (plan.FirstYear, plan.LastYear));
        Assert.StartsWith("Promover, proteger y defender", plan.Mission);
    }

    [Fact]
    public async Task IndexOfPresenceInEurope_BaselineAndTargets_AsInAnexoB3()
    {
        // Anexo B-3: "AEI.01.03 … Índice de presencia y vinculación diplomática con los países de Europa 2024 0.556 0.576 0.586 0.591 0.605 0.605 0.6"
        var indicator = await ByKeyAsync("IAEI.01.03.01");

        Assert.Equal("AEI.01.03", indicator.Action!.Code);
        Assert.Equal((2024, 0.556m), (indicator.BaselineYear!.Value, indicator.BaselineValue!.Value));
        Assert.Equal([0.576m, 0.586m, 0.591m, 0.605m, 0.605m, 0.6m], indicator.Targets.OrderBy(t => t.Year).Select(t => t.Value).ToArray());
    }

    [Fact]
    public async Task BorderAgreements_BaselineAndTargets_AsInAnexoB3()
    {
        // Anexo B-3: "OEI.03 … 2023 40 43 46 49 52 55 58"
        var indicator = await ByKeyAsync("IOEI.03.01");

        Assert.Equal((2023, 40m), (indicator.BaselineYear!.Value, indicator.BaselineValue!.Value));
        Assert.Equal([43m, 46m, 49m, 52m, 55m, 58m], indicator.Targets.OrderBy(t => t.Year).Select(t => t.Value).ToArray());
    }

    [Fact]
    public async Task DuplicatedPublishedCode_IsKeptVisibleWithUniqueKeysAndRecorded()
    {
        var twins = await app.QueryAsync(db => db.Indicators.Include(i => i.Action)
            .Where(i => i.Plan!.Code == PlanCode && i.PublishedCode == "IAEI.11.03.01").ToListAsync());

        Assert.Equal(2, twins.Count);
        Assert.Equal(2, twins.Select(i => i.Key).Distinct().Count());
        Assert.Equal(["AEI.11.03", "AEI.11.11"], twins.Select(i => i.Action!.Code).Order().ToArray());
        Assert.All(twins, i => Assert.Contains("Anomalía", i.Notes));
    }

    [Fact]
    public async Task ActionMissingFromTabla11_IsPresentWithItsStatement()
    {
        var action = await app.QueryAsync(db => db.Actions.SingleAsync(a => a.Plan!.Code == PlanCode && a.Code == "AEI.08.01"));

        Assert.Contains("refugio", action.Statement);
    }

    [Fact]
    public async Task IndicatorsBeyondOurCopyOfAnexoB3_HaveNoTargetsAndSaySo()
    {
        var indicator = await ByKeyAsync("IOEI.06.01");

        Assert.Empty(indicator.Targets);
        Assert.Null(indicator.BaselineValue);
        Assert.Contains("Anexo B-3", indicator.Notes);
    }

    [Fact]
    public async Task InferredFields_AreMarkedForReview()
    {
        var indicator = await ByKeyAsync("IOEI.03.02");

        Assert.Equal(UnitOfMeasure.Porcentaje, indicator.Unit);
        Assert.True(indicator.Inferred.HasFlag(InferredFields.Unit));
    }

    [Fact]
    public async Task Seeding_Twice_ChangesNothing()
    {
        var before = await app.QueryAsync(db => db.Indicators.CountAsync());
        await using var scope = app.CreateScope();

        var seededAgain = await scope.ServiceProvider.GetRequiredService<PlanSeeder>().SeedAsync(PlanSeeder.DefaultPath);

        Assert.False(seededAgain);
        Assert.Equal(before, await app.QueryAsync(db => db.Indicators.CountAsync()));
    }
}
