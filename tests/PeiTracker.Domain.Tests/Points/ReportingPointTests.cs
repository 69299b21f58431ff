using PeiTracker.Domain.Points;

namespace PeiTracker.Domain.Tests.Points;

/// <summary>A reporting point's own rules: its code, its kind, its unit and its region, with Spanish messages.</summary>
public class ReportingPointTests
{
    private static ReportingPointData Miami(string? code = "cg-miami", ReportingPointKind? kind = ReportingPointKind.Consulado, string? country = "Estados Unidos", string? department = null) =>
        new(code, "Consulado General del Perú en Miami", kind, 9, "DGC · Dirección General de Comunidades Peruanas en el Exterior", "América", country, department);

    [Fact]
    public void Create_AConsulate_KeepsTheCodeInCapitalsAndItsRegion()
    {
        var (point, result) = ReportingPoint.Create(1, Miami(), []);

        Assert.True(result.IsValid);
        Assert.Equal("CG-MIAMI", point!.Code);
        Assert.Equal("América · Estados Unidos", point.Region);
        Assert.Equal(AuditKind.PuntoRegistro, Assert.Single(result.Changes).Kind);
    }

    [Fact]
    public void Create_ADecentralisedOffice_IsInPeruByItsDepartment()
    {
        var (point, _) = ReportingPoint.Create(1, Miami("ODE-CUSCO", ReportingPointKind.OficinaDesconcentrada, country: "", department: "Cusco"), []);

        Assert.Equal("Perú · Cusco", point!.Region);
        Assert.Equal(ReportingPoint.Peru, point.Country);
    }

    [Theory]
    [InlineData("", PointFields.CodeKey, PointFields.CodeRequired)]
    [InlineData("CG MIAMI", PointFields.CodeKey, PointFields.CodeShape)]
    [InlineData("CG-MIÁMI", PointFields.CodeKey, PointFields.CodeShape)]
    public void Create_ABadCode_IsRefused(string code, string key, string message)
    {
        var (point, result) = ReportingPoint.Create(1, Miami(code), []);

        Assert.Null(point);
        Assert.Equal(message, result.Errors[key]);
    }

    [Fact]
    public void Create_ACodeTaken_NamesThePointThatHasIt()
    {
        var (existing, _) = ReportingPoint.Create(1, Miami(), []);

        var (_, result) = ReportingPoint.Create(1, Miami("CG-Miami"), [existing!]);

        Assert.Equal("El código CG-MIAMI ya es de Consulado General del Perú en Miami. Elija otro código.", result.Errors[PointFields.CodeKey]);
    }

    [Fact]
    public void Create_AbroadWithoutCountry_IsRefused()
    {
        var (_, result) = ReportingPoint.Create(1, Miami(country: " "), []);

        Assert.Equal("Escriba el país del órgano en el exterior.", result.Errors[PointFields.CountryKey]);
    }

    [Fact]
    public void Edit_RegionAndState_ReportsEachWithItsTrueBeforeAndAfter()
    {
        var (point, _) = ReportingPoint.Create(1, Miami(), []);

        var result = point!.Edit(Miami(country: "Canadá") with { IsActive = false }, "DGC · Dirección General de Comunidades Peruanas en el Exterior", [point]);

        Assert.Equal(
            [(PointFields.Region, "América · Estados Unidos", "América · Canadá"), (PointFields.State, "Activo", "Desactivado")],
            result.Changes.Select(c => (c.Field, c.Before, c.After)));
    }

    [Fact]
    public void Edit_NothingNew_ReportsNoChange()
    {
        var (point, _) = ReportingPoint.Create(1, Miami(), []);

        Assert.Empty(point!.Edit(Miami(), "DGC", [point]).Changes);
    }
}
