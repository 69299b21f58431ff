using PeiTracker.Domain.Editing;
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

    private const string Dgc = "DGC · Dirección General de Comunidades Peruanas en el Exterior";
    private const string Places = "El continente, el país y el departamento no pueden superar los 100 caracteres.";

    private static ReportingPointData Cusco(string? department = "Cusco") =>
        new("ODE-CUSCO", "Oficina Desconcentrada del Cusco", ReportingPointKind.OficinaDesconcentrada, 9, Dgc, "Europa", "Francia", department);

    private static ReportingPoint Created(ReportingPointData data)
    {
        var (point, result) = ReportingPoint.Create(1, data, []);
        Assert.True(result.IsValid);
        return point!;
    }

    private static ReportingPoint Stored(int id, string code, string name, bool active = true) => new()
    {
        Id = id,
        InstitutionId = 1,
        Code = code,
        Name = name,
        Kind = ReportingPointKind.Consulado,
        UnitId = 9,
        Continent = "América",
        Country = "Estados Unidos",
        IsActive = active,
    };

    [Fact]
    public void Create_AConsulate_KeepsEveryFieldAndDescribesItInTheHistory()
    {
        var (point, result) = ReportingPoint.Create(7, Miami(department: "Florida") with { Name = "  Consulado General del Perú en Miami " }, []);

        Assert.Equal(
            (7, "Consulado General del Perú en Miami", ReportingPointKind.Consulado, 9, "América", "Estados Unidos", (string?)null, true),
            (point!.InstitutionId, point.Name, point.Kind, point.UnitId, point.Continent, point.Country, point.Department, point.IsActive));
        Assert.Equal(
            new FieldChange(AuditKind.PuntoRegistro, PointFields.Created, null, $"Consulado General del Perú en Miami (Consulado; América · Estados Unidos; {Dgc})"),
            Assert.Single(result.Changes));
    }

    [Fact]
    public void Create_Deactivated_SaysSoInTheHistory()
    {
        var (point, result) = ReportingPoint.Create(1, Miami() with { IsActive = false }, []);

        Assert.False(point!.IsActive);
        Assert.Equal($"Consulado General del Perú en Miami (Consulado; América · Estados Unidos; {Dgc}); desactivado", Assert.Single(result.Changes).After);
    }

    [Fact]
    public void Create_ADecentralisedOffice_IgnoresTheContinentAndCountryTyped()
    {
        var (point, result) = ReportingPoint.Create(1, Cusco(" Cusco "), []);

        Assert.Equal(("América", ReportingPoint.Peru, "Cusco"), (point!.Continent, point.Country, point.Department));
        Assert.Equal($"Oficina Desconcentrada del Cusco (Oficina desconcentrada; Perú · Cusco; {Dgc})", Assert.Single(result.Changes).After);
    }

    [Fact]
    public void Create_AbroadWithADepartment_DropsTheDepartment() =>
        Assert.Null(Created(Miami(department: "Florida")).Department);

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Create_ADecentralisedOfficeWithoutDepartment_IsRefused(string? department)
    {
        var (point, result) = ReportingPoint.Create(1, Cusco(department), []);

        Assert.Null(point);
        Assert.Equal("Escriba el departamento del Perú donde está la oficina desconcentrada.", result.Errors[PointFields.DepartmentKey]);
    }

    [Theory]
    [InlineData(" cg-miami ", "CG-MIAMI")]
    [InlineData("cg.miami", "CG.MIAMI")]
    [InlineData("cg_miami", "CG_MIAMI")]
    [InlineData("od-01", "OD-01")]
    public void Create_ACodeOfLettersDigitsAndSigns_IsKeptInCapitals(string code, string expected) =>
        Assert.Equal(expected, Created(Miami(code)).Code);

    [Theory]
    [InlineData(ReportingPoint.MaxCodeLength - 1, null)]
    [InlineData(ReportingPoint.MaxCodeLength, null)]
    [InlineData(ReportingPoint.MaxCodeLength + 1, PointFields.CodeShape)]
    public void Create_CodeLength_IsAcceptedUpToTheLimit(int length, string? problem) =>
        Assert.Equal(problem, ReportingPoint.Create(1, Miami(new string('C', length)), []).Result.Errors.GetValueOrDefault(PointFields.CodeKey));

    [Theory]
    [InlineData(null, PointFields.CodeRequired)]
    [InlineData("   ", PointFields.CodeRequired)]
    [InlineData("CG/MIAMI", PointFields.CodeShape)]
    [InlineData("CG,MIAMI", PointFields.CodeShape)]
    public void Create_AMissingOrMisshapenCode_IsRefused(string? code, string message) =>
        Assert.Equal(message, ReportingPoint.Create(1, Miami(code), []).Result.Errors[PointFields.CodeKey]);

    [Fact]
    public void Create_ACodeTakenByADeactivatedPoint_SaysItIsDeactivated()
    {
        var (_, result) = ReportingPoint.Create(1, Miami(), [Stored(3, "CG-MIAMI", "Consulado en Miami", active: false)]);

        Assert.Equal("El código CG-MIAMI ya es de Consulado en Miami (desactivado). Elija otro código.", result.Errors[PointFields.CodeKey]);
    }

    [Theory]
    [InlineData(ReportingPoint.MaxNameLength, null)]
    [InlineData(ReportingPoint.MaxNameLength + 1, "El nombre no puede superar los 300 caracteres.")]
    [InlineData(0, "Escriba el nombre del punto de registro (por ejemplo, Consulado General del Perú en Miami).")]
    public void Create_NameLength_IsAcceptedUpToTheLimit(int length, string? problem) =>
        Assert.Equal(problem, ReportingPoint.Create(1, Miami() with { Name = " " + new string('n', length) + " " }, []).Result.Errors.GetValueOrDefault(PointFields.NameKey));

    [Fact]
    public void Create_NoName_IsRefused() =>
        Assert.Equal(
            "Escriba el nombre del punto de registro (por ejemplo, Consulado General del Perú en Miami).",
            ReportingPoint.Create(1, Miami() with { Name = null }, []).Result.Errors[PointFields.NameKey]);

    [Theory]
    [InlineData(null)]
    [InlineData((ReportingPointKind)9)]
    public void Create_NoKnownKind_IsRefused(ReportingPointKind? kind) =>
        Assert.Equal(
            "Elija el tipo: consulado, embajada, representación permanente u oficina desconcentrada.",
            ReportingPoint.Create(1, Miami(kind: kind), []).Result.Errors[PointFields.KindKey]);

    [Theory]
    [InlineData(null, Dgc)]
    [InlineData(9, null)]
    public void Create_NoActiveUnit_IsRefused(int? unitId, string? unitLabel) =>
        Assert.Equal(
            "Elija la unidad orgánica de la que depende el punto (una unidad activa de la institución).",
            ReportingPoint.Create(1, Miami() with { UnitId = unitId, UnitLabel = unitLabel }, []).Result.Errors[PointFields.UnitKey]);

    [Fact]
    public void Create_AbroadWithoutContinent_IsRefused() =>
        Assert.Equal(
            "Escriba el continente del órgano en el exterior (América, Europa, Asia, África u Oceanía).",
            ReportingPoint.Create(1, Miami() with { Continent = null }, []).Result.Errors[PointFields.ContinentKey]);

    [Fact]
    public void Create_EverythingMissing_ReportsEveryField()
    {
        var (point, result) = ReportingPoint.Create(1, new ReportingPointData(null, null, null, null, null, null, null, null), []);

        Assert.Null(point);
        Assert.Equal(
            [PointFields.CodeKey, PointFields.ContinentKey, PointFields.CountryKey, PointFields.KindKey, PointFields.NameKey, PointFields.UnitKey],
            result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(ReportingPoint.MaxPlaceLength, 1, null)]
    [InlineData(ReportingPoint.MaxPlaceLength + 1, 1, Places)]
    [InlineData(1, ReportingPoint.MaxPlaceLength, null)]
    [InlineData(1, ReportingPoint.MaxPlaceLength + 1, Places)]
    public void Create_PlaceLengthAbroad_IsAcceptedUpToTheLimit(int continent, int country, string? problem)
    {
        var data = Miami() with { Continent = new string('c', continent), Country = new string('p', country) };

        Assert.Equal(problem, ReportingPoint.Create(1, data, []).Result.Errors.GetValueOrDefault(PointFields.CountryKey));
    }

    [Theory]
    [InlineData(ReportingPoint.MaxPlaceLength, null)]
    [InlineData(ReportingPoint.MaxPlaceLength + 1, Places)]
    public void Create_DepartmentLength_IsAcceptedUpToTheLimit(int length, string? problem) =>
        Assert.Equal(problem, ReportingPoint.Create(1, Cusco(new string('d', length)), []).Result.Errors.GetValueOrDefault(PointFields.CountryKey));

    [Fact]
    public void New_NothingSaidOfItsState_IsActive() =>
        Assert.True(new ReportingPoint { Code = "P", Name = "Punto", Continent = "América", Country = "Chile" }.IsActive);

    [Fact]
    public void Label_CodeAndName_ReadTogether() =>
        Assert.Equal("CG-MIAMI · Consulado General del Perú en Miami", Created(Miami()).Label);

    [Theory]
    [InlineData(null, "América · Estados Unidos")]
    [InlineData("", "América · Estados Unidos")]
    [InlineData("Cusco", "Perú · Cusco")]
    public void Region_Department_IsPeruAndTheDepartmentOtherwiseContinentAndCountry(string? department, string expected)
    {
        var point = Stored(1, "P", "Punto");
        point.Department = department;

        Assert.Equal(expected, point.Region);
    }

    [Fact]
    public void Edit_EveryField_ReportsEachChangeInOrderAndAppliesIt()
    {
        var point = Created(Miami());
        var data = new ReportingPointData("ode-cusco", "Oficina Desconcentrada del Cusco", ReportingPointKind.OficinaDesconcentrada, 12, "DGA · Dirección General de Administración", "", "", "Cusco", IsActive: false);

        var result = point.Edit(data, Dgc, [point]);

        Assert.Equal(
            [
                (PointFields.Code, "CG-MIAMI", "ODE-CUSCO"),
                (PointFields.Name, "Consulado General del Perú en Miami", "Oficina Desconcentrada del Cusco"),
                (PointFields.Kind, "Consulado", "Oficina desconcentrada"),
                (PointFields.Unit, Dgc, "DGA · Dirección General de Administración"),
                (PointFields.Region, "América · Estados Unidos", "Perú · Cusco"),
                (PointFields.State, "Activo", "Desactivado"),
            ],
            result.Changes.Select(c => (c.Field, c.Before, c.After)));
        Assert.All(result.Changes, c => Assert.Equal(AuditKind.PuntoRegistro, c.Kind));
        Assert.Equal(
            ("ODE-CUSCO", "Oficina Desconcentrada del Cusco", ReportingPointKind.OficinaDesconcentrada, 12, "América", ReportingPoint.Peru, "Cusco", false),
            (point.Code, point.Name, point.Kind, point.UnitId, point.Continent, point.Country, point.Department, point.IsActive));
    }

    [Fact]
    public void Edit_SameUnitUnderAnotherLabel_ReportsNoUnitChange()
    {
        var point = Created(Miami());

        Assert.Empty(point.Edit(Miami() with { UnitLabel = "DGC · Comunidades Peruanas" }, Dgc, [point]).Changes);
    }

    [Fact]
    public void Edit_ReactivatedFromAbroadToPeru_ReportsRegionAndState()
    {
        var point = Created(Miami() with { IsActive = false });

        var result = point.Edit(Cusco(), Dgc, []);

        Assert.Equal(
            [
                (PointFields.Code, "CG-MIAMI", "ODE-CUSCO"),
                (PointFields.Name, "Consulado General del Perú en Miami", "Oficina Desconcentrada del Cusco"),
                (PointFields.Kind, "Consulado", "Oficina desconcentrada"),
                (PointFields.Region, "América · Estados Unidos", "Perú · Cusco"),
                (PointFields.State, "Desactivado", "Activo"),
            ],
            result.Changes.Select(c => (c.Field, c.Before, c.After)));
    }

    [Fact]
    public void Edit_Refused_ChangesNothing()
    {
        var point = Created(Miami());

        var result = point.Edit(Miami() with { Name = "", Country = "Canadá" }, Dgc, [point]);

        Assert.False(result.IsValid);
        Assert.Equal(("Consulado General del Perú en Miami", "Estados Unidos"), (point.Name, point.Country));
    }

    [Fact]
    public void Edit_ThePointItselfAmongTheOthers_KeepsItsCode()
    {
        var point = Created(Miami());

        Assert.True(point.Edit(Miami(), Dgc, [point]).IsValid);
    }

    [Fact]
    public void Edit_TheSamePointLoadedAgain_KeepsItsCode()
    {
        var point = Stored(5, "CG-MIAMI", "Consulado General del Perú en Miami");

        Assert.True(point.Edit(Miami(), Dgc, [Stored(5, "CG-MIAMI", "Consulado General del Perú en Miami")]).IsValid);
    }

    [Fact]
    public void Edit_AnotherSavedPointWithTheCode_IsRefused()
    {
        var point = Stored(5, "CG-MIAMI-OLD", "Consulado General del Perú en Miami");

        var result = point.Edit(Miami(), Dgc, [point, Stored(6, "CG-MIAMI", "Consulado en Miami")]);

        Assert.Equal("El código CG-MIAMI ya es de Consulado en Miami. Elija otro código.", result.Errors[PointFields.CodeKey]);
    }

    [Fact]
    public void Edit_AnUnsavedPointAgainstAnotherUnsavedOne_IsRefused()
    {
        var point = Stored(0, "CG-MIAMI-OLD", "Consulado General del Perú en Miami");

        var result = point.Edit(Miami(), Dgc, [point, Stored(0, "CG-MIAMI", "Consulado en Miami")]);

        Assert.Equal("El código CG-MIAMI ya es de Consulado en Miami. Elija otro código.", result.Errors[PointFields.CodeKey]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SetActive_AlreadySo_ChangesNothing(bool active)
    {
        var point = Stored(1, "P", "Punto", active);

        var result = point.SetActive(active);

        Assert.True(result.IsValid);
        Assert.Empty(result.Changes);
        Assert.Equal(active, point.IsActive);
    }

    [Theory]
    [InlineData(false, "Activo", "Desactivado")]
    [InlineData(true, "Desactivado", "Activo")]
    public void SetActive_TheOtherState_ReportsBeforeAndAfter(bool active, string before, string after)
    {
        var point = Stored(1, "P", "Punto", !active);

        var result = point.SetActive(active);

        Assert.Equal(new FieldChange(AuditKind.PuntoRegistro, PointFields.State, before, after), Assert.Single(result.Changes));
        Assert.Equal(active, point.IsActive);
    }
}
