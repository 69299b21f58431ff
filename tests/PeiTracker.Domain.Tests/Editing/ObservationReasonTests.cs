using PeiTracker.Domain.Editing;

namespace PeiTracker.Domain.Tests.Editing;

public class ObservationReasonTests
{
    private static readonly ObservationReason Missing = new() { Id = 1, InstitutionId = 8, Text = "Falta medio de verificación" };

    public static TheoryData<string, string> BadTexts() => new()
    {
        { "", ObservationReason.Required },
        { "  \n ", ObservationReason.Required },
        { new string('a', 501), ObservationReason.TooLong },
        { " falta MEDIO de verificación ", ObservationReason.Duplicate },
    };

    [Theory]
    [MemberData(nameof(BadTexts))]
    public void Create_EmptyTooLongOrSaved_IsRefusedWithItsMessage(string text, string message)
    {
        var (reason, result) = ObservationReason.Create(8, text, [Missing]);

        Assert.Null(reason);
        Assert.Equal(message, result.Errors[ObservationReason.TextKey]);
    }

    [Fact]
    public void Create_NewText_ReportsItTrimmed()
    {
        var (reason, result) = ObservationReason.Create(8, " El valor no coincide con la evidencia ", [Missing]);

        Assert.Equal("El valor no coincide con la evidencia", reason!.Text);
        Assert.Equal([new FieldChange(AuditKind.MotivoObservacion, ObservationReason.Field, null, "El valor no coincide con la evidencia")], result.Changes);
    }

    [Fact]
    public void Edit_NewText_ReportsTheTextBefore()
    {
        var reason = new ObservationReason { Id = 2, Text = "Falta el acta" };

        var result = reason.Edit("Falta el acta firmada", [Missing, reason]);

        Assert.Equal([new FieldChange(AuditKind.MotivoObservacion, ObservationReason.Field, "Falta el acta", "Falta el acta firmada")], result.Changes);
        Assert.Equal("Falta el acta firmada", reason.Text);
    }

    [Fact]
    public void Edit_SameText_ChangesNothingAndIsNotADuplicateOfItself()
    {
        var reason = new ObservationReason { Id = 2, Text = "Falta el acta" };

        var result = reason.Edit("Falta el acta ", [Missing, reason]);

        Assert.True(result.IsValid);
        Assert.Empty(result.Changes);
    }

    [Fact]
    public void Remove_ReportsTheTextBeforeAndNothingAfter() =>
        Assert.Equal([new FieldChange(AuditKind.MotivoObservacion, ObservationReason.Field, "Falta medio de verificación", null)], Missing.Remove().Changes);
}
