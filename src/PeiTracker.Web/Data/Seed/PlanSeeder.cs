using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Editing;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Data.Seed;

/// <summary>
/// Loads a plan from its versioned data file. Idempotent: a plan whose code already exists is not loaded again;
/// <see cref="UpdateAsync"/> then brings it the corrections of a newer file (transcription notes, a baseline
/// transcribed anew) through the audited write path, without overwriting what the planning office edited.
/// </summary>
public sealed class PlanSeeder(AppDbContext db, AuditedWriter writer, ILogger<PlanSeeder> logger)
{
    public const string MrePlanFile = "mre-pei-2025-2030.json";

    /// <summary>Who the history names for the corrections the data file brings.</summary>
    public const string SeedUser = "Archivo de datos del plan";

    public const string UpdateReason = "Corrección de la transcripción del documento oficial en una versión nueva del archivo de datos del plan.";

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

    /// <summary>
    /// Brings a plan loaded by an earlier version of the data file up to date with this one, indicator by indicator
    /// (<see cref="Indicator.ApplyTranscription"/>): the transcription notes always, the línea base only where no
    /// person has recorded a baseline change (the history's LineaBase rows other than this seeder's). One audit row per
    /// change, one transaction; running it again changes nothing. Returns how many indicators changed.
    /// </summary>
    public async Task<int> UpdateAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = Read(path);
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Code == file.Plan.Code, cancellationToken);
        if (plan is null)
        {
            return 0;
        }

        var indicators = await db.Indicators.Where(i => i.PlanId == plan.Id).ToDictionaryAsync(i => i.Key, cancellationToken);
        var editedByPerson = (await db.AuditEntries.AsNoTracking()
            .Where(a => a.PlanId == plan.Id && a.Kind == AuditKind.LineaBase && a.IndicatorId != null && a.UserName != SeedUser)
            .Select(a => a.IndicatorId!.Value).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var batches = new List<AuditedChanges>();
        foreach (var seed in file.Objectives.SelectMany(o => o.Indicators.Concat(o.Actions.SelectMany(a => a.Indicators))))
        {
            if (!indicators.TryGetValue(seed.Key, out var indicator))
            {
                continue;
            }

            var result = indicator.ApplyTranscription(JoinNotes(seed), new Baseline(seed.Baseline?.Year, seed.Baseline?.Value), seed.Baseline?.Provisional ?? false, editedByPerson.Contains(indicator.Id));
            if (result.Changes.Count > 0)
            {
                writer.Expect(indicator, indicator.Version);
                batches.Add(new AuditedChanges(new AuditContext(SeedUser, indicator.Key, UpdateReason, plan.Id, indicator.Id), result.Changes));
            }
        }

        if (await writer.SaveAsync(batches, cancellationToken) == WriteStatus.Saved)
        {
            logger.LogInformation("Brought {Count} indicators of plan {PlanCode} up to date with its data file", batches.Count, plan.Code);
        }

        return batches.Count;
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
