using PeiTracker.Domain.Editing;

namespace PeiTracker.Domain.Tests.Editing;

public class OrganizationalUnitTests
{
    private static readonly OrganizationalUnit Dga = new() { Id = 1, InstitutionId = 8, Acronym = "DGA", Name = "Dirección General de América" };
    private static readonly OrganizationalUnit Dge = new() { Id = 2, InstitutionId = 8, Acronym = "DGE", Name = "Dirección General de Europa", IsActive = false };

    [Theory]
    [InlineData("", "DGX", UnitFields.NameKey, UnitFields.NameRequired)]
    [InlineData("   ", "DGX", UnitFields.NameKey, UnitFields.NameRequired)]
    [InlineData("Dirección General de Asia", "", UnitFields.AcronymKey, UnitFields.AcronymRequired)]
    [InlineData("Dirección General de Asia", "DG A", UnitFields.AcronymKey, UnitFields.AcronymShape)]
    [InlineData("dirección general de américa", "DGX", UnitFields.NameKey, "Ya existe una unidad con ese nombre: DGA · Dirección General de América. Elija otro nombre.")]
    [InlineData("Dirección General de Asia", "dga", UnitFields.AcronymKey, "Las siglas DGA ya son de Dirección General de América. Elija otras siglas.")]
    // A deactivated unit keeps its name and siglas: they are still in the history and on old indicators.
    [InlineData("Dirección General de Asia", "DGE", UnitFields.AcronymKey, "Las siglas DGE ya son de Dirección General de Europa (desactivada). Elija otras siglas.")]
    public void Create_BadOrTakenNameOrSiglas_IsRefusedWithItsMessage(string name, string acronym, string key, string message)
    {
        var (unit, result) = OrganizationalUnit.Create(8, name, acronym, [Dga, Dge]);

        Assert.Null(unit);
        Assert.Equal(message, result.Errors[key]);
    }

    [Fact]
    public void Create_NewNameAndSiglas_ReportsTheCreationTrimmed()
    {
        var (unit, result) = OrganizationalUnit.Create(8, "  Dirección General de Asia ", " DGAS ", [Dga, Dge]);

        Assert.Equal(("DGAS", "Dirección General de Asia", true), (unit!.Acronym, unit.Name, unit.IsActive));
        Assert.Equal([new FieldChange(AuditKind.UnidadOrganica, UnitFields.Created, null, "DGAS · Dirección General de Asia")], result.Changes);
    }

    [Fact]
    public void Rename_NameAndSiglas_ReportsEachWithItsValueBefore()
    {
        var unit = new OrganizationalUnit { Id = 3, Acronym = "DGC", Name = "Dirección General de Comercio" };

        var result = unit.Rename("Dirección General de Promoción Económica", "DGPE", [Dga, Dge, unit]);

        Assert.Equal(
            [
                new FieldChange(AuditKind.UnidadOrganica, UnitFields.Name, "Dirección General de Comercio", "Dirección General de Promoción Económica"),
                new FieldChange(AuditKind.UnidadOrganica, UnitFields.Acronym, "DGC", "DGPE"),
            ],
            result.Changes);
        Assert.Equal(("DGPE", "Dirección General de Promoción Económica"), (unit.Acronym, unit.Name));
    }

    [Fact]
    public void Rename_ToAnotherUnitsSiglas_ChangesNothing()
    {
        var unit = new OrganizationalUnit { Id = 3, Acronym = "DGC", Name = "Dirección General de Comercio" };

        var result = unit.Rename("Dirección General de Comercio", "DGA", [Dga, Dge, unit]);

        Assert.False(result.IsValid);
        Assert.Equal("DGC", unit.Acronym);
    }

    [Fact]
    public void Rename_OnlyItsOwnCase_IsAChangeNotATakenName()
    {
        var unit = new OrganizationalUnit { Id = 3, Acronym = "Dgc", Name = "Dirección General de Comercio" };

        var result = unit.Rename("Dirección General de Comercio", "DGC", [Dga, unit]);

        Assert.Equal([new FieldChange(AuditKind.UnidadOrganica, UnitFields.Acronym, "Dgc", "DGC")], result.Changes);
    }

    [Theory]
    [InlineData(true, false, "Activa", "Desactivada")]
    [InlineData(false, true, "Desactivada", "Activa")]
    public void SetActive_OtherState_ReportsBeforeAndAfter(bool from, bool to, string before, string after)
    {
        var unit = new OrganizationalUnit { Acronym = "DGX", Name = "X", IsActive = from };

        var result = unit.SetActive(to);

        Assert.Equal([new FieldChange(AuditKind.UnidadOrganica, UnitFields.State, before, after)], result.Changes);
        Assert.Equal(to, unit.IsActive);
    }

    [Fact]
    public void SetActive_SameState_ChangesNothing() =>
        Assert.Empty(new OrganizationalUnit { Acronym = "DGX", Name = "X" }.SetActive(true).Changes);
}
