using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Formulas;
using PeiTracker.Domain.Points;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Points;

/// <summary>One point's row of the breakdown: who, where, its figures, its own value (formula on its figures) and state.</summary>
public sealed record PointRow(
    int SubmissionId,
    string Code,
    string Name,
    ReportingPointKind Kind,
    string Unit,
    string Continent,
    string Country,
    string? Department,
    string Region,
    IReadOnlyDictionary<string, decimal> Figures,
    FormulaEvaluation Own,
    PointSubmissionStatus Status,
    string? Comment,
    string? ReviewNote,
    uint Version);

/// <summary>A region's row: the formula on the sums of its accepted points' figures.</summary>
public sealed record RegionRow(string Continent, string? Country, int Points, PointAggregate Aggregate);

/// <summary>
/// An indicator's figures by reporting point and by region for one period. Only accepted figures enter the totals
/// (the indicator's value and each region's); every point's row shows its state.
/// </summary>
public sealed record PointBreakdown(
    Formula Formula,
    IReadOnlyList<IndicatorVariable> Variables,
    int Year,
    PeriodKind Period,
    IReadOnlyList<PointRow> Rows,
    PointAggregate Total,
    IReadOnlyList<RegionRow> Continents,
    IReadOnlyList<RegionRow> Countries,
    IReadOnlyList<(string Code, string Name)> Missing)
{
    public string VariableName(string code) => Variables.FirstOrDefault(v => v.Code == code)?.Name ?? code;

    public static async Task<PointBreakdown> LoadAsync(AppDbContext db, Indicator indicator, int year, PeriodKind period, CancellationToken cancellationToken = default)
    {
        var formula = indicator.ParsedFormula;
        var submissions = await db.PointSubmissions.AsNoTracking()
            .Where(s => s.IndicatorId == indicator.Id && s.Year == year && s.Period == period)
            .Select(s => new { s.Id, s.Point, Unit = s.Point!.Unit!.Acronym, s.Status, s.Comment, s.ReviewNote, s.Version, Figures = s.Figures.Select(f => new { f.Code, f.Figure }).ToList() })
            .ToListAsync(cancellationToken);
        var rows = submissions
            .Select(s =>
            {
                var figures = s.Figures.ToDictionary(f => f.Code, f => f.Figure, StringComparer.Ordinal);
                var p = s.Point!;
                return new PointRow(s.Id, p.Code, p.Name, p.Kind, s.Unit, p.Continent, p.Country, p.Department, p.Region, figures,
                    PointAggregate.Own(formula, figures), s.Status, s.Comment, s.ReviewNote, s.Version);
            })
            .OrderBy(r => r.Continent, StringComparer.Ordinal).ThenBy(r => r.Country, StringComparer.Ordinal).ThenBy(r => r.Code, StringComparer.Ordinal)
            .ToList();
        var accepted = rows.Where(r => r.Status == PointSubmissionStatus.Aceptado).ToList();
        PointAggregate Sum(IEnumerable<PointRow> group) => PointAggregate.Of(formula, group.Select(r => new PointFigures(r.Code, r.Figures)));
        var continents = accepted.GroupBy(r => r.Continent).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RegionRow(g.Key, null, g.Count(), Sum(g))).ToList();
        var countries = accepted.GroupBy(r => (r.Continent, r.Country)).OrderBy(g => g.Key.Continent, StringComparer.Ordinal).ThenBy(g => g.Key.Country, StringComparer.Ordinal)
            .Select(g => new RegionRow(g.Key.Continent, g.Key.Country, g.Count(), Sum(g))).ToList();
        var reported = rows.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        var missing = (await db.ReportingPoints.AsNoTracking()
                .Where(p => p.InstitutionId == indicator.Plan!.InstitutionId && p.IsActive)
                .OrderBy(p => p.Code).Select(p => new { p.Code, p.Name }).ToListAsync(cancellationToken))
            .Where(p => !reported.Contains(p.Code)).Select(p => (p.Code, p.Name)).ToList();
        var variables = formula.Variables.Select(code => indicator.Variables.FirstOrDefault(v => v.Code == code) ?? new IndicatorVariable { Code = code, Name = code }).ToList();
        return new PointBreakdown(formula, variables, year, period, rows, Sum(accepted), continents, countries, missing);
    }
}

/// <summary>
/// The breakdowns the indicator page shows, kept per indicator and period against the plan's data version (which the
/// points' figures move, ADR 0007): with 154 points a breakdown is a few hundred rows read and summed, the same for
/// every reader until a point's figures or the plan change.
/// </summary>
public sealed class PointBreakdownCache(int capacity)
{
    private readonly Microsoft.Extensions.Caching.Memory.MemoryCache kept = new(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions { SizeLimit = capacity });

    private sealed record Kept<T>(long DataVersion, T Item);

    /// <summary>
    /// The breakdown of the indicator for the period at <paramref name="dataVersion"/>; the indicator and the points'
    /// figures are read only when not kept. The version must be read before the call.
    /// </summary>
    public async Task<PointBreakdown> GetAsync(AppDbContext db, int indicatorId, int year, PeriodKind period, long dataVersion, CancellationToken cancellationToken = default) =>
        await KeptAsync((indicatorId, year, period), dataVersion, async () =>
        {
            var indicator = await db.Indicators.AsNoTracking().Include(i => i.Plan).Include(i => i.Variables).SingleAsync(i => i.Id == indicatorId, cancellationToken);
            return await PointBreakdown.LoadAsync(db, indicator, year, period, cancellationToken);
        });

    /// <summary>The latest period with a point's figures (null when none) at <paramref name="dataVersion"/>.</summary>
    public async Task<(int Year, PeriodKind Period)?> LatestPeriodAsync(AppDbContext db, int indicatorId, long dataVersion, CancellationToken cancellationToken = default) =>
        await KeptAsync((indicatorId, "latest"), dataVersion, async () =>
        {
            var latest = await db.PointSubmissions.AsNoTracking().Where(s => s.IndicatorId == indicatorId)
                .OrderByDescending(s => s.Year).ThenByDescending(s => s.Period).Select(s => new { s.Year, s.Period }).FirstOrDefaultAsync(cancellationToken);
            return latest is null ? ((int, PeriodKind)?)null : (latest.Year, latest.Period);
        });

    private async Task<T> KeptAsync<T>(object key, long dataVersion, Func<Task<T>> read)
    {
        if (kept.TryGetValue(key, out var found) && found is Kept<T> item && item.DataVersion == dataVersion)
        {
            return item.Item;
        }

        var value = await read();
        Microsoft.Extensions.Caching.Memory.CacheExtensions.Set(kept, key, new Kept<T>(dataVersion, value), new Microsoft.Extensions.Caching.Memory.MemoryCacheEntryOptions { Size = 1 });
        return value;
    }
}
