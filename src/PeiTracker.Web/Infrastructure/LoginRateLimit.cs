namespace PeiTracker.Web.Infrastructure;

public static class LoginRateLimit
{
    public const string Policy = "login";
}
