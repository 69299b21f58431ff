using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Tests.Infrastructure;

/// <summary>
/// A small plan of its own for tests that write values: they control every value in it and no other test reads
/// it. Its indicators count units (target 100 every year), all of one unit except the last, which belongs to
/// another unit (for refusals).
/// </summary>
public sealed record ValueTestPlan(string Code, IReadOnlyList<int> Indicators, int OtherUnitIndicator, int UnitId)
{
    public const int Year = 2025;

    public const string OnTarget = "100";

    public static async Task<ValueTestPlan> CreateAsync(AppFixture app, int indicators = 2)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var institution = await db.Institutions.Include(i => i.Units).SingleAsync(i => i.PliegoCode == HomeInstitution.PliegoCode);
        var code = $"TEST-VAL-{Guid.NewGuid():N}"[..17];
        var plan = new Domain.Plan { Institution = institution, Code = code, Name = "Plan de prueba de valores " + code, FirstYear = 2025, LastYear = 2030, Status = PlanStatus.Borrador };
        var objective = new StrategicObjective { Plan = plan, Code = "OEI.01", Statement = "Objetivo de prueba", Priority = 1, Type = ObjectiveType.TipoI };
        plan.Objectives.Add(objective);
        var (unit, other) = (institution.Units[0], institution.Units[1]);
        for (var n = 0; n <= indicators; n++)
        {
            var indicator = new Indicator
            {
                Plan = plan,
                Objective = objective,
                Key = $"IOEI.01.{n + 1:00}",
                PublishedCode = $"IOEI.01.{n + 1:00}",
                Name = $"Indicador de prueba {n + 1}",
                Unit = UnitOfMeasure.Numero,
                BaselineYear = 2024,
                BaselineValue = 10m,
                Targets = Enumerable.Range(2025, 6).Select(y => new AnnualTarget { Year = y, Value = 100m }).ToList(),
            };
            indicator.ResponsibleUnits.Add(new IndicatorResponsibleUnit { Indicator = indicator, Unit = n < indicators ? unit : other });
            objective.Indicators.Add(indicator);
            plan.Indicators.Add(indicator);
        }

        db.Plans.Add(plan);
        await db.SaveChangesAsync();
        var ids = plan.Indicators.OrderBy(i => i.Key).Select(i => i.Id).ToList();
        return new ValueTestPlan(code, ids[..^1], ids[^1], unit.Id);
    }

    /// <summary>A Registrador of the plan's unit, signed in, with a personal API token.</summary>
    public async Task<(string Email, HttpClient Browser, HttpClient Api)> RegistradorAsync(AppFixture app) =>
        await RegistradorAsync(app, app.CreateClient(), app.CreateClient);

    /// <summary>The same, with clients of another server of the application (one configured differently by a test).</summary>
    public async Task<(string Email, HttpClient Browser, HttpClient Api)> RegistradorAsync(AppFixture app, HttpClient browser, Func<HttpClient> newClient)
    {
        var email = await app.CreateUserAsync(Roles.Registrador);
        await app.QueryAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            db.UserUnits.Add(new UserUnit { UserId = user.Id, UnitId = UnitId });
            return await db.SaveChangesAsync();
        });
        var login = await browser.SubmitFormAsync("/Cuenta/Ingresar", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = AppFixture.Password });
        if (login.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Login as {email} failed: {(int)login.StatusCode}");
        }

        var created = await browser.SubmitFormAsync("/Cuenta/Tokens", new Dictionary<string, string> { ["Name"] = "Sistema fuente de prueba" }, "form[action*='handler=Create']");
        var token = (await HttpClientExtensions.ParseAsync(await created.Content.ReadAsStringAsync())).QuerySelector(".new-token")!.TextContent.Trim();
        var api = newClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (email, browser, api);
    }
}
