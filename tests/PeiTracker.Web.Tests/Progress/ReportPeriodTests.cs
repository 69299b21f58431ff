using PeiTracker.Domain;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Tests.Progress;

public class ReportPeriodTests
{
    [Theory]
    [InlineData("2026-01-15", true, 2025, PeriodKind.Anual)]
    [InlineData("2026-06-30", true, 2025, PeriodKind.Anual)]
    [InlineData("2026-07-01", true, 2026, PeriodKind.PrimerSemestre)]
    [InlineData("2026-12-31", true, 2026, PeriodKind.PrimerSemestre)]
    [InlineData("2026-12-31", false, 2025, PeriodKind.Anual)]
    public void Open_LimaDateAndSemesterFollowUp_IsThePeriodBeingReported(string today, bool semesters, int year, PeriodKind kind)
    {
        Assert.Equal(new ReportPeriod(year, kind), ReportPeriod.Open(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), semesters));
    }
}
