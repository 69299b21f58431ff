using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Pages.Plan;

/// <summary>
/// What the indicator page shows of an indicator's definition: ficha técnica, owner, línea base and logros
/// esperados, copied from the entities once per plan data version (every column here moves the version, ADR 0007).
/// </summary>
public sealed record IndicatorSheet(
    int Id,
    long DataVersion,
    string Key,
    string PublishedCode,
    string Name,
    string? Notes,
    InferredFields Inferred,
    string PlanCode,
    int FirstYear,
    int LastYear,
    PlanSettings Settings,
    string OwnerCode,
    string OwnerStatement,
    string? ObjectiveCode,
    string ResponsibleUnits,
    UnitOfMeasure Unit,
    Direction Direction,
    PermissibleLimitKind? LimitKind,
    decimal? PermissibleLimit,
    Aggregation Aggregation,
    int Relevance,
    int Decimals,
    string? Justification,
    string? LimitationsAndAssumptions,
    string? CalculationMethod,
    string? DataSource,
    int? BaselineYear,
    decimal? BaselineValue,
    bool BaselineProvisional,
    IReadOnlyList<SheetTarget> Targets,
    IReadOnlyList<SheetSemesterTarget> SemesterTargets,
    string Formula,
    IReadOnlyList<SheetVariable> Variables,
    int InstitutionId,
    IReadOnlyList<int> ResponsibleUnitIds,
    bool CollectedByPoint)
{
    public IEnumerable<int> Years => Enumerable.Range(FirstYear, LastYear - FirstYear + 1);

    public bool Covers(int year) => year >= FirstYear && year <= LastYear;

    public decimal? TargetFor(int year) => Targets.FirstOrDefault(t => t.Year == year)?.Value;

    /// <summary>Copies an indicator loaded with its plan, owner, responsible units and targets.</summary>
    public static IndicatorSheet Of(Indicator i, long dataVersion)
    {
        var plan = i.Plan!;
        var (ownerCode, ownerStatement, objectiveCode) = i.Action is { } action
            ? (action.Code, action.Statement, action.Objective!.Code)
            : (i.Objective!.Code, i.Objective.Statement, (string?)null);
        return new IndicatorSheet(
            i.Id, dataVersion, i.Key, i.PublishedCode, i.Name, i.Notes, i.Inferred,
            plan.Code, plan.FirstYear, plan.LastYear, plan.Settings,
            ownerCode, ownerStatement, objectiveCode,
            string.Join("; ", i.ResponsibleUnits.Select(u => $"{u.Unit!.Name} ({u.Unit.Acronym})")),
            i.Unit, i.Direction, i.LimitKind, i.PermissibleLimit, i.Aggregation, i.Relevance, i.Decimals,
            i.Justification, i.LimitationsAndAssumptions, i.CalculationMethod, i.DataSource,
            i.BaselineYear, i.BaselineValue, i.BaselineProvisional,
            [.. i.Targets.OrderBy(t => t.Year).Select(t => new SheetTarget(t.Year, t.Value, t.IsRevised, t.OriginalValue, t.RevisionReason))],
            [.. i.SemesterTargets.OrderBy(t => t.Year).ThenBy(t => t.Period).Select(t => new SheetSemesterTarget(t.Year, t.Period, t.Value))],
            i.ParsedFormula.Text,
            [.. i.Variables.OrderBy(v => v.SortOrder).Select(v => new SheetVariable(v.Code, v.Name, v.Source, v.Unit))],
            plan.InstitutionId,
            [.. i.ResponsibleUnits.Select(u => u.UnitId)],
            i.CollectedByPoint);
    }
}

public sealed record SheetTarget(int Year, decimal Value, bool IsRevised, decimal? OriginalValue, string? RevisionReason);

public sealed record SheetSemesterTarget(int Year, PeriodKind Period, decimal Value);

public sealed record SheetVariable(string Code, string Name, string? Source, string? Unit);

/// <summary>
/// Indicator sheets kept in memory under the plan data version they were read at, like <see cref="ProgressCache"/>:
/// a sheet is used only while its version equals the plan's, so a write anywhere is seen at the next request.
/// </summary>
public sealed class IndicatorSheetCache(int capacity)
{
    private readonly MemoryCache sheets = new(new MemoryCacheOptions { SizeLimit = capacity });

    /// <summary>The sheet at the stamp's version, read from the database (in a fixed number of queries) when not kept.</summary>
    public async Task<IndicatorSheet?> GetAsync(AppDbContext db, int indicatorId, PlanStamp stamp, CancellationToken cancellationToken = default)
    {
        if (sheets.TryGetValue(indicatorId, out IndicatorSheet? kept) && kept!.DataVersion == stamp.DataVersion)
        {
            return kept;
        }

        // The stamp was read before these rows, so a sheet is never older than the version it is kept under.
        var indicator = await db.Indicators.AsNoTracking()
            .Include(i => i.Plan)
            .Include(i => i.Objective)
            .Include(i => i.Action).ThenInclude(a => a!.Objective)
            .Include(i => i.ResponsibleUnits).ThenInclude(u => u.Unit)
            .Include(i => i.Targets)
            .Include(i => i.SemesterTargets)
            .Include(i => i.Variables)
            .AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == indicatorId, cancellationToken);
        if (indicator is null)
        {
            return null;
        }

        var sheet = IndicatorSheet.Of(indicator, stamp.DataVersion);
        sheets.Set(indicatorId, sheet, new MemoryCacheEntryOptions { Size = 1 });
        return sheet;
    }
}
