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
}
