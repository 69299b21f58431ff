using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Web.Data.Seed;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Data;

/// <summary>This test loads a second plan from an altered data file: it gets a database of its own.</summary>
[CollectionDefinition(Name)]
public sealed class ArticulationUnknownCodeCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "articulation-unknown-code";
}

/// <summary>
/// A link to a code the plan does not have never reaches the database (the links are foreign keys, so the
/// consistency page cannot meet one): the data file that names it is refused whole, saying which code.
/// </summary>
[Collection(ArticulationUnknownCodeCollection.Name)]
public class ArticulationUnknownCodeTests(AppFixture app)
{
    [Theory]
    [InlineData("sectoralLinks", "objective", "OEI.99", "El Anexo B-1 del archivo de datos nombra OEI.99, que no existe en el plan.")]
    [InlineData("sectoralLinks", "sectoralAction", "AES.09.09", "El Anexo B-1 del archivo de datos nombra AES.09.09, que no existe en el plan.")]
    [InlineData("policyLinks", "action", "AEI.99.01", "El Anexo B-2 del archivo de datos nombra AEI.99.01, que no existe en el plan.")]
    public async Task Seed_LinkToACodeThePlanDoesNotHave_IsRefusedWholeNamingTheCode(string list, string field, string code, string message)
    {
        var planCode = $"TEST-UNKNOWN-{code}";
        var file = JsonNode.Parse(await File.ReadAllTextAsync(PlanSeeder.DefaultPath))!;
        file["plan"]!["code"] = planCode;
        file["articulation"]![list]![0]![field] = code;
        var path = Path.Combine(Path.GetTempPath(), $"pei-unknown-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, file.ToJsonString());
        try
        {
            await using var scope = app.CreateScope();
            Assert.True(await scope.ServiceProvider.GetRequiredService<PlanSeeder>().SeedAsync(path));

            var refused = await Assert.ThrowsAsync<InvalidDataException>(() => scope.ServiceProvider.GetRequiredService<ArticulationSeeder>().SeedAsync(path));

            Assert.Equal(message, refused.Message);
            var saved = await app.QueryAsync(async db =>
                await db.SectoralLinks.CountAsync(l => l.Plan!.Code == planCode) + await db.PolicyLinks.CountAsync(l => l.Plan!.Code == planCode)
                + await db.SectoralPlans.CountAsync(s => s.Plan!.Code == planCode) + await db.Objectives.CountAsync(o => o.Plan!.Code == planCode && o.PggEje != null));
            Assert.Equal(0, saved);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
