using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Domain.Editing;
using PeiTracker.Web.Data.Seed;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Data;

/// <summary>These tests rewrite seeded indicators: they get a database of their own.</summary>
[CollectionDefinition(Name)]
public sealed class PlanSeedUpdateCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "seed-update";
}

/// <summary>
/// A database seeded by an earlier data file (IOEI.02.02 without its anomaly note, IAEI.02.02.02 with a null baseline)
/// seeded again by this one: the corrections arrive through the audited path, once, and a person's edit wins.
/// </summary>
[Collection(PlanSeedUpdateCollection.Name)]
public class PlanSeedUpdateTests(AppFixture app)
{
    public const string AnomalyMark = "Anomalía del documento oficial: ";

    public const string PlanCode = "MRE-PEI-2025-2030";

    [Fact]
    public async Task Update_DatabaseFromAnEarlierFile_GetsTheAnomalyNoteAndTheProvisionalBaselineOnce()
    {
        await RevertToEarlierFileAsync(app);
        var auditBefore = await app.QueryAsync(db => db.AuditEntries.CountAsync());
        var lastId = await app.QueryAsync(db => db.AuditEntries.MaxAsync(a => (long?)a.Id)) ?? 0;

        var changed = await UpdateAsync(app);
        var auditAfterFirst = await app.QueryAsync(db => db.AuditEntries.CountAsync());
        var changedAgain = await UpdateAsync(app);

        var (anomalous, provisional) = await IndicatorsAsync(app);
        Assert.Equal(2, changed);
        Assert.Contains(AnomalyMark, anomalous.Notes);
        Assert.Equal(("100 (2023)", true), (provisional.Baseline.Describe(), provisional.BaselineProvisional));
        var rows = await app.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.UserName == PlanSeeder.SeedUser && a.Id > lastId).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(
            [("IOEI.02.02", AuditFields.TranscriptionNotes), ("IAEI.02.02.02", AuditFields.TranscriptionNotes), ("IAEI.02.02.02", AuditFields.Baseline), ("IAEI.02.02.02", AuditFields.BaselineProvisional)],
            rows.Select(r => (r.Subject, r.Field)));
        Assert.Equal(("sin valor (2023)", "100 (2023)", PlanSeeder.UpdateReason), (rows[2].Before, rows[2].After, rows[2].Reason));
        Assert.Equal(auditBefore + 4, auditAfterFirst);
        Assert.Equal(0, changedAgain);
        Assert.Equal(auditAfterFirst, await app.QueryAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task Update_ProvisionalBaselineBroughtByTheFile_IsListedOnTheConsistencyPage()
    {
        await RevertToEarlierFileAsync(app);
        await UpdateAsync(app);
        var client = await app.LoginAsync();

        var page = await client.GetDocumentAsync($"/Plan/Validacion?plan={PlanCode}");

        Assert.Contains(page.QuerySelectorAll("li, tr"), e => e.TextContent.Contains("IAEI.02.02.02: la línea base 100 (2023) es provisional", StringComparison.Ordinal));
    }

    /// <summary>What the file before the articulation left in the database for the two indicators.</summary>
    internal static Task RevertToEarlierFileAsync(AppFixture app) => app.QueryAsync(async db =>
    {
        var anomalous = await db.Indicators.SingleAsync(i => i.Plan!.Code == PlanCode && i.Key == "IOEI.02.02");
        anomalous.Notes = string.Join("\n", (anomalous.Notes ?? "").Split('\n').Where(l => !l.StartsWith(AnomalyMark, StringComparison.Ordinal))) is { Length: > 0 } rest ? rest : null;
        var provisional = await db.Indicators.SingleAsync(i => i.Plan!.Code == PlanCode && i.Key == "IAEI.02.02.02");
        (provisional.BaselineValue, provisional.BaselineProvisional) = (null, false);
        provisional.Notes = string.Join("\n", (provisional.Notes ?? "").Split('\n').Where(l => !l.Contains("«2023 (*)»", StringComparison.Ordinal)));
        return await db.SaveChangesAsync();
    });

    internal static async Task<int> UpdateAsync(AppFixture app)
    {
        await using var scope = app.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PlanSeeder>().UpdateAsync(PlanSeeder.DefaultPath);
    }

    internal static Task<(Indicator Anomalous, Indicator Provisional)> IndicatorsAsync(AppFixture app) => app.QueryAsync(async db =>
        (await db.Indicators.AsNoTracking().SingleAsync(i => i.Plan!.Code == PlanCode && i.Key == "IOEI.02.02"),
         await db.Indicators.AsNoTracking().SingleAsync(i => i.Plan!.Code == PlanCode && i.Key == "IAEI.02.02.02")));
}

/// <summary>A recorded baseline edit stays in the history for good: this test gets a database of its own.</summary>
[CollectionDefinition(Name)]
public sealed class PlanSeedUpdateEditedCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "seed-update-edited";
}

[Collection(PlanSeedUpdateEditedCollection.Name)]
public class PlanSeedUpdateEditedTests(AppFixture app)
{
    private const string PlanCode = PlanSeedUpdateTests.PlanCode;

    [Fact]
    public async Task Update_BaselineAPersonEdited_KeepsTheirsAndStillBringsTheNotes()
    {
        await PlanSeedUpdateTests.RevertToEarlierFileAsync(app);
        await app.QueryAsync(async db =>
        {
            var indicator = await db.Indicators.SingleAsync(i => i.Plan!.Code == PlanCode && i.Key == "IAEI.02.02.02");
            indicator.BaselineValue = 98m;
            indicator.Notes = null;
            db.AuditEntries.Add(new AuditEntry
            {
                At = DateTimeOffset.UtcNow, UserName = "planificador@peitracker.local", Kind = AuditKind.LineaBase, Subject = indicator.Key,
                Field = AuditFields.Baseline, Before = "sin valor (2023)", After = "98 (2023)", Reason = "Confirmado con la DGPE", PlanId = indicator.PlanId, IndicatorId = indicator.Id,
            });
            return await db.SaveChangesAsync();
        });

        await PlanSeedUpdateTests.UpdateAsync(app);

        var (_, edited) = await PlanSeedUpdateTests.IndicatorsAsync(app);
        Assert.Equal(("98 (2023)", false), (edited.Baseline.Describe(), edited.BaselineProvisional));
        Assert.Contains("«2023 (*)»", edited.Notes);
    }
}
