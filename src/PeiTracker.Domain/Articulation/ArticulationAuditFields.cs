namespace PeiTracker.Domain.Articulation;

/// <summary>The field names the history shows for articulation changes (the audit rows' "Campo").</summary>
public static class ArticulationAuditFields
{
    public const string Pgg = "Vinculación con la PGG";

    /// <summary>An OEI may explain its relation with several PESEM elements: the field names which one.</summary>
    public static string CausalExplanation(string sectoralCode) => $"Relación causal con {sectoralCode}";
}
