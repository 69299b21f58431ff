namespace PeiTracker.Domain.Articulation;

/// <summary>Objetivo prioritario (OP) of a national policy. Code or statement may be missing from the plan's copy.</summary>
public class PolicyObjective
{
    public int Id { get; set; }

    public int NationalPolicyId { get; set; }

    public NationalPolicy? NationalPolicy { get; set; }

    /// <summary>As printed, e.g. "OP 1".</summary>
    public string? Code { get; set; }

    public string? Statement { get; set; }

    public string? Notes { get; set; }

    public List<PolicyGuideline> Guidelines { get; set; } = [];
}
