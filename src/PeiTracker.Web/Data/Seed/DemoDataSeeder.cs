using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data.Seed;

/// <summary>
/// Synthetic values for 2025 and the first semester of 2026, and one demo user per role, so a
/// person trying the product sees full dashboards. Runs only with the demo switch (PEI_DEMO=true or
/// ./scripts/run.sh --demo); every value it writes is marked IsDemo and the interface shows a banner.
/// Deterministic: the same plan always gets the same demo values.
/// </summary>
public sealed class DemoDataSeeder(AppDbContext db, UserManager<AppUser> users, TimeProvider clock, ILogger<DemoDataSeeder> logger)
{
    public const string DemoPassword = "Demo2025pei";
    public const string DemoAuthor = "demo";

    public static readonly IReadOnlyList<(string Email, string Role, string Name)> DemoUsers =
    [
        ("demo.administrador@peitracker.local", Roles.Administrador, "Demo Administrador"),
        ("demo.planificador@peitracker.local", Roles.Planificador, "Demo Planificador (OGPP)"),
        ("demo.registrador@peitracker.local", Roles.Registrador, "Demo Registrador (DGA)"),
        ("demo.consulta@peitracker.local", Roles.Consulta, "Demo Directivo"),
    ];

    public async Task SeedAsync(string planCode, CancellationToken cancellationToken = default)
    {
        var institutionId = await db.Plans.Where(p => p.Code == planCode).Select(p => (int?)p.InstitutionId).SingleOrDefaultAsync(cancellationToken)
            ?? await HomeInstitution.EnsureAsync(db, cancellationToken);
        foreach (var (email, role, name) in DemoUsers)
        {
            if (await users.FindByEmailAsync(email) is null)
            {
                var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, FullName = name, CreatedAt = clock.GetUtcNow(), InstitutionId = institutionId };
                var result = await users.CreateAsync(user, DemoPassword);
                if (result.Succeeded)
                {
                    await users.AddToRoleAsync(user, role);
                    if (role == Roles.Registrador && await db.OrganizationalUnits.FirstOrDefaultAsync(u => u.Acronym == "DGA" && u.InstitutionId == institutionId, cancellationToken) is { } dga)
                    {
                        db.UserUnits.Add(new UserUnit { UserId = user.Id, UnitId = dga.Id });
                        await db.SaveChangesAsync(cancellationToken);
                    }
                }
            }
        }

        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Code == planCode, cancellationToken);
        if (plan is null || await db.Values.AnyAsync(v => v.IsDemo && v.Indicator!.PlanId == plan.Id, cancellationToken))
        {
            return;
        }

        var indicators = await db.Indicators.Include(i => i.Targets).Include(i => i.Values).AsSplitQuery()
            .Where(i => i.PlanId == plan.Id).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var indicator in indicators)
        {
            foreach (var (year, period) in new[] { (2025, PeriodKind.Anual), (2026, PeriodKind.PrimerSemestre) })
            {
                if (indicator.Values.Any(v => v.Year == year && v.Period == period))
                {
                    continue;
                }

                var value = DemoValue(indicator, year, period);
                if (value is null)
                {
                    continue;
                }

                indicator.Values.Add(new IndicatorValue
                {
                    Year = year,
                    Period = period,
                    Value = value,
                    Status = Hash(indicator.Key, year * 10 + 7) % 6 == 0 ? ValueStatus.Enviado : ValueStatus.Validado,
                    Comment = "Valor de demostración generado automáticamente.",
                    DataSource = "Datos sintéticos (modo demostración)",
                    CreatedBy = DemoAuthor,
                    CreatedAt = now,
                    IsDemo = true,
                });
                added++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Demo mode: added {Count} synthetic values to plan {PlanCode}", added, planCode);
    }

    /// <summary>
    /// A plausible value: most indicators near their target, some behind, a few without data.
    /// Null when the indicator has no target to anchor on or falls in the "sin dato" share.
    /// </summary>
    public static decimal? DemoValue(Indicator indicator, int year, PeriodKind period)
    {
        var target = indicator.TargetFor(year);
        if (target is null)
        {
            return null;
        }

        var roll = Hash(indicator.Key, year * 10 + (int)period);
        if (roll % 10 == 0)
        {
            return null;
        }

        // Achievement ratio between 0.55 and 1.15, deterministic per indicator and period.
        var ratio = 0.55m + (roll % 61) / 100m;
        var baseline = indicator.BaselineValue ?? 0m;
        decimal value = indicator.Direction switch
        {
            Direction.Descendente => ratio == 0 ? target.Value : target.Value / ratio,
            _ when indicator.Aggregation == Aggregation.Agregable && period == PeriodKind.PrimerSemestre => target.Value * ratio / 2m,
            _ when period == PeriodKind.PrimerSemestre => baseline + (target.Value - baseline) * ratio,
            _ => target.Value * ratio,
        };
        if (indicator.Unit == UnitOfMeasure.Porcentaje && !indicator.AllowsOver100)
        {
            value = Math.Clamp(value, 0m, 100m);
        }

        return indicator.Unit is UnitOfMeasure.Numero or UnitOfMeasure.Cantidad
            ? Math.Round(value, 0, MidpointRounding.AwayFromZero)
            : Math.Round(value, Math.Max(indicator.Decimals, 1), MidpointRounding.AwayFromZero);
    }

    private static int Hash(string key, int salt)
    {
        unchecked
        {
            var hash = 17 + salt * 31;
            foreach (var c in key)
            {
                hash = hash * 31 + c;
            }

            return Math.Abs(hash % 100_003);
        }
    }
}
