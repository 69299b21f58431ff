using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using static PeiTracker.Domain.Tests.Progress.ProgressTestData;

namespace PeiTracker.Domain.Tests.Progress;

/// <summary>An OES's or a PGG eje's avance: the plain mean of its linked OEI's (or AEI's) avance, checked by hand.</summary>
public class ArticulationRollUpTests
{
    // Members as "code=avance", "code=" for one without avance in the period.
    [Theory]
    [InlineData("OEI.06=80 OEI.09=60", "70", ProgressStatus.Rojo, "(80 + 60) / 2 = 70")]
    [InlineData("OEI.10=100 OEI.06=90 OEI.09=95", "95", ProgressStatus.Verde, "(100 + 90 + 95) / 3 = 95")]
    [InlineData("OEI.07=75 OEI.11=", "75", ProgressStatus.Amarillo, "(75) / 1 = 75")]
    [InlineData("OEI.01=33.33 OEI.02=66.67 OEI.03=50", "50", ProgressStatus.Rojo, "(33.33 + 66.67 + 50) / 3 = 50")]
    [InlineData("OEI.01=10 OEI.02=20 OEI.03=25", "18.333333333333333333333333333", ProgressStatus.Rojo, "(10 + 20 + 25) / 3 = 18.33")]
    [InlineData("OEI.07= OEI.11=", null, ProgressStatus.SinDato, "Ninguno de sus elementos articulados tiene avance en el periodo.")]
    [InlineData("", null, ProgressStatus.SinDato, "Nada del plan está articulado con él.")]
    public void Of_Members_IsTheirPlainMeanLeavingOutThoseWithoutAvance(string members, string? avance, ProgressStatus status, string explanation)
    {
        var result = ArticulationRollUp.Of(Parse(members), new PlanSettings());

        Assert.Equal(avance is null ? null : D(avance), result.Avance);
        Assert.Equal(status, result.Status);
        Assert.Equal(explanation, result.Explanation);
    }

    [Fact]
    public void Of_MemberWithoutAvance_IsNamedNotCountedAsZero()
    {
        var result = ArticulationRollUp.Of(Parse("OEI.07=80 OEI.11="), new PlanSettings());

        Assert.Equal(80m, result.Avance);
        Assert.Equal(["OEI.11"], result.WithoutAvance);
        Assert.Equal(2, result.Count);
    }

    [Theory]
    [InlineData("90", ProgressStatus.Verde)]
    [InlineData("89.99", ProgressStatus.Amarillo)]
    public void Of_Colour_FollowsThePlansThresholds(string avance, ProgressStatus status)
    {
        var settings = new PlanSettings { GreenThreshold = 90m, YellowThreshold = 60m };

        Assert.Equal(status, ArticulationRollUp.Of([new("OEI.01", D(avance))], settings).Status);
    }

    private static IEnumerable<ArticulationRollUp.Member> Parse(string members) =>
        members.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(m => m.Split('='))
            .Select(p => new ArticulationRollUp.Member(p[0], p[1].Length == 0 ? null : D(p[1])));
}
