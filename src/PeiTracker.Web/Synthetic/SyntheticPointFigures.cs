using Microsoft.EntityFrameworkCore;
using Npgsql;
using PeiTracker.Domain;
using PeiTracker.Domain.Points;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Synthetic;

/// <summary>
/// Loads synthetic figures from reporting points into one plan (the official MRE plan by default), to measure the
/// application with data as the organs abroad produce it: <c>points</c> reporting points (the institution's own,
/// completed with synthetic ones up to that number), each entering both variables of <c>indicators</c> percentage
/// indicators (A / B × 100, marked as collected by point) in every semester of the plan (2025-2030: 12 periods), all
/// accepted, and the indicators' values computed from the sums where the period has no value yet (the one sum rule,
/// <see cref="PointAggregate"/>). Everything it writes is marked: submissions and values by <see cref="SyntheticPlans.Author"/>,
/// values as demo values, synthetic points with codes starting with "SIN-PR-". Running it again adds nothing.
/// </summary>
public sealed class SyntheticPointFigures(AppDbContext db, ILogger<SyntheticPointFigures> logger)
{
    public const string PointPrefix = "SIN-PR-";

    public sealed record Result(int Points, int Indicators, int Submissions, int Figures, int Values);

    public Task<Result> LoadAsync(string planCode = "MRE-PEI-2025-2030", int points = 154, int indicators = 30, CancellationToken cancellationToken = default) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(() => LoadOnceAsync(planCode, points, indicators, cancellationToken));

    private async Task<Result> LoadOnceAsync(string planCode, int points, int indicators, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var plan = await db.Plans.IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.Code == planCode, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var chosen = await db.Indicators.IgnoreQueryFilters().Include(i => i.Variables)
            .Where(i => i.PlanId == plan.Id && i.Unit == UnitOfMeasure.Porcentaje && i.Formula == "A / B × 100")
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Key).Take(indicators).ToListAsync(cancellationToken);
        foreach (var indicator in chosen)
        {
            indicator.CollectedByPoint = true;
        }

        await db.SaveChangesAsync(cancellationToken);

        var existing = await db.ReportingPoints.IgnoreQueryFilters().CountAsync(p => p.InstitutionId == plan.InstitutionId, cancellationToken);
        var unitId = await db.OrganizationalUnits.IgnoreQueryFilters().Where(u => u.InstitutionId == plan.InstitutionId).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync(cancellationToken);
        for (var n = existing + 1; n <= points; n++)
        {
            db.ReportingPoints.Add(new ReportingPoint
            {
                InstitutionId = plan.InstitutionId,
                Code = $"{PointPrefix}{n:000}",
                Name = $"Punto de registro {n:000} (sintético)",
                Kind = ReportingPointKind.Consulado,
                UnitId = unitId,
                Continent = "América",
                Country = "País sintético",
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        var ids = chosen.Select(i => i.Id).ToArray();

        // Every point, indicator and semester: B between 20 and 499 people, A between half and all of them,
        // drawn from a hash of the row so that the same data always come out.
        var submissions = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO point_submissions (point_id, indicator_id, year, period, status, created_by, created_at, reviewed_by, reviewed_at)
            SELECT p.id, i, y, s, 'Aceptado', {SyntheticPlans.Author}, now(), {SyntheticPlans.Author}, now()
            FROM (SELECT id FROM reporting_points WHERE institution_id = {plan.InstitutionId} ORDER BY code LIMIT {points}) p
            CROSS JOIN unnest({ids}) i
            CROSS JOIN generate_series({plan.FirstYear}, {plan.LastYear}) y
            CROSS JOIN (VALUES ('PrimerSemestre'), ('SegundoSemestre')) AS period(s)
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        var figures = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO point_submission_figures (submission_id, code, figure)
            SELECT s.id, f.code, CASE f.code WHEN 'B' THEN b ELSE floor(b * (50 + abs(hashtext('A' || s.id)) % 51) / 100.0) END
            FROM point_submissions s
            CROSS JOIN LATERAL (SELECT 20 + abs(hashtext('B' || s.id)) % 480 AS b) d
            CROSS JOIN (VALUES ('A'), ('B')) AS f(code)
            WHERE s.indicator_id = ANY({ids}) AND s.created_by = {SyntheticPlans.Author}
            ON CONFLICT DO NOTHING
            """, cancellationToken);

        var sums = await db.Database.SqlQuery<PeriodSums>($"""
            SELECT s.indicator_id, s.year, s.period,
                   sum(f.figure) FILTER (WHERE f.code = 'A') AS a, sum(f.figure) FILTER (WHERE f.code = 'B') AS b
            FROM point_submissions s JOIN point_submission_figures f ON f.submission_id = s.id
            WHERE s.indicator_id = ANY({ids}) AND s.status = 'Aceptado'
              AND NOT EXISTS (SELECT 1 FROM indicator_values v WHERE v.indicator_id = s.indicator_id AND v.year = s.year AND v.period = s.period)
            GROUP BY s.indicator_id, s.year, s.period
            """).ToListAsync(cancellationToken);
        var byId = chosen.ToDictionary(i => i.Id);
        foreach (var row in sums)
        {
            var indicator = byId[row.IndicatorId];
            var aggregate = PointAggregate.Of(indicator.ParsedFormula, [new PointFigures("suma", new Dictionary<string, decimal> { ["A"] = row.A, ["B"] = row.B })]);
            db.Values.Add(new IndicatorValue
            {
                IndicatorId = indicator.Id,
                Year = row.Year,
                Period = Enum.Parse<PeriodKind>(row.Period),
                Value = aggregate.Evaluation.Value,
                Status = ValueStatus.Validado,
                CreatedBy = SyntheticPlans.Author,
                CreatedAt = DateTimeOffset.UtcNow,
                IsDemo = true,
                Variables = [new() { Code = "A", Figure = row.A }, new() { Code = "B", Figure = row.B }],
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Cifras sintéticas por punto de registro: {Submissions} envíos, {Figures} cifras, {Values} valores", submissions, figures, sums.Count);
        return new Result(Math.Max(points, existing), chosen.Count, submissions, figures, sums.Count);
    }

    private sealed class PeriodSums
    {
        public int IndicatorId { get; set; }

        public int Year { get; set; }

        public string Period { get; set; } = "";

        public decimal A { get; set; }

        public decimal B { get; set; }
    }
}
