using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain.Articulation;
using PeiTracker.Web.Data.Seed;
using PeiTracker.Web.Tests.Infrastructure;
using static PeiTracker.Web.Tests.Infrastructure.OfficialDocument;

namespace PeiTracker.Web.Tests.Data;

/// <summary>
/// The seeded articulation against the document's own lines: the Ruta estratégica's PGG and UO columns, the
/// Anexo B-1 (PESEM) and the Anexo B-2 (national policies). Every expected cell is found in the document.
/// </summary>
[Collection(AppCollection.Name)]
public partial class ArticulationTranscriptionTests(AppFixture app)
{
    private const string PlanCode = "MRE-PEI-2025-2030";

    [Fact]
    public async Task Ruta_EveryAeiWithAPggOrUnit_MatchesTheCellsPrintedOnItsLine()
    {
        var actions = await app.QueryAsync(db => db.Actions.AsNoTracking().Where(a => a.Plan!.Code == PlanCode).ToListAsync());
        var rows = RutaEstrategica.Select(Cells).ToList();

        foreach (var action in actions.Where(a => a.PggStatus != PggStatus.SinDato || a.ResponsibleUnitAsPrinted is not null))
        {
            var cells = rows.Single(r => r.Any(c => SameCode(c, action.Code)));
            var after = cells.SkipWhile(c => !SameCode(c, action.Code)).Skip(2).ToList();
            if (action.PggStatus != PggStatus.SinDato)
            {
                Assert.True(after.Any(c => Squash(c) == Squash(action.Pgg.Describe())), $"{action.Code}: «{action.Pgg.Describe()}» is not on its line: {string.Join(" | ", cells)}");
            }

            Assert.True(after.Any(c => c.Length > 0 && action.ResponsibleUnitAsPrinted!.StartsWith(c, StringComparison.Ordinal)),
                $"{action.Code}: «{action.ResponsibleUnitAsPrinted}» does not start with a cell of its line: {string.Join(" | ", cells)}");
        }
    }

    [Fact]
    public async Task Ruta_Counts_AsManyNoPriorizadoAndAeiRowsAsTheDocumentPrints()
    {
        var counts = await app.QueryAsync(async db => new
        {
            NotPrioritised = await db.Actions.CountAsync(a => a.Plan!.Code == PlanCode && a.PggStatus == PggStatus.NoPriorizado)
                + await db.Objectives.CountAsync(o => o.Plan!.Code == PlanCode && o.PggStatus == PggStatus.NoPriorizado),
            ActionsInRuta = await db.Actions.CountAsync(a => a.Plan!.Code == PlanCode && a.ResponsibleUnitAsPrinted != null),
            ObjectivesWithPgg = await db.Objectives.CountAsync(o => o.Plan!.Code == PlanCode && o.PggStatus != PggStatus.SinDato),
        });
        var cells = RutaEstrategica.SelectMany(Cells).ToList();

        Assert.Equal(cells.Count(c => c == "No priorizado"), counts.NotPrioritised);
        Assert.Equal(cells.Where(c => AeiCode().IsMatch(c)).Select(Normalized).Distinct().Count(), counts.ActionsInRuta);
        Assert.Equal(await app.QueryAsync(db => db.Objectives.CountAsync(o => o.Plan!.Code == PlanCode)), counts.ObjectivesWithPgg);
    }

    [Fact]
    public async Task Ruta_ObjectivesPrintedWithTheirCode_HaveTheFirstPggCellOfTheirLine()
    {
        var objectives = await app.QueryAsync(db => db.Objectives.AsNoTracking().Where(o => o.Plan!.Code == PlanCode).ToListAsync());
        var rows = RutaEstrategica.Select(Cells).ToList();

        foreach (var objective in objectives)
        {
            var line = rows.SingleOrDefault(r => r.Contains(objective.Code));
            if (line is null)
            {
                Assert.Contains("no imprime el código", objective.ArticulationNotes);
                Assert.Contains(RutaEstrategica, l => Squash(l).Contains(Squash(objective.Pgg.Describe()), StringComparison.Ordinal));
                continue;
            }

            Assert.Equal(Squash(line.First(c => PggCell().IsMatch(c))), Squash(objective.Pgg.Describe()));
        }
    }

