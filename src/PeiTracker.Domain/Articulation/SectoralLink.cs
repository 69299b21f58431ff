using PeiTracker.Domain.Editing;

namespace PeiTracker.Domain.Articulation;

/// <summary>
/// One row of the Anexo B-1: an OEI of the plan contributes to an AES of the PESEM (or to a whole OES, or to
/// every AES of the PESEM, as the MRE's OEI.11 does), with the text that explains the causal relation.
/// </summary>
public class SectoralLink
{
    public const int MaxCausalLength = 4000;

    public int Id { get; set; }

    public int PlanId { get; set; }

    public Plan? Plan { get; set; }

    public int ObjectiveId { get; set; }

    public StrategicObjective? Objective { get; set; }

    public int SectoralPlanId { get; set; }

    public SectoralPlan? SectoralPlan { get; set; }

    /// <summary>Set when the OEI contributes to a whole OES rather than to one of its AES.</summary>
    public int? SectoralObjectiveId { get; set; }

    public SectoralObjective? SectoralObjective { get; set; }

    public int? SectoralActionId { get; set; }

    public SectoralAction? SectoralAction { get; set; }

    /// <summary>The OEI contributes to every AES of the PESEM (the document says so in one row and a note).</summary>
    public bool CoversAllActions { get; set; }

    /// <summary>"Explicación de relación causal con OES o AES con el OEI del PEI"; null when our copy does not print it.</summary>
    public string? CausalExplanation { get; set; }

    public string? Notes { get; set; }

    /// <summary>PostgreSQL's xmin, used for optimistic concurrency.</summary>
    public uint Version { get; set; }

    /// <summary>What the OEI is linked to, as people read it: "AES.01.01", "OES.02", "todas las AES del PESEM".</summary>
    public string TargetCode =>
        CoversAllActions ? "todas las AES del PESEM" : SectoralAction?.Code ?? SectoralObjective?.Code ?? "?";

    /// <summary>Sets the causal explanation (blank clears it), or refuses it with the reason.</summary>
    public EditResult EditCausalExplanation(string? text)
    {
        var trimmed = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (trimmed is { Length: > MaxCausalLength })
        {
            return EditResult.Refused(ArticulationFields.CausalExplanation, ArticulationMessages.CausalTooLong);
        }

        if (trimmed == CausalExplanation)
        {
            return EditResult.Applied([]);
        }

        var change = new FieldChange(AuditKind.Articulacion, ArticulationAuditFields.CausalExplanation(TargetCode), CausalExplanation, trimmed);
        CausalExplanation = trimmed;
        return EditResult.Applied([change]);
    }
}
