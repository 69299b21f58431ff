namespace PeiTracker.Web.Data.Seed;

/// <summary>
/// The plan's articulation as the data file transcribes it: the Ruta estratégica's PGG column, the PESEM
/// (Anexo B-1) and the national policies (Anexo B-2). Elements are named by their published codes; the
/// policy servicios, which have no reliable code, by a reference local to the file.
/// </summary>
public sealed record ArticulationSeed(
    string? Source,
    IReadOnlyList<string>? Notes,
    IReadOnlyList<RutaRowSeed> Ruta,
    SectoralPlanSeed? Pesem,
    IReadOnlyList<SectoralLinkSeed>? SectoralLinks,
    IReadOnlyList<NationalPolicySeed>? NationalPolicies,
    IReadOnlyList<PolicyLinkSeed>? PolicyLinks);

/// <summary>One OEI or AEI of the Ruta estratégica: its PGG cell as printed and, for an AEI, its UO responsable.</summary>
public sealed record RutaRowSeed(string Code, string? Pgg, string? ResponsibleUnit, IReadOnlyList<string>? Notes);

public sealed record SectoralPlanSeed(
    string Code,
    string Name,
    string? Resolution,
    int FirstYear,
    int LastYear,
    IReadOnlyList<string>? Notes,
    IReadOnlyList<SectoralObjectiveSeed> Objectives);

public sealed record SectoralObjectiveSeed(string Code, string Statement, IReadOnlyList<string> Indicators, IReadOnlyList<string>? Notes, IReadOnlyList<SectoralActionSeed> Actions);

public sealed record SectoralActionSeed(string Code, string Statement, IReadOnlyList<string> Indicators, IReadOnlyList<string>? Notes);

public sealed record SectoralLinkSeed(
    string Objective,
    string? SectoralObjective,
    string? SectoralAction,
    bool AllSectoralActions,
    string? CausalExplanation,
    IReadOnlyList<string>? Notes);

public sealed record NationalPolicySeed(string Ref, string Name, IReadOnlyList<string>? Notes, IReadOnlyList<PolicyObjectiveSeed> Objectives);

public sealed record PolicyObjectiveSeed(string? Code, string? Statement, IReadOnlyList<string>? Notes, IReadOnlyList<PolicyGuidelineSeed> Guidelines);

public sealed record PolicyGuidelineSeed(string? Code, string Statement, IReadOnlyList<string>? Notes, IReadOnlyList<PolicyServiceSeed> Services);

public sealed record PolicyServiceSeed(string Ref, string? Code, string Statement, IReadOnlyList<string> Indicators, IReadOnlyList<string>? Notes);

/// <summary>One row of the Anexo B-2: an AEI, optionally one of its indicators (by key), and the servicio (by reference) or none.</summary>
public sealed record PolicyLinkSeed(string Action, string? Indicator, string? Service, IReadOnlyList<string>? Notes);
