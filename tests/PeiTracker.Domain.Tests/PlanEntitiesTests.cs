using PeiTracker.Domain;

namespace PeiTracker.Domain.Tests;

public class PlanEntitiesTests
{
    [Fact]
    public void Institution_DisplayName_IsPliegoCodeThenName()
    {
        var institution = new Institution { PliegoCode = "008", Name = "Ministerio de Relaciones Exteriores", Sector = "Relaciones Exteriores", GovernmentLevel = "Nacional" };

        Assert.Equal("008 Ministerio de Relaciones Exteriores", institution.DisplayName);
    }

    [Fact]
    public void PeriodClosure_IsClosedUntilReopened()
    {
        var closure = new PeriodClosure { Year = 2025, Period = PeriodKind.Anual, ClosedBy = "ogpp" };

        Assert.True(closure.IsClosed);

        closure.ReopenedAt = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(-5));

        Assert.False(closure.IsClosed);
    }
}
