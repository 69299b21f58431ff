namespace PeiTracker.Domain.Articulation;

/// <summary>
/// One row of the Anexo B-2 as far as our copy lets it be read: an AEI (and one of its indicators) of the plan
/// contributes to a servicio of a national policy. The servicio is null when the row lists the AEI but the cells
/// that would say which servicio are empty or shifted in the copy; the notes say why.
/// </summary>
public class PolicyLink
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public Plan? Plan { get; set; }

    public int ActionId { get; set; }

    public StrategicAction? Action { get; set; }

    public int? IndicatorId { get; set; }

    public Indicator? Indicator { get; set; }

    public int? PolicyServiceId { get; set; }

    public PolicyService? PolicyService { get; set; }

    /// <summary>Position in the annex.</summary>
    public int SortOrder { get; set; }

    public string? Notes { get; set; }
}
