using PeiTracker.Domain.Articulation;
using PeiTracker.Domain.Editing;

namespace PeiTracker.Domain.Tests.Articulation;

public class SectoralLinkTests
{
    private static SectoralLink Link(string? causal) => new()
    {
        SectoralAction = new SectoralAction { Code = "AES.01.06", Statement = "Incrementar la presencia cultural del Perú en el exterior" },
        CausalExplanation = causal,
    };

    [Fact]
    public void EditCausalExplanation_NewText_ReportsTheOldTextAsBefore()
    {
        var link = Link("La relación causal entre el OEI.06 con la AES.01.06 se sustenta…");

        var result = link.EditCausalExplanation("  Texto revisado por la OGPP. ");

        Assert.Equal([new FieldChange(AuditKind.Articulacion, "Relación causal con AES.01.06", "La relación causal entre el OEI.06 con la AES.01.06 se sustenta…", "Texto revisado por la OGPP.")], result.Changes);
        Assert.Equal("Texto revisado por la OGPP.", link.CausalExplanation);
    }

    [Fact]
    public void EditCausalExplanation_Blank_ClearsIt()
    {
        var link = Link("Texto");

        var result = link.EditCausalExplanation("   ");

        Assert.Null(Assert.Single(result.Changes).After);
        Assert.Null(link.CausalExplanation);
    }

    [Fact]
    public void EditCausalExplanation_TooLong_IsRefusedAndKeepsTheText()
    {
        var link = Link("Texto");

        var result = link.EditCausalExplanation(new string('a', SectoralLink.MaxCausalLength + 1));

        Assert.Equal(ArticulationMessages.CausalTooLong, result.Errors[ArticulationFields.CausalExplanation]);
        Assert.Equal("Texto", link.CausalExplanation);
    }

    [Fact]
    public void TargetCode_AllActions_SaysSo()
    {
        Assert.Equal("todas las AES del PESEM", new SectoralLink { CoversAllActions = true }.TargetCode);
    }
}
