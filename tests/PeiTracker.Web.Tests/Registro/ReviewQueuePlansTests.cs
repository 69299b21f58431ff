using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Web.Synthetic;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Registro;

/// <summary>With several entities in one database, the review queue is one plan's, and their deadlines do not collide.</summary>
public class ReviewQueuePlansTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task ReviewQueue_OtherEntitiesWithSentValuesAndTheSameDeadline_ShowsOnlyThisPlansValues()
    {
        await using (var scope = app.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SyntheticPlans>().LoadAsync(2);
        }

        await app.QueryAsync(async db =>
        {
            foreach (var plan in await db.Plans.ToListAsync())
            {
                db.PeriodDeadlines.Add(new PeriodDeadline { PlanId = plan.Id, Year = 2026, Period = PeriodKind.PrimerSemestre, DueDate = new DateOnly(2026, 7, 31) });
            }

            return await db.SaveChangesAsync();
        });
        var others = await app.QueryAsync(db => db.Values.Where(v => v.Status == ValueStatus.Enviado && v.Indicator!.Plan!.Code.StartsWith(SyntheticPlans.PlanPrefix))
            .Select(v => v.Id).ToListAsync());
        var client = await app.LoginAsync();

        var response = await client.GetAsync("/Registro/Revision");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(others);
        Assert.All(others, id => Assert.DoesNotContain($"id=\"reason-{id}\"", html));
    }
}
