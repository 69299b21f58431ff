using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Exports;

/// <summary>
/// The mark files carry while a plan holds demo values (./scripts/run.sh --demo, synthetic plans): a figure
/// printed or downloaded from such a plan must never pass for an official one.
/// </summary>
public static class DemoMark
{
    public const string Notice = "DEMO: contiene valores sintéticos de demostración, no son datos oficiales";

    public static string Title(string title, bool demo) => demo ? $"DEMO · {title}" : title;

    /// <summary>For a plan loaded with its values.</summary>
    public static bool InPlan(Plan plan) => plan.Indicators.Any(i => i.Values.Any(v => v.IsDemo));

    public static Task<bool> InPlanAsync(AppDbContext db, int planId, CancellationToken cancellationToken = default) =>
        db.Values.AnyAsync(v => v.IsDemo && v.Indicator!.PlanId == planId, cancellationToken);
}
