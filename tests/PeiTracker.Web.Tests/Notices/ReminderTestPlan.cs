using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Notices;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Notices;

/// <summary>
/// A plan of its own with two units of its own (so nobody else's reminders reach its people): unit A answers for
/// two indicators, unit B for one; the Anual 2025 deadline is <see cref="Due"/>.
/// </summary>
public sealed record ReminderTestPlan(string Code, int PlanId, int UnitA, string AcronymA, int UnitB, string AcronymB, IReadOnlyList<int> IndicatorsA, int IndicatorB, DateOnly Due)
{
    public static async Task<ReminderTestPlan> CreateAsync(MailFixture app, DateOnly due, PlanStatus status = PlanStatus.Borrador, decimal target = 100m)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var institution = await db.Institutions.SingleAsync(i => i.PliegoCode == HomeInstitution.PliegoCode);
        var tag = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var unitA = new OrganizationalUnit { Institution = institution, Acronym = "UA" + tag[..4], Name = "Unidad A " + tag };
        var unitB = new OrganizationalUnit { Institution = institution, Acronym = "UB" + tag[..4], Name = "Unidad B " + tag };
        var plan = new Domain.Plan { Institution = institution, Code = "TEST-REM-" + tag, Name = "Plan de recordatorios " + tag, FirstYear = 2025, LastYear = 2030, Status = status };
        var objective = new StrategicObjective { Plan = plan, Code = "OEI.01", Statement = "Objetivo de prueba", Priority = 1, Type = ObjectiveType.TipoI };
        plan.Objectives.Add(objective);
        foreach (var (n, unit) in new[] { (1, unitA), (2, unitA), (3, unitB) })
        {
            var indicator = new Indicator
            {
                Plan = plan,
                Objective = objective,
                Key = $"IOEI.01.{n:00}",
                PublishedCode = $"IOEI.01.{n:00}",
                Name = $"Indicador {n} de {tag}",
                Unit = UnitOfMeasure.Numero,
                BaselineYear = 2024,
                BaselineValue = 10m,
                Targets = Enumerable.Range(2025, 6).Select(y => new AnnualTarget { Year = y, Value = target }).ToList(),
            };
            indicator.ResponsibleUnits.Add(new IndicatorResponsibleUnit { Indicator = indicator, Unit = unit });
            objective.Indicators.Add(indicator);
            plan.Indicators.Add(indicator);
        }

        db.Plans.Add(plan);
        await db.SaveChangesAsync();
        db.PeriodDeadlines.Add(new PeriodDeadline { PlanId = plan.Id, Year = 2025, Period = PeriodKind.Anual, DueDate = due });
        await db.SaveChangesAsync();
        var ids = plan.Indicators.OrderBy(i => i.Key).Select(i => i.Id).ToList();
        return new ReminderTestPlan(plan.Code, plan.Id, unitA.Id, unitA.Acronym, unitB.Id, unitB.Acronym, ids[..2], ids[2], due);
    }

    /// <summary>An account of the role with the units on it (and the head-of-unit flag when asked).</summary>
    public static async Task<string> PersonAsync(MailFixture app, string role, IReadOnlyList<int> units, bool headsUnit = false, int? institutionId = null)
    {
        var email = await app.CreateUserAsync(role, institutionId: institutionId);
        await app.QueryAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            user.HeadsUnit = headsUnit;
            db.UserUnits.AddRange(units.Select(id => new UserUnit { UserId = user.Id, UnitId = id }));
            return await db.SaveChangesAsync();
        });
        return email;
    }

    /// <summary>A value of the indicator for Anual 2025, in the given state, as if the unit had sent it.</summary>
    public static Task<int> ValueAsync(MailFixture app, int indicatorId, ValueStatus status, decimal value = 100m) =>
        app.QueryAsync(db =>
        {
            db.Values.Add(new IndicatorValue { IndicatorId = indicatorId, Year = 2025, Period = PeriodKind.Anual, Value = value, Status = status, CreatedBy = "prueba", CreatedAt = app.Clock.GetUtcNow() });
            return db.SaveChangesAsync();
        });
}

public static class ReminderTestClock
{
    /// <summary>The reminders' day now (Lima, starting at 08:00).</summary>
    public static DateOnly Today(this MailFixture app) => ReminderScheduler.DayOf(app.Clock.GetUtcNow(), 8);

    /// <summary>Moves the shared clock forward to the day at the hour, Lima time.</summary>
    public static void MoveTo(this MailFixture app, DateOnly day, int hour = 9)
    {
        var by = PeruTime.StartOf(day).AddHours(hour) - app.Clock.GetUtcNow();
        Assert.True(by >= TimeSpan.Zero, $"The clock only moves forward (asked to go back {-by}).");
        app.Clock.Advance(by);
    }

    /// <summary>One scheduler pass of an instance, as its background worker would run it.</summary>
    public static async Task<int> ScheduleAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderScheduler>().RunAsync();
    }

    public static Task<int> ScheduleAsync(this MailFixture app) => ScheduleAsync(app.Factory.Services);

    /// <summary>The notices written for a person, oldest first.</summary>
    public static Task<List<OutboxNotice>> NoticesToAsync(this MailFixture app, string email) =>
        app.QueryAsync(db => db.OutboxNotices.IgnoreQueryFilters().AsNoTracking().Where(n => n.Recipient == email).OrderBy(n => n.Id).ToListAsync());
}
