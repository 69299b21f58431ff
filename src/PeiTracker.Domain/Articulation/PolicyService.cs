namespace PeiTracker.Domain.Articulation;

/// <summary>Servicio of a national policy through which the entity contributes, with its indicators' names.</summary>
public class PolicyService
{
    public int Id { get; set; }

    public int PolicyGuidelineId { get; set; }

    public PolicyGuideline? PolicyGuideline { get; set; }

    /// <summary>E.g. "3.3.37"; null when our copy does not print it legibly.</summary>
    public string? Code { get; set; }

    public required string Statement { get; set; }

    public List<string> Indicators { get; set; } = [];

    public string? Notes { get; set; }
}
