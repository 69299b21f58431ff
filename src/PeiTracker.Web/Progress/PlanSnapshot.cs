using PeiTracker.Domain;

namespace PeiTracker.Web.Progress;

/// <summary>
/// A plan's tree as the progress cache hands it to every request: records and read-only lists copied
/// once per data version from the loaded entities, in plan order (OEI and AEI by priority, indicators as
/// published). The cache shares one instance between requests, so nothing in it can be changed or reordered.
/// </summary>
public sealed record PlanSnapshot(
    int Id,
    string Code,
    string Name,
    int FirstYear,
    int LastYear,
    string? Mission,
    InstitutionSnapshot Institution,
    PlanSettings Settings,
    IReadOnlyList<ObjectiveSnapshot> Objectives)
{
    public IEnumerable<int> Years => Enumerable.Range(FirstYear, LastYear - FirstYear + 1);

    public bool Covers(int year) => year >= FirstYear && year <= LastYear;

    /// <summary>Every indicator in plan order: each OEI's own, then those of its AEI.</summary>
    public IEnumerable<IndicatorSnapshot> Indicators => Objectives.SelectMany(o => o.AllIndicators);

    /// <summary>Copies a tree loaded by <see cref="Data.PlanQueries.LoadTreesAsync"/> (already in plan order).</summary>
    public static PlanSnapshot Of(Plan plan)
    {
        var institution = plan.Institution ?? throw new ArgumentException("The plan must come with its institution.", nameof(plan));
        var units = new Dictionary<int, UnitSnapshot>();
        UnitSnapshot UnitOf(OrganizationalUnit unit) =>
            units.TryGetValue(unit.Id, out var known) ? known : units[unit.Id] = new UnitSnapshot(unit.Id, unit.Name, unit.Acronym);

        IndicatorSnapshot IndicatorOf(Indicator i) => new(
            i.Id, i.Key, i.PublishedCode, i.Name, i.Unit, i.Direction, i.Aggregation, i.Relevance, i.Decimals, i.BaselineYear, i.BaselineValue,
            [.. i.ResponsibleUnits.Select(u => UnitOf(u.Unit!))],
            [.. i.Targets.OrderBy(t => t.Year).Select(t => new TargetSnapshot(t.Year, t.Value))],
            [.. i.Values.Select(v => new ValueSnapshot(v.Year, v.Period, v.Value, v.Status, v.Comment))]);

        return new PlanSnapshot(
            plan.Id, plan.Code, plan.Name, plan.FirstYear, plan.LastYear, plan.Mission,
            new InstitutionSnapshot(institution.PliegoCode, institution.Name, institution.Sector, institution.GovernmentLevel, institution.ExecutingUnit),
            plan.Settings,
            [.. plan.Objectives.Select(o => new ObjectiveSnapshot(
                o.Id, o.Code, o.Type, o.Statement, o.Priority,
                [.. o.Indicators.Select(IndicatorOf)],
                [.. o.Actions.Select(a => new ActionSnapshot(a.Id, a.Code, a.Statement, a.Priority, [.. a.Indicators.Select(IndicatorOf)]))]))]);
    }
}

public sealed record InstitutionSnapshot(string PliegoCode, string Name, string Sector, string GovernmentLevel, string ExecutingUnit)
{
    public string DisplayName => $"{PliegoCode} {Name}";
}

/// <summary>An OEI with its own indicators and its AEI.</summary>
public sealed record ObjectiveSnapshot(
    int Id,
    string Code,
    ObjectiveType Type,
    string Statement,
    int Priority,
    IReadOnlyList<IndicatorSnapshot> Indicators,
    IReadOnlyList<ActionSnapshot> Actions)
{
    /// <summary>The OEI's indicators, then its AEI's.</summary>
    public IEnumerable<IndicatorSnapshot> AllIndicators => Indicators.Concat(Actions.SelectMany(a => a.Indicators));
}

public sealed record ActionSnapshot(int Id, string Code, string Statement, int Priority, IReadOnlyList<IndicatorSnapshot> Indicators);

/// <summary>An indicator's definition, línea base, logros esperados (by year) and every recorded value with its review state.</summary>
public sealed record IndicatorSnapshot(
    int Id,
    string Key,
    string PublishedCode,
    string Name,
    UnitOfMeasure Unit,
    Direction Direction,
    Aggregation Aggregation,
    int Relevance,
    int Decimals,
    int? BaselineYear,
    decimal? BaselineValue,
    IReadOnlyList<UnitSnapshot> Units,
    IReadOnlyList<TargetSnapshot> Targets,
    IReadOnlyList<ValueSnapshot> Values)
{
    public decimal? TargetFor(int year) => Targets.FirstOrDefault(t => t.Year == year)?.Value;
}

public sealed record UnitSnapshot(int Id, string Name, string Acronym);

public sealed record TargetSnapshot(int Year, decimal Value);

public sealed record ValueSnapshot(int Year, PeriodKind Period, decimal? Value, ValueStatus Status, string? Comment);
