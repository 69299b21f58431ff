using PeiTracker.Domain;
using PeiTracker.Domain.Editing;

namespace PeiTracker.Domain.Tests.Editing;

public class EditResultTests
{
    [Fact]
    public void Applied_CarriesTheChangesAndNoErrors()
    {
        FieldChange[] changes = [new(AuditKind.Meta, "Logro esperado 2026", "50", "55")];

        var result = EditResult.Applied(changes);

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        Assert.Equal(changes, result.Changes);
    }

    [Fact]
    public void Refused_OneField_CarriesItsMessageAndNoChanges()
    {
        var result = EditResult.Refused("Valor", "Escriba un número, por ejemplo 95.5 o -3.2.");

        Assert.False(result.IsValid);
        Assert.Equal(new Dictionary<string, string> { ["Valor"] = "Escriba un número, por ejemplo 95.5 o -3.2." }, result.Errors);
        Assert.Empty(result.Changes);
    }

    [Fact]
    public void Refused_WithoutAnyMessage_IsAProgrammingError()
    {
        Assert.Throws<ArgumentException>(() => EditResult.Refused(new Dictionary<string, string>()));
    }
}
