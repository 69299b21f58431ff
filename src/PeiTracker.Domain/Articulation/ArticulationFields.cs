namespace PeiTracker.Domain.Articulation;

/// <summary>The keys of the articulation's refusals: the names the forms bind, after the page's prefix.</summary>
public static class ArticulationFields
{
    public const string Pgg = "Pgg";
    public const string CausalExplanation = "CausalExplanation";
}
