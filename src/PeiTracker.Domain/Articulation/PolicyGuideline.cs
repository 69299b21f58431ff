namespace PeiTracker.Domain.Articulation;

/// <summary>Lineamiento of an objetivo prioritario.</summary>
public class PolicyGuideline
{
    public int Id { get; set; }

    public int PolicyObjectiveId { get; set; }

    public PolicyObjective? PolicyObjective { get; set; }

    /// <summary>E.g. "1.2"; null when our copy does not print it legibly.</summary>
    public string? Code { get; set; }

    public required string Statement { get; set; }

    public string? Notes { get; set; }

    public List<PolicyService> Services { get; set; } = [];
}
