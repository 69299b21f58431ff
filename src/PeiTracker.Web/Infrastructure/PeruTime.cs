namespace PeiTracker.Web.Infrastructure;

/// <summary>Dates are stored in UTC and shown in Lima's time, whatever the server's zone.</summary>
public static class PeruTime
{
    private static readonly TimeZoneInfo Lima = Find();

    public static DateTimeOffset ToLima(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Lima);

    public static string Format(DateTimeOffset utc) => ToLima(utc).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string FormatDate(DateTimeOffset utc) => ToLima(utc).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The instant a day starts in Lima.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, Lima.GetUtcOffset(midnight)).ToUniversalTime();
    }

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/Lima");
        }
        catch (TimeZoneNotFoundException)
        {
            // Peru has no daylight saving time: a fixed offset is exact.
            return TimeZoneInfo.CreateCustomTimeZone("America/Lima", TimeSpan.FromHours(-5), "Lima", "Lima");
        }
    }
}
