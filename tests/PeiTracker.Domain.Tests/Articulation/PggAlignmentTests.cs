using PeiTracker.Domain.Articulation;
using PeiTracker.Domain.Editing;

namespace PeiTracker.Domain.Tests.Articulation;

/// <summary>The vinculación con la PGG: how the Ruta estratégica's cells read, and what an edit may set.</summary>
public class PggAlignmentTests
{
    [Theory]
    [InlineData("Eje 10 Lin.10.5", PggStatus.Vinculado, 10, "10.5")]
    [InlineData("Eje 10 Lin. 10.1", PggStatus.Vinculado, 10, "10.1")]
    [InlineData("Eje 1 Lin. 1.3", PggStatus.Vinculado, 1, "1.3")]
    [InlineData("No priorizado", PggStatus.NoPriorizado, null, null)]
    [InlineData(null, PggStatus.SinDato, null, null)]
    [InlineData("  ", PggStatus.SinDato, null, null)]
    public void Parse_PrintedCell_ReadsStatusEjeAndLineamiento(string? printed, PggStatus status, int? eje, string? lineamiento)
    {
        Assert.Equal(new PggAlignment(status, eje, lineamiento), PggAlignment.Parse(printed));
    }

    [Theory]
    [InlineData("Eje 10")]
    [InlineData("Eje 10 Lin. 6.1")]
    [InlineData("Priorizado")]
    public void Parse_NotAPggCell_StopsTheLoad(string printed)
    {
        Assert.Throws<FormatException>(() => PggAlignment.Parse(printed));
    }

    [Theory]
    [InlineData(PggStatus.Vinculado, 10, "10.5", null)]
    [InlineData(PggStatus.Vinculado, 6, "6.12", null)]
    [InlineData(PggStatus.Vinculado, 10, "9.1", "El lineamiento debe numerarse dentro de su eje: por ejemplo 10.1 para el eje 10.")]
    [InlineData(PggStatus.Vinculado, 10, "10", "El lineamiento debe numerarse dentro de su eje: por ejemplo 10.1 para el eje 10.")]
    [InlineData(PggStatus.Vinculado, 10, null, "El lineamiento debe numerarse dentro de su eje: por ejemplo 10.1 para el eje 10.")]
    [InlineData(PggStatus.Vinculado, null, "10.5", ArticulationMessages.PggEje)]
    [InlineData(PggStatus.Vinculado, 0, "0.1", ArticulationMessages.PggEje)]
    [InlineData(PggStatus.NoPriorizado, null, null, null)]
    [InlineData(PggStatus.NoPriorizado, 10, null, ArticulationMessages.PggNotLinkedHasEje)]
    [InlineData(PggStatus.SinDato, null, "10.5", ArticulationMessages.PggNotLinkedHasEje)]
    [InlineData((PggStatus)7, null, null, ArticulationMessages.PggStatus)]
    public void Problem_Rules_MessageOrNone(PggStatus status, int? eje, string? lineamiento, string? expected)
    {
        Assert.Equal(expected, new PggAlignment(status, eje, lineamiento).Problem());
    }

    [Fact]
    public void SetPgg_FromUnknownToLinked_ReportsTrueBeforeAndAfterAndApplies()
    {
        var action = new StrategicAction { Code = "AEI.05.03", Statement = "Servicios de atención oportuna" };

        var result = action.SetPgg(PggAlignment.Linked(10, " 10.2 "));

        Assert.Equal([new FieldChange(AuditKind.Articulacion, ArticulationAuditFields.Pgg, "Sin dato", "Eje 10 Lin. 10.2")], result.Changes);
        Assert.Equal(PggAlignment.Linked(10, "10.2"), action.Pgg);
    }

    [Fact]
    public void SetPgg_Refused_ChangesNothing()
    {
        var objective = new StrategicObjective { Code = "OEI.01", Statement = "Fortalecer la proyección internacional", PggStatus = PggStatus.Vinculado, PggEje = 10, PggLineamiento = "10.5" };

        var result = objective.SetPgg(PggAlignment.Linked(10, "6.1"));

        Assert.False(result.IsValid);
        Assert.Equal(ArticulationMessages.PggLineamiento(10), result.Errors[ArticulationFields.Pgg]);
        Assert.Equal(PggAlignment.Linked(10, "10.5"), objective.Pgg);
    }

    [Fact]
    public void SetPgg_SameAlignment_ChangesNothingToRecord()
    {
        var objective = new StrategicObjective { Code = "OEI.02", Statement = "Mejorar la inserción", PggStatus = PggStatus.NoPriorizado };

        Assert.Empty(objective.SetPgg(PggAlignment.NotPrioritised).Changes);
    }
}
