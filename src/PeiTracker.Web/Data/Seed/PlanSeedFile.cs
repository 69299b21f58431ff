namespace PeiTracker.Web.Data.Seed;

/// <summary>The shape of the versioned plan data file (Data/Seed/*.json).</summary>
public sealed record PlanSeedFile(
    string Source,
    string? CoverageNote,
    InstitutionSeed Institution,
    PlanSeed Plan,
    IReadOnlyList<UnitSeed> Units,
    IReadOnlyList<ObjectiveSeed> Objectives,
    ArticulationSeed? Articulation = null);

public sealed record InstitutionSeed(string PliegoCode, string Name, string Sector, string GovernmentLevel);

public sealed record PlanSeed(string Code, string Name, int FirstYear, int LastYear, string? ApprovingResolution, string? Mission);

public sealed record UnitSeed(string Acronym, string Name);

public sealed record ObjectiveSeed(
    string Code,
    string Type,
    string Statement,
    int Priority,
    IReadOnlyList<IndicatorSeed> Indicators,
    IReadOnlyList<ActionSeed> Actions,
    IReadOnlyList<string>? Notes);

public sealed record ActionSeed(string Code, string Statement, int Priority, IReadOnlyList<IndicatorSeed> Indicators, IReadOnlyList<string>? Notes);

public sealed record IndicatorSeed(
    string Key,
    string PublishedCode,
    string Name,
    IReadOnlyList<string> Units,
    string Unit,
    string Direction,
    string Aggregation,
    int Relevance,
    int Decimals,
    IReadOnlyList<string>? Inferred,
    BaselineSeed? Baseline,
    IReadOnlyDictionary<string, decimal?> Targets,
    string? TargetsStatus,
    IReadOnlyList<string>? Notes,
    IReadOnlyList<string>? Anomalies);

/// <summary>A baseline; <paramref name="Provisional"/> when the document marks it with a sign it does not explain.</summary>
public sealed record BaselineSeed(int? Year, decimal? Value, bool Provisional = false);
