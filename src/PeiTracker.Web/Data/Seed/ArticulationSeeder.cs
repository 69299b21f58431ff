using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Articulation;

namespace PeiTracker.Web.Data.Seed;

/// <summary>
/// Loads the articulation of a plan already in the database from the plan's data file, in one transaction.
/// Idempotent: a plan that already has any articulation (PESEM, policies, or a PGG vinculación) is left alone, so
/// the planning office's edits survive restarts, while a database seeded before the file had an articulation gains it.
/// A file that names a code the plan does not have is refused whole.
/// </summary>
public sealed class ArticulationSeeder(AppDbContext db, ILogger<ArticulationSeeder> logger)
{
    public async Task<bool> SeedAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = PlanSeeder.Read(path);
        if (file.Articulation is not { } articulation)
        {
            return false;
        }

        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Code == file.Plan.Code, cancellationToken);
        if (plan is null || await HasArticulationAsync(plan.Id, cancellationToken))
        {
            return false;
        }

        var objectives = await db.Objectives.Where(o => o.PlanId == plan.Id).ToDictionaryAsync(o => o.Code, cancellationToken);
        var actions = await db.Actions.Where(a => a.PlanId == plan.Id).ToDictionaryAsync(a => a.Code, cancellationToken);
        var indicators = await db.Indicators.Where(i => i.PlanId == plan.Id).ToDictionaryAsync(i => i.Key, cancellationToken);

        ApplyRuta(articulation.Ruta, objectives, actions);
        var pesem = articulation.Pesem is { } pesemSeed ? AddSectoralPlan(plan, pesemSeed) : null;
        AddSectoralLinks(plan, pesem, articulation.SectoralLinks ?? [], objectives);
        var services = AddPolicies(plan, articulation.NationalPolicies ?? []);
        AddPolicyLinks(plan, articulation.PolicyLinks ?? [], actions, indicators, services);

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded the articulation of plan {PlanCode}", plan.Code);
        return true;
    }

    private async Task<bool> HasArticulationAsync(int planId, CancellationToken cancellationToken) =>
        await db.SectoralPlans.AnyAsync(s => s.PlanId == planId, cancellationToken)
        || await db.NationalPolicies.AnyAsync(p => p.PlanId == planId, cancellationToken)
        || await db.Objectives.AnyAsync(o => o.PlanId == planId && o.PggStatus != PggStatus.SinDato, cancellationToken)
        || await db.Actions.AnyAsync(a => a.PlanId == planId && a.PggStatus != PggStatus.SinDato, cancellationToken);

    private static void ApplyRuta(
        IReadOnlyList<RutaRowSeed> rows,
        IReadOnlyDictionary<string, StrategicObjective> objectives,
        IReadOnlyDictionary<string, StrategicAction> actions)
    {
        foreach (var row in rows)
        {
            var pgg = PggAlignment.Parse(row.Pgg);
            if (objectives.TryGetValue(row.Code, out var objective))
            {
                (objective.PggStatus, objective.PggEje, objective.PggLineamiento) = pgg;
                objective.ArticulationNotes = Join(row.Notes);
            }
            else if (actions.TryGetValue(row.Code, out var action))
            {
                (action.PggStatus, action.PggEje, action.PggLineamiento) = pgg;
                action.ResponsibleUnitAsPrinted = row.ResponsibleUnit;
                action.ArticulationNotes = Join(row.Notes);
            }
            else
            {
                throw Unknown("La Ruta estratégica", row.Code);
            }
        }
    }

    private SectoralPlan AddSectoralPlan(Plan plan, SectoralPlanSeed seed)
    {
        var pesem = new SectoralPlan
        {
            Plan = plan,
            Code = seed.Code,
            Name = seed.Name,
            Resolution = seed.Resolution,
            FirstYear = seed.FirstYear,
            LastYear = seed.LastYear,
            Notes = Join(seed.Notes),
            Objectives = seed.Objectives.Select(o => new SectoralObjective
            {
                Code = o.Code,
                Statement = o.Statement,
                Indicators = [.. o.Indicators],
                Notes = Join(o.Notes),
                Actions = o.Actions.Select(a => new SectoralAction
                {
                    Code = a.Code,
                    Statement = a.Statement,
                    Indicators = [.. a.Indicators],
                    Notes = Join(a.Notes),
                }).ToList(),
            }).ToList(),
        };
        db.SectoralPlans.Add(pesem);
        return pesem;
    }

    private void AddSectoralLinks(Plan plan, SectoralPlan? pesem, IReadOnlyList<SectoralLinkSeed> seeds, IReadOnlyDictionary<string, StrategicObjective> objectives)
    {
        if (seeds.Count > 0 && pesem is null)
        {
            throw new InvalidDataException("El archivo de datos vincula OEI con el PESEM pero no describe el PESEM.");
        }

        foreach (var seed in seeds)
        {
            var objective = objectives.GetValueOrDefault(seed.Objective) ?? throw Unknown("El Anexo B-1", seed.Objective);
            var sectoralObjective = seed.SectoralObjective is { } oes
                ? pesem!.Objectives.SingleOrDefault(o => o.Code == oes) ?? throw Unknown("El Anexo B-1", oes)
                : null;
            var sectoralAction = seed.SectoralAction is { } aes
                ? pesem!.Objectives.SelectMany(o => o.Actions).SingleOrDefault(a => a.Code == aes) ?? throw Unknown("El Anexo B-1", aes)
                : null;
            db.SectoralLinks.Add(new SectoralLink
            {
                Plan = plan,
                Objective = objective,
                SectoralPlan = pesem!,
                SectoralObjective = sectoralObjective,
                SectoralAction = sectoralAction,
                CoversAllActions = seed.AllSectoralActions,
                CausalExplanation = seed.CausalExplanation,
                Notes = Join(seed.Notes),
            });
        }
    }

    private Dictionary<string, PolicyService> AddPolicies(Plan plan, IReadOnlyList<NationalPolicySeed> seeds)
    {
        var services = new Dictionary<string, PolicyService>(StringComparer.Ordinal);
        var order = 0;
        foreach (var seed in seeds)
        {
            db.NationalPolicies.Add(new NationalPolicy
            {
                Plan = plan,
                Name = seed.Name,
                SortOrder = ++order,
                Notes = Join(seed.Notes),
                Objectives = seed.Objectives.Select(o => new PolicyObjective
                {
                    Code = o.Code,
                    Statement = o.Statement,
                    Notes = Join(o.Notes),
                    Guidelines = o.Guidelines.Select(g => new PolicyGuideline
                    {
                        Code = g.Code,
                        Statement = g.Statement,
                        Notes = Join(g.Notes),
                        Services = g.Services.Select(s => services[s.Ref] = new PolicyService
                        {
                            Code = s.Code,
                            Statement = s.Statement,
                            Indicators = [.. s.Indicators],
                            Notes = Join(s.Notes),
                        }).ToList(),
                    }).ToList(),
                }).ToList(),
            });
        }

        return services;
    }

    private void AddPolicyLinks(
        Plan plan,
        IReadOnlyList<PolicyLinkSeed> seeds,
        IReadOnlyDictionary<string, StrategicAction> actions,
        IReadOnlyDictionary<string, Indicator> indicators,
        IReadOnlyDictionary<string, PolicyService> services)
    {
        var order = 0;
        foreach (var seed in seeds)
        {
            var action = actions.GetValueOrDefault(seed.Action) ?? throw Unknown("El Anexo B-2", seed.Action);
            var indicator = seed.Indicator is { } key ? indicators.GetValueOrDefault(key) ?? throw Unknown("El Anexo B-2", key) : null;
            if (indicator is not null && indicator.ActionId != action.Id)
            {
                throw new InvalidDataException($"El Anexo B-2 vincula {seed.Action} con {seed.Indicator}, que no es un indicador de esa AEI.");
            }

            db.PolicyLinks.Add(new PolicyLink
            {
                Plan = plan,
                Action = action,
                Indicator = indicator,
                PolicyService = seed.Service is { } reference ? services.GetValueOrDefault(reference) ?? throw Unknown("El Anexo B-2", reference) : null,
                SortOrder = ++order,
                Notes = Join(seed.Notes),
            });
        }
    }

    private static InvalidDataException Unknown(string where, string code) =>
        new($"{where} del archivo de datos nombra {code}, que no existe en el plan.");

    private static string? Join(IReadOnlyList<string>? notes) => notes is { Count: > 0 } ? string.Join("\n", notes) : null;
}
