namespace PeiTracker.Web.Infrastructure;

/// <summary>Whether demo values are present; set at start-up, shown as a banner on every page.</summary>
public sealed class DemoMode
{
    public bool IsActive { get; set; }
}
