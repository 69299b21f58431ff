namespace PeiTracker.Web.Infrastructure;

public static class Policies
{
    public const string EditPlan = nameof(EditPlan);

    public const string Administer = nameof(Administer);

    public const string AdministerPlatform = nameof(AdministerPlatform);
}
