namespace PeiTracker.Domain.Consistency;

/// <summary>
/// What the consistency check needs to know of a plan's articulation beyond its tree: which OEI have a row in the
/// Anexo B-1 (a link with the PESEM). The PGG vinculación travels on the OEI and AEI themselves.
/// </summary>
public sealed record PlanArticulationFacts(IReadOnlySet<int> ObjectivesLinkedToPesem);
