using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Domain.Articulation;
using PeiTracker.Domain.Consistency;
using PeiTracker.Web.Data;
using PeiTracker.Web.Data.Seed;
using PeiTracker.Web.Pages.Plan;
using PeiTracker.Web.Tests.Infrastructure;
using static PeiTracker.Web.Tests.Infrastructure.OfficialDocument;

namespace PeiTracker.Web.Tests.Plan;

/// <summary>These tests edit and reseed the articulation: they get a database of their own.</summary>
[CollectionDefinition(Name)]
public sealed class ArticulationWritesCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "articulation-writes";
}

/// <summary>The Articulación page shows the document's links; the planning office edits them with a reason and a true history.</summary>
[Collection(ArticulationWritesCollection.Name)]
public class ArticulationTests(AppFixture app)
{
    private const string PlanCode = "MRE-PEI-2025-2030";

    [Fact]
    public async Task Page_ShowsEachOeisPesemLinkWithTheDocumentsCausalTextAndEachAeisPolicyService()
    {
        var client = await app.LoginAsync();
        var causal = Clean(AnexoB1.Single(l => l.StartsWith("La relación causal entre el OEI.10 con la AES.01.01", StringComparison.Ordinal)));
        var service = Cells(AnexoB2.Single(l => l.Contains("AEI.01.01", StringComparison.Ordinal))).Single(c => c.StartsWith("Defensa oportuna", StringComparison.Ordinal));

        var page = await client.GetDocumentAsync($"/Plan/Articulacion?plan={PlanCode}");

        var link = page.QuerySelector("section[data-code='OEI.10'] .sectoral-link[data-target='AES.01.01']")!;
        Assert.Contains(causal, link.TextContent.Replace("\n", " ", StringComparison.Ordinal));
        Assert.Contains("Eje 1 Lin. 1.3", page.QuerySelector("section[data-code='OEI.10'] dd.pgg")!.TextContent);
        var row = page.QuerySelector("tr[data-code='AEI.01.01']")!;
        Assert.Contains(service, row.QuerySelector(".policy-link")!.TextContent);
        Assert.Contains("IAEI.01.01.02", row.QuerySelector(".policy-link a.code")!.TextContent);
        Assert.Contains("No priorizado", page.QuerySelector("tr[data-code='AEI.01.05'] td.pgg")!.TextContent);
        Assert.Contains("Sin fila en el Anexo B-1", page.QuerySelector("section[data-code='OEI.01']")!.TextContent);
    }

    [Fact]
    public async Task PlanTree_SaysWhatEachOeiContributesTo()
    {
        var client = await app.LoginAsync();

        var page = await client.GetDocumentAsync($"/Plan?plan={PlanCode}");

        var summary = page.QuerySelector("section[aria-labelledby='oei-OEI.06'] .articulation-summary")!.TextContent;
        Assert.Contains("PGG Eje 1 Lin. 1.3", summary);
        Assert.Contains("AES.01.06 del PESEM", summary);
        Assert.NotNull(page.QuerySelector($"a[href='/Plan/Articulacion?plan={PlanCode}']"));
    }

    [Fact]
    public async Task TableroPages_OeiAndAei_SayWhatTheyContributeTo()
    {
        var objective = await app.QueryAsync(db => db.Objectives.AsNoTracking().SingleAsync(o => o.Plan!.Code == PlanCode && o.Code == "OEI.10"));
        var action = await ActionAsync("AEI.01.01");
        var client = await app.LoginAsync();

        var oei = (await client.GetDocumentAsync($"/Tablero/Objetivo/{objective.Id}?plan={PlanCode}")).QuerySelector(".contributes-to")!.TextContent;
        var aei = (await client.GetDocumentAsync($"/Tablero/Accion/{action.Id}?plan={PlanCode}")).QuerySelector(".contributes-to")!.TextContent;

        Assert.Contains($"PGG {objective.Pgg.Describe()}; AES.01.01 del PESEM 2024-2030", oei);
        Assert.Contains($"PGG {action.Pgg.Describe()}; Política Nacional Marítima 2019 – 2030 (servicio 1.1)", aei);
    }

