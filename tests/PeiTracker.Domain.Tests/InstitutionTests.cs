using PeiTracker.Domain;
using PeiTracker.Domain.Editing;

namespace PeiTracker.Domain.Tests;

public class InstitutionTests
{
    private static Institution Mre() => new()
    {
        PliegoCode = "008", Name = "Ministerio de Relaciones Exteriores", Sector = "Relaciones Exteriores", GovernmentLevel = "Nacional",
        ExecutingUnit = Institution.DefaultExecutingUnit("Ministerio de Relaciones Exteriores"),
    };

    public static TheoryData<string?, string> Refused => new()
    {
        { null, EditMessages.ExecutingUnitRequired },
        { "  ", EditMessages.ExecutingUnitRequired },
        { new string('u', Institution.MaxExecutingUnitLength + 1), EditMessages.ExecutingUnitTooLong },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void ChangeExecutingUnit_EmptyOrTooLong_IsRefusedAndKeepsTheUnit(string? proposed, string message)
    {
        var institution = Mre();

        var result = institution.ChangeExecutingUnit(proposed);

        Assert.Equal((false, message, "001 - Ministerio de Relaciones Exteriores"), (result.IsValid, result.Errors[nameof(Institution.ExecutingUnit)], institution.ExecutingUnit));
    }

    [Theory]
    [InlineData(" 001 - Secretaría General ", "001 - Secretaría General", 1)]
    [InlineData("001 - Ministerio de Relaciones Exteriores ", "001 - Ministerio de Relaciones Exteriores", 0)]
    public void ChangeExecutingUnit_Text_IsTrimmedAndReportedOnlyWhenItChanges(string proposed, string stored, int changes)
    {
        var institution = Mre();

        var result = institution.ChangeExecutingUnit(proposed);

        Assert.Equal((true, stored, changes), (result.IsValid, institution.ExecutingUnit, result.Changes.Count));
        Assert.All(result.Changes, c => Assert.Equal(new FieldChange(AuditKind.Institucion, AuditFields.ExecutingUnit, "001 - Ministerio de Relaciones Exteriores", stored), c));
    }
}
