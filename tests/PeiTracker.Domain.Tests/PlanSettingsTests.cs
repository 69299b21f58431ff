using PeiTracker.Domain;

namespace PeiTracker.Domain.Tests;

public class PlanSettingsTests
{
    [Fact]
    public void New_Defaults_AreCeplanPractice()
    {
        var settings = new PlanSettings();

        Assert.Equal(
            (95m, 75m, true, 100m, WeightingRule.PorRelevancia, AvanceType.TipoI, true, true),
            (settings.GreenThreshold, settings.YellowThreshold, settings.CapEnabled, settings.Cap, settings.Weighting, settings.DashboardAvance, settings.OnlyValidated, settings.SemesterFollowUp));
        Assert.Null(settings.Problem());
    }

    [Theory]
    [InlineData("95", "75", true, "100", null)]
    [InlineData("1000", "0", true, "1000", null)]
    [InlineData("95", "-0.1", true, "100", "Los umbrales deben estar entre 0 y 1000.")]
    [InlineData("1000.1", "75", true, "2000", "Los umbrales deben estar entre 0 y 1000.")]
    [InlineData("95", "95", true, "100", "El umbral amarillo debe ser menor que el verde.")]
    [InlineData("90", "95", true, "100", "El umbral amarillo debe ser menor que el verde.")]
    [InlineData("95", "75", true, "95", null)]
    [InlineData("95", "75", true, "94.9", "El tope no puede ser menor que el umbral verde.")]
    [InlineData("95", "75", false, "50", null)]
    public void Problem_ThresholdsAndCap_MustBeCoherent(string green, string yellow, bool capEnabled, string cap, string? expected)
    {
        var settings = new PlanSettings
        {
            GreenThreshold = decimal.Parse(green, System.Globalization.CultureInfo.InvariantCulture),
            YellowThreshold = decimal.Parse(yellow, System.Globalization.CultureInfo.InvariantCulture),
            CapEnabled = capEnabled,
            Cap = decimal.Parse(cap, System.Globalization.CultureInfo.InvariantCulture),
        };

        Assert.Equal(expected, settings.Problem());
    }
}