    [Fact]
    public async Task Validation_ListsArticulationGapsAndTheProvisionalBaseline()
    {
        var client = await app.LoginAsync();

        var page = await client.GetDocumentAsync($"/Plan/Validacion?plan={PlanCode}");

        Assert.Contains("IAEI.02.02.02", page.QuerySelector($"table[data-kind='{PlanConsistencyChecker.ProvisionalBaseline}']")!.TextContent);
        var withoutPesem = page.QuerySelector($"table[data-kind='{PlanConsistencyChecker.WithoutPesem}']")!.TextContent;
        Assert.Contains("OEI.01", withoutPesem);
        Assert.DoesNotContain("OEI.10", withoutPesem);
        var withoutPgg = page.QuerySelector($"table[data-kind='{PlanConsistencyChecker.WithoutPgg}']")!.TextContent;
        Assert.Contains("AEI.09.01", withoutPgg);
        Assert.DoesNotContain("AEI.01.05", withoutPgg);
    }

    [Fact]
    public async Task EditPgg_UnknownToLinked_SavedWithHistoryBeforeSinDatoAfterEjeAndLineamiento()
    {
        var action = await ActionAsync("AEI.06.03");
        Assert.Equal(PggStatus.SinDato, action.PggStatus);
        var client = await app.LoginAsync();

        var response = await client.PostFormAsync($"/Plan/Accion/{action.Id}/Pgg",
            [("Input.Status", "Vinculado"), ("Input.Eje", "1"), ("Input.Lineamiento", "1.3"), ("Input.Reason", "Confirmado con el PDF original")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var audit = await client.GetDocumentAsync($"/Auditoria?elemento={action.Code}&tipo={AuditKind.Articulacion}");
        var row = audit.QuerySelectorAll("table.audit-table tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).Single();
        Assert.Equal((ArticulationAuditFields.Pgg, "Sin dato", "Eje 1 Lin. 1.3", "Confirmado con el PDF original"), (row[4], row[5], row[6], row[7]));
        Assert.Equal(PggAlignment.Linked(1, "1.3"), (await ActionAsync("AEI.06.03")).Pgg);
        var page = await client.GetDocumentAsync($"/Plan/Articulacion?plan={PlanCode}");
        Assert.Contains("Eje 1 Lin. 1.3", page.QuerySelector("tr[data-code='AEI.06.03'] td.pgg")!.TextContent);
    }

    [Fact]
    public async Task EditPgg_LineamientoOfAnotherEje_IsRefusedWithTheMessageAndChangesNothing()
    {
        var objective = await app.QueryAsync(db => db.Objectives.AsNoTracking().SingleAsync(o => o.Plan!.Code == PlanCode && o.Code == "OEI.03"));
        var client = await app.LoginAsync();
        var auditRows = await AuditCountAsync();

        var response = await client.PostFormAsync($"/Plan/Objetivo/{objective.Id}/Pgg",
            [("Input.Status", "Vinculado"), ("Input.Eje", "10"), ("Input.Lineamiento", "6.1"), ("Input.Reason", "Prueba")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal(ArticulationMessages.PggLineamiento(10), page.QuerySelector("[data-valmsg-for='Input.Pgg']")!.TextContent.Trim());
        Assert.Equal(objective.Pgg, (await app.QueryAsync(db => db.Objectives.AsNoTracking().SingleAsync(o => o.Id == objective.Id))).Pgg);
        Assert.Equal(auditRows, await AuditCountAsync());
    }

    [Fact]
    public async Task EditPgg_SavedByAnotherPersonInBetween_IsAConflictAndKeepsTheirs()
    {
        var action = await ActionAsync("AEI.07.01");
        var first = await app.LoginAsync();
        var second = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var stale = await second.ReadFormAsync($"/Plan/Accion/{action.Id}/Pgg");

        await first.PostFormAsync($"/Plan/Accion/{action.Id}/Pgg", [("Input.Status", "NoPriorizado"), ("Input.Eje", ""), ("Input.Lineamiento", ""), ("Input.Reason", "Según el PDF")]);
        var response = await stale.PostAsync(second, ("Input.Status", "Vinculado"), ("Input.Eje", "1"), ("Input.Lineamiento", "1.3"), ("Input.Reason", "Otra lectura"));

        Assert.Contains(EditarEnunciadoModel.ConflictText, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(PggStatus.NoPriorizado, (await ActionAsync("AEI.07.01")).PggStatus);
    }

    [Fact]
    public async Task EditCausalText_HistoryHasTheSeededTextBeforeAndTheNewTextAfter()
    {
        var link = await app.QueryAsync(db => db.SectoralLinks.AsNoTracking().Include(l => l.Objective)
            .SingleAsync(l => l.Plan!.Code == PlanCode && l.SectoralAction!.Code == "AES.01.06"));
        var client = await app.LoginAsync();

        var response = await client.PostFormAsync($"/Plan/Articulacion/Relacion/{link.Id}",
            [("Input.CausalExplanation", "La presencia cultural del OEI.06 es la AES.01.06 del PESEM."), ("Input.Reason", "Síntesis aprobada")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Subject == "OEI.06" && a.Kind == AuditKind.Articulacion).ToListAsync());
        var entry = Assert.Single(stored);
        Assert.Equal(("Relación causal con AES.01.06", link.CausalExplanation, "La presencia cultural del OEI.06 es la AES.01.06 del PESEM.", "Síntesis aprobada"),
            (entry.Field, entry.Before, entry.After, entry.Reason));
        Assert.Equal(link.PlanId, entry.PlanId);
    }

    [Fact]
    public async Task Seeder_DatabaseLoadedBeforeTheArticulation_GainsItOnce()
    {
        var before = await SnapshotAsync();
        await app.QueryAsync(async db =>
        {
            await db.PolicyLinks.ExecuteDeleteAsync();
            await db.SectoralLinks.ExecuteDeleteAsync();
            await db.NationalPolicies.ExecuteDeleteAsync();
            await db.SectoralPlans.ExecuteDeleteAsync();
            await db.Objectives.ExecuteUpdateAsync(s => s.SetProperty(o => o.PggStatus, PggStatus.SinDato).SetProperty(o => o.PggEje, (int?)null).SetProperty(o => o.PggLineamiento, (string?)null).SetProperty(o => o.ArticulationNotes, (string?)null));
            return await db.Actions.ExecuteUpdateAsync(s => s.SetProperty(a => a.PggStatus, PggStatus.SinDato).SetProperty(a => a.PggEje, (int?)null).SetProperty(a => a.PggLineamiento, (string?)null)
                .SetProperty(a => a.ResponsibleUnitAsPrinted, (string?)null).SetProperty(a => a.ArticulationNotes, (string?)null));
        });
        Assert.NotEqual(before, await SnapshotAsync());
        await using var scope = app.CreateScope();
        var seeder = scope.ServiceProvider.GetRequiredService<ArticulationSeeder>();

        Assert.True(await seeder.SeedAsync(PlanSeeder.DefaultPath));
        var afterFirst = await SnapshotAsync();
        Assert.False(await seeder.SeedAsync(PlanSeeder.DefaultPath));

        Assert.Equal(afterFirst, await SnapshotAsync());
        // Other tests of this class may have edited a PGG vinculación before; the rest must come back exactly.
        Assert.Equal(before.Split('#')[1..], afterFirst.Split('#')[1..]);
        Assert.DoesNotContain("SinDato", afterFirst.Split('#')[0].Split('|').Single(a => a.StartsWith("AEI.01.01", StringComparison.Ordinal)));
    }

    private Task<StrategicAction> ActionAsync(string code) =>
        app.QueryAsync(db => db.Actions.AsNoTracking().SingleAsync(a => a.Plan!.Code == PlanCode && a.Code == code));

    private Task<int> AuditCountAsync() => app.QueryAsync(db => db.AuditEntries.CountAsync());

    /// <summary>Every articulation fact of the plan, by code, in one comparable text.</summary>
    private Task<string> SnapshotAsync() => app.QueryAsync(async db =>
    {
        var pgg = await db.Actions.Where(a => a.Plan!.Code == PlanCode).OrderBy(a => a.Code).Select(a => a.Code + a.PggStatus + a.PggEje + a.PggLineamiento + a.ResponsibleUnitAsPrinted).ToListAsync();
        var links = await db.SectoralLinks.OrderBy(l => l.Objective!.Code).ThenBy(l => l.SectoralAction!.Code).Select(l => l.Objective!.Code + l.SectoralAction!.Code + l.CoversAllActions).ToListAsync();
        var policyLinks = await db.PolicyLinks.OrderBy(l => l.SortOrder).Select(l => l.Action!.Code + l.Indicator!.Key + l.PolicyService!.Statement).ToListAsync();
        var services = await db.PolicyServices.CountAsync();
        var actions = await db.SectoralActions.CountAsync();
        return string.Join("|", pgg) + "#" + string.Join("|", links) + "#" + string.Join("|", policyLinks) + $"#{services}#{actions}";
    });
}
