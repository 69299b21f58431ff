using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data.Seed;

/// <summary>
/// Loads a plan from its versioned data file. Idempotent: a plan whose code already exists is
/// left alone, so the planning office's later edits are never overwritten by a restart.
/// </summary>
public sealed class PlanSeeder(AppDbContext db, ILogger<PlanSeeder> logger)
{
    public const string MrePlanFile = "mre-pei-2025-2030.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Data", "Seed", MrePlanFile);

    public static PlanSeedFile Read(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<PlanSeedFile>(stream, JsonOptions)
            ?? throw new InvalidDataException($"El archivo de datos {path} está vacío.");
    }

    public async Task<bool> SeedAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = Read(path);
        if (await db.Plans.AnyAsync(p => p.Code == file.Plan.Code, cancellationToken))
        {
            return false;
        }

        var institution = await db.Institutions.Include(i => i.Units)
            .SingleOrDefaultAsync(i => i.PliegoCode == file.Institution.PliegoCode, cancellationToken);
        if (institution is null)
        {
            institution = new Institution
            {
                PliegoCode = file.Institution.PliegoCode,
                Name = file.Institution.Name,
                Sector = file.Institution.Sector,
                GovernmentLevel = file.Institution.GovernmentLevel,
                ExecutingUnit = Institution.DefaultExecutingUnit(file.Institution.Name),
            };
            db.Institutions.Add(institution);
        }

        foreach (var unit in file.Units.Where(u => institution.Units.All(existing => existing.Acronym != u.Acronym)))
        {
            institution.Units.Add(new OrganizationalUnit { Acronym = unit.Acronym, Name = unit.Name });
        }

        var plan = new Plan
        {
            Institution = institution,
            Code = file.Plan.Code,
            Name = file.Plan.Name,
            FirstYear = file.Plan.FirstYear,
            LastYear = file.Plan.LastYear,
            ApprovingResolution = file.Plan.ApprovingResolution,
            Mission = file.Plan.Mission,
            Status = PlanStatus.Vigente,
        };
        db.Plans.Add(plan);
        var unitsByAcronym = institution.Units.ToDictionary(u => u.Acronym, StringComparer.OrdinalIgnoreCase);

        foreach (var objectiveSeed in file.Objectives)
        {
            var objective = new StrategicObjective
            {
                Plan = plan,
                Code = objectiveSeed.Code,
                Type = objectiveSeed.Type.Trim().ToUpperInvariant() == "II" ? ObjectiveType.TipoII : ObjectiveType.TipoI,
                Statement = objectiveSeed.Statement,
                Priority = objectiveSeed.Priority,
            };
            plan.Objectives.Add(objective);
            AddIndicators(plan, objectiveSeed.Indicators, unitsByAcronym, ind => ind.Objective = objective);

            foreach (var actionSeed in objectiveSeed.Actions)
            {
                var action = new StrategicAction
                {
                    Plan = plan,
                    Objective = objective,
                    Code = actionSeed.Code,
                    Statement = actionSeed.Statement,
                    Priority = actionSeed.Priority,
                };
                objective.Actions.Add(action);
                AddIndicators(plan, actionSeed.Indicators, unitsByAcronym, ind => ind.Action = action);
            }
        }

        // One SaveChanges: the institution, units and the whole plan are written in one transaction.
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded plan {PlanCode} with {Indicators} indicators", plan.Code, plan.Indicators.Count);
        return true;
    }

    private static void AddIndicators(
        Plan plan,
        IReadOnlyList<IndicatorSeed> seeds,
        IReadOnlyDictionary<string, OrganizationalUnit> unitsByAcronym,
        Action<Indicator> attach)
    {
        var order = 0;
        foreach (var seed in seeds)
        {
            var indicator = new Indicator
            {
                Plan = plan,
                Key = seed.Key,
                PublishedCode = seed.PublishedCode,
                Name = seed.Name,
                SortOrder = ++order,
                Unit = Enum.Parse<UnitOfMeasure>(seed.Unit, ignoreCase: true),
                Direction = Enum.Parse<Direction>(seed.Direction, ignoreCase: true),
                Aggregation = Enum.Parse<Aggregation>(seed.Aggregation, ignoreCase: true),
                Relevance = seed.Relevance,
                Decimals = seed.Decimals,
                BaselineYear = seed.Baseline?.Year,
                BaselineValue = seed.Baseline?.Value,
                BaselineProvisional = seed.Baseline?.Provisional ?? false,
                Inferred = (seed.Inferred ?? []).Aggregate(InferredFields.None, (acc, name) => acc | Enum.Parse<InferredFields>(name, ignoreCase: true)),
                Notes = JoinNotes(seed),
            };
            indicator.StartFormula();
            attach(indicator);
            foreach (var acronym in seed.Units)
            {
                if (!unitsByAcronym.TryGetValue(acronym, out var unit))
                {
                    throw new InvalidDataException($"El indicador {seed.Key} nombra la unidad {acronym}, que no está declarada.");
                }

                indicator.ResponsibleUnits.Add(new IndicatorResponsibleUnit { Indicator = indicator, Unit = unit });
            }

            foreach (var (yearText, value) in seed.Targets)
            {
                if (value is { } target)
                {
                    indicator.Targets.Add(new AnnualTarget { Year = int.Parse(yearText, System.Globalization.CultureInfo.InvariantCulture), Value = target });
                }
            }

            plan.Indicators.Add(indicator);
        }
    }

    private static string? JoinNotes(IndicatorSeed seed)
    {
        var lines = (seed.Anomalies ?? []).Select(a => "Anomalía del documento oficial: " + a)
            .Concat(seed.Notes ?? [])
            .ToList();
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }
}
