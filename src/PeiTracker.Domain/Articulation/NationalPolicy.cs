namespace PeiTracker.Domain.Articulation;

/// <summary>
/// A Política Nacional the plan is articulated with (Anexo B-2), as the plan transcribes it: its objetivos
/// prioritarios, their lineamientos and the servicios through which the entity contributes.
/// </summary>
public class NationalPolicy
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public Plan? Plan { get; set; }

    public required string Name { get; set; }

    /// <summary>Position in the annex.</summary>
    public int SortOrder { get; set; }

    public string? Notes { get; set; }

    public List<PolicyObjective> Objectives { get; set; } = [];
}
