using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Domain.Points;
using PeiTracker.Web.Synthetic;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Synthetic;

/// <summary>The benchmark's figures from reporting points (here 5 points × 3 indicators × 12 semesters), in a database of their own.</summary>
public class SyntheticPointFiguresTests(AppFixture app) : IClassFixture<AppFixture>, IAsyncLifetime
{
    private const int Points = 5;
    private const int Indicators = 3;
    private const int Semesters = 12;

    /// <summary>Runs before every test; every run after the first adds nothing (which one test asserts).</summary>
    public async Task InitializeAsync()
    {
        await using var scope = app.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SyntheticPointFigures>().LoadAsync(points: Points, indicators: Indicators);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Generator_EveryPointEntersBothVariablesOfEveryChosenIndicatorInEverySemester()
    {
        var submissions = await app.QueryAsync(db => db.PointSubmissions.IgnoreQueryFilters()
            .Where(s => s.CreatedBy == SyntheticPlans.Author)
            .Select(s => new { s.PointId, s.IndicatorId, s.Year, s.Period, s.Status, Codes = s.Figures.OrderBy(f => f.Code).Select(f => f.Code).ToList() })
            .ToListAsync());

        Assert.Equal(Points * Indicators * Semesters, submissions.Count);
        Assert.Equal(Points, submissions.Select(s => s.PointId).Distinct().Count());
        Assert.Equal(Indicators, submissions.Select(s => s.IndicatorId).Distinct().Count());
        Assert.Equal(Semesters, submissions.Select(s => (s.Year, s.Period)).Distinct().Count());
        Assert.DoesNotContain(submissions, s => s.Period == PeriodKind.Anual);
        Assert.All(submissions, s => Assert.Equal(["A", "B"], s.Codes));
        Assert.All(submissions, s => Assert.Equal(PointSubmissionStatus.Aceptado, s.Status));
    }

    [Fact]
    public async Task Generator_ChosenIndicators_ArePercentagesCollectedByPoint()
    {
        var chosen = await app.QueryAsync(db => db.Indicators.IgnoreQueryFilters().Where(i => i.CollectedByPoint)
            .Select(i => new { i.Unit, i.Formula }).ToListAsync());

        Assert.Equal(Indicators, chosen.Count);
        Assert.All(chosen, i => Assert.Equal((UnitOfMeasure.Porcentaje, "A / B × 100"), (i.Unit, i.Formula)));
    }

    [Fact]
    public async Task Generator_Values_AreTheSumOfNumeratorsOverTheSumOfDenominators()
    {
        var figures = await app.QueryAsync(db => db.PointSubmissionFigures.IgnoreQueryFilters()
            .Where(f => f.Submission!.CreatedBy == SyntheticPlans.Author)
            .Select(f => new { f.Submission!.IndicatorId, f.Submission.Year, f.Submission.Period, f.Submission.PointId, f.Code, f.Figure })
            .ToListAsync());
        var values = await app.QueryAsync(db => db.Values.IgnoreQueryFilters().Where(v => v.CreatedBy == SyntheticPlans.Author)
            .Select(v => new { v.IndicatorId, v.Year, v.Period, v.Value, v.IsDemo }).ToListAsync());

        Assert.NotEmpty(values);
        foreach (var value in values)
        {
            var period = figures.Where(f => f.IndicatorId == value.IndicatorId && f.Year == value.Year && f.Period == value.Period).ToList();
            var a = period.Where(f => f.Code == "A").Sum(f => f.Figure);
            var b = period.Where(f => f.Code == "B").Sum(f => f.Figure);
            var ratios = period.GroupBy(f => f.PointId).Select(g => 100m * g.Single(f => f.Code == "A").Figure / g.Single(f => f.Code == "B").Figure).ToList();

            Assert.True(value.IsDemo);
            Assert.InRange(value.Value!.Value, 100m * a / b - 0.00005m, 100m * a / b + 0.00005m);
            Assert.InRange(value.Value.Value, Math.Round(ratios.Min(), 4), Math.Round(ratios.Max(), 4));
            Assert.InRange(value.Value.Value, 50m, 100m);
        }
    }

    [Fact]
    public async Task Generator_RunAgain_AddsNothing()
    {
        await using var scope = app.CreateScope();

        var again = await scope.ServiceProvider.GetRequiredService<SyntheticPointFigures>().LoadAsync(points: Points, indicators: Indicators);

        Assert.Equal((0, 0, 0), (again.Submissions, again.Figures, again.Values));
    }
}