    [Fact]
    public async Task AnexoB1_PesemCodesStatementsAndCausalTexts_AreTheDocuments()
    {
        var pesem = await app.QueryAsync(db => db.SectoralPlans.AsNoTracking().Include(s => s.Objectives).ThenInclude(o => o.Actions)
            .SingleAsync(s => s.Plan!.Code == PlanCode));
        var links = await app.QueryAsync(db => db.SectoralLinks.AsNoTracking().Include(l => l.Objective).Include(l => l.SectoralAction)
            .Where(l => l.Plan!.Code == PlanCode).ToListAsync());
        var annex = string.Join("\n", AnexoB1.Select(Clean));
        var document = string.Join("\n", Lines.Select(Clean));

        // Stored abbreviated, as resolutions are cited: "R.M. N.° …" for the annex's "Resolución Ministerial N.° …".
        Assert.Contains(pesem.Resolution!.Replace("R.M.", "Resolución Ministerial", StringComparison.Ordinal), annex);
        Assert.Contains($"PESEM {pesem.FirstYear}-{pesem.LastYear}", annex);
        Assert.Equal(AnexoB1.SelectMany(l => OesCode().Matches(l)).Select(m => m.Value).Distinct().Order(), pesem.Objectives.Select(o => o.Code).Order());
        Assert.Equal(Lines.SelectMany(l => AesCode().Matches(l)).Select(m => m.Value).Distinct().Order(), pesem.Objectives.SelectMany(o => o.Actions).Select(a => a.Code).Order());
        foreach (var oes in pesem.Objectives)
        {
            Assert.Contains(AnexoB1.Select(Cells), cells => cells.Count > 1 && cells[0] == oes.Code && cells[1] == oes.Statement);
        }

        foreach (var aes in pesem.Objectives.SelectMany(o => o.Actions))
        {
            Assert.Contains($"{aes.Code} {aes.Statement}", document);
        }

        Assert.Equal(AnexoB1.SelectMany(l => OeiCode().Matches(l)).Select(m => m.Value).Distinct().Order(), links.Select(l => l.Objective!.Code).Order());
        foreach (var link in links)
        {
            Assert.Contains(link.CausalExplanation![..80], annex);
            Assert.True(link.CoversAllActions || annex.Contains(link.SectoralAction!.Statement, StringComparison.Ordinal));
        }

        var everyAction = Assert.Single(links, l => l.CoversAllActions);
        Assert.Equal("OEI.11", everyAction.Objective!.Code);
        Assert.Contains(AnexoB1, l => l.Contains("el OEI.11 se articula con todas las Acciones Sectoriales", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnexoB2_ServicesAndLinkedAeis_AreOnTheDocumentsLines()
    {
        var services = await app.QueryAsync(db => db.PolicyServices.AsNoTracking().Where(s => s.PolicyGuideline!.PolicyObjective!.NationalPolicy!.Plan!.Code == PlanCode).ToListAsync());
        var policies = await app.QueryAsync(db => db.NationalPolicies.AsNoTracking().Where(p => p.Plan!.Code == PlanCode).ToListAsync());
        var links = await app.QueryAsync(db => db.PolicyLinks.AsNoTracking().Include(l => l.Action).Include(l => l.Indicator).Include(l => l.PolicyService)
            .Where(l => l.Plan!.Code == PlanCode).ToListAsync());
        var rows = AnexoB2.Select(Cells).ToList();

        Assert.All(services, s => Assert.Contains(rows, r => r.Contains(s.Statement)));
        var printedNames = rows.Select(r => r[0]).Where(c => c.StartsWith("Política Nacional", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(printedNames.Order(), policies.Select(p => p.Name).Where(printedNames.Contains).Order());
        Assert.All(policies.Where(p => !printedNames.Contains(p.Name)), p => Assert.Contains("no imprime el nombre", p.Notes));

        foreach (var link in links.Where(l => l.PolicyService is not null))
        {
            var service = link.PolicyService!;
            Assert.Contains(rows, r => (r.Contains(service.Statement) || (service.Code is { } code && r.Contains(code)))
                && (r.Contains(link.Action!.Code) || (link.Indicator is { } indicator && r.Contains(indicator.Name))));
        }

        foreach (var link in links.Where(l => l.Indicator is not null))
        {
            Assert.Equal(link.ActionId, link.Indicator!.ActionId);
        }

        Assert.All(links.Where(l => l.PolicyService is null), l => Assert.Contains("vac", l.Notes));
    }

    [Fact]
    public async Task FidelityFixes_TouristsAnomalyNotedAndStarredBaselineKeptAsProvisional()
    {
        var indicators = await app.QueryAsync(db => db.Indicators.AsNoTracking().Where(i => i.Plan!.Code == PlanCode && (i.Key == "IOEI.02.02" || i.Key == "IAEI.02.02.02")).ToDictionaryAsync(i => i.Key));
        var starred = Lines.Single(l => l.StartsWith("AEI.02.02", StringComparison.Ordinal) && l.Contains("(*)", StringComparison.Ordinal));

        Assert.Contains("Anomalía del documento oficial: Todos los logros esperados impresos", indicators["IOEI.02.02"].Notes);
        Assert.Contains(Lines, l => l.Contains("25.73", StringComparison.Ordinal));
        var baseline = indicators["IAEI.02.02.02"];
        Assert.True(baseline.BaselineProvisional);
        Assert.Contains($"{baseline.BaselineYear} (*) ", starred);
        Assert.Contains($"\t{baseline.BaselineValue:0} ", starred);
    }

    [Fact]
    public async Task Seeding_Twice_ChangesNothing()
    {
        var before = await CountsAsync();
        await using var scope = app.CreateScope();

        var seededAgain = await scope.ServiceProvider.GetRequiredService<ArticulationSeeder>().SeedAsync(PlanSeeder.DefaultPath);

        Assert.False(seededAgain);
        Assert.Equal(before, await CountsAsync());
    }

    private Task<string> CountsAsync() => app.QueryAsync(async db =>
        $"{await db.SectoralLinks.CountAsync()} {await db.SectoralActions.CountAsync()} {await db.PolicyServices.CountAsync()} {await db.PolicyLinks.CountAsync()} {await db.Actions.CountAsync(a => a.PggStatus != PggStatus.SinDato)}");

    // The Ruta estratégica prints AEI.01.07 as "AEI.01.7".
    private static bool SameCode(string cell, string code) => AeiCode().IsMatch(cell) ? Normalized(cell) == code : cell == code;

    private static string Normalized(string code) => string.Join(".", code.Split('.').Select((part, i) => i == 0 ? part : part.PadLeft(2, '0')));

    [GeneratedRegex(@"^AEI\.[0-9]{2}\.[0-9]{1,2}$")]
    private static partial Regex AeiCode();

    [GeneratedRegex(@"^(Eje\s*[0-9]+\s*Lin\.\s*[0-9.]+|No priorizado)$")]
    private static partial Regex PggCell();

    [GeneratedRegex(@"\bOEI\.[0-9]{2}\b")]
    private static partial Regex OeiCode();

    [GeneratedRegex(@"\bOES\.[0-9]{2}\b")]
    private static partial Regex OesCode();

    [GeneratedRegex(@"\bAES\.[0-9]{2}\.[0-9]{2}\b")]
    private static partial Regex AesCode();
}
