using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Formulas;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Tests.Infrastructure;

/// <summary>
/// A test plan whose first indicator is a percentage "A / B × 100" collected by reporting point, with the seeded
/// points of the ministry, and helpers for a point's Registrador (signed in, with an API token).
/// </summary>
public sealed record PointTestPlan(ValueTestPlan Plan, int IndicatorId)
{
    public static async Task<PointTestPlan> CreateAsync(AppFixture app)
    {
        var plan = await ValueTestPlan.CreateAsync(app, 1);
        var id = plan.Indicators[0];
        await app.QueryAsync(async db =>
        {
            var indicator = await db.Indicators.Include(i => i.Variables).Include(i => i.Targets).SingleAsync(i => i.Id == id);
            indicator.Unit = UnitOfMeasure.Porcentaje;
            indicator.Formula = Formula.Percentage.Text;
            indicator.Variables = [new IndicatorVariable { Code = "A", Name = "Personas atendidas", SortOrder = 1 }, new IndicatorVariable { Code = "B", Name = "Población consular", SortOrder = 2 }];
            indicator.CollectedByPoint = true;
            indicator.Targets.ForEach(t => t.Value = 90m);
            indicator.BaselineValue = 80m;
            return await db.SaveChangesAsync();
        });
        return new PointTestPlan(plan, id);
    }

    /// <summary>A Registrador who enters only for <paramref name="pointCodes"/>: browser signed in, API with a personal token.</summary>
    public static async Task<(string Email, HttpClient Browser, HttpClient Api)> PointRegistradorAsync(AppFixture app, params string[] pointCodes)
    {
        var email = await app.CreateUserAsync(Roles.Registrador);
        await app.QueryAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var points = await db.ReportingPoints.Where(p => pointCodes.Contains(p.Code) && p.Institution!.PliegoCode == HomeInstitution.PliegoCode).ToListAsync();
            db.UserReportingPoints.AddRange(points.Select(p => new UserReportingPoint { UserId = user.Id, PointId = p.Id }));
            return await db.SaveChangesAsync();
        });
        var browser = await app.LoginAsync(email);
        var created = await browser.SubmitFormAsync("/Cuenta/Tokens", new Dictionary<string, string> { ["Name"] = "Sistema del consulado" }, "form[action*='handler=Create']");
        var token = (await HttpClientExtensions.ParseAsync(await created.Content.ReadAsStringAsync())).QuerySelector(".new-token")!.TextContent.Trim();
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (email, browser, api);
    }
}
