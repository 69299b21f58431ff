namespace PeiTracker.Domain.Articulation;

/// <summary>
/// The Plan Estratégico Sectorial Multianual (PESEM) a plan is articulated with (Anexo B-1), as that plan
/// transcribes it: the PESEM belongs to the plan, so each plan keeps the version of the PESEM it was approved with.
/// </summary>
public class SectoralPlan
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public Plan? Plan { get; set; }

    /// <summary>Stable code, e.g. "PESEM-RREE-2024-2030".</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>The resolution that approved it, as printed ("R.M. N.° 0270-2024-RE").</summary>
    public string? Resolution { get; set; }

    public int FirstYear { get; set; }

    public int LastYear { get; set; }

    /// <summary>Transcription judgements.</summary>
    public string? Notes { get; set; }

    public List<SectoralObjective> Objectives { get; set; } = [];
}
