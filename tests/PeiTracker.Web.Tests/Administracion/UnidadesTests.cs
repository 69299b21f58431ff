using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Pages.Administracion;
using PeiTracker.Web.Tests.Infrastructure;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Tests.Administracion;

/// <summary>The organic units screen: add, rename, deactivate, each with its reason and history; per institution.</summary>
[Collection(AppCollection.Name)]
public class UnidadesTests(AppFixture app)
{
    private const string List = "/Administracion/Unidades";

    /// <summary>Siglas no other test uses (the home institution's units are shared by every test).</summary>
    private static string NewAcronym() => "T" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();

    private Task<OrganizationalUnit?> FindAsync(string acronym) =>
        app.QueryAsync(db => db.OrganizationalUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Acronym == acronym));

    private static string Page(int id) => $"/Administracion/Unidad/{id.ToString(CultureInfo.InvariantCulture)}";

    private static async Task<HttpResponseMessage> AddAsync(HttpClient admin, string acronym, string name, string reason = "Nuevo ROF") =>
        await admin.PostPageFormAsync(List, "#add-unit", ("Input.Acronym", acronym), ("Input.Name", name), ("Input.Reason", reason));

    private async Task<(HttpClient Admin, OrganizationalUnit Unit)> NewUnitAsync()
    {
        var admin = await app.LoginAsync();
        var acronym = NewAcronym();
        await AddAsync(admin, acronym, "Oficina de prueba " + acronym);
        return (admin, (await FindAsync(acronym))!);
    }

    [Fact]
    public async Task Add_NewUnit_IsListedAndItsCreationIsInTheHistoryWithTheReason()
    {
        var admin = await app.LoginAsync();
        var acronym = NewAcronym();

        var response = await AddAsync(admin, $" {acronym} ", "  Oficina de Asuntos Antárticos " + acronym, "Creada por el nuevo ROF");
        var list = await admin.GetDocumentAsync(response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var unit = await FindAsync(acronym);
        Assert.Equal(("Oficina de Asuntos Antárticos " + acronym, true), (unit!.Name, unit.IsActive));
        Assert.Equal($"Unidad orgánica creada: {acronym} · Oficina de Asuntos Antárticos {acronym}. Ya puede asignarse a indicadores y a registradores.", list.QuerySelector(".alert-success")!.TextContent.Trim());
        Assert.Contains(list.QuerySelectorAll("#units tbody tr"), r => r.GetAttribute("data-unit-id") == unit.Id.ToString(CultureInfo.InvariantCulture) && r.TextContent.Contains("Activa", StringComparison.Ordinal));
        var audit = Assert.Single(await app.AuditOfAsync(acronym));
        Assert.Equal((AuditKind.UnidadOrganica, UnitFields.Created, null, $"{acronym} · Oficina de Asuntos Antárticos {acronym}", "Creada por el nuevo ROF", AppFixture.AdminEmail, (int?)null),
            (audit.Kind, audit.Field, audit.Before, audit.After, audit.Reason, audit.UserName, audit.PlanId));
        Assert.NotNull(audit.InstitutionId);
    }

    public static TheoryData<string, string, string, string, string> BadAdditions() => new()
    {
        { "", "Oficina sin siglas", "Motivo", "Input.Acronym", UnitFields.AcronymRequired },
        { "T X", "Oficina con espacio", "Motivo", "Input.Acronym", UnitFields.AcronymShape },
        { "TNOMBRE", "", "Motivo", "Input.Name", UnitFields.NameRequired },
        { "TSINMOT", "Oficina sin motivo", "", "Input.Reason", ChangeReason.RequiredMessage },
        { "dga", "Otra Dirección General", "Motivo", "Input.Acronym", "Las siglas DGA ya son de Dirección General de América. Elija otras siglas." },
        { "TDUPNOM", "dirección general de américa", "Motivo", "Input.Name", "Ya existe una unidad con ese nombre: DGA · Dirección General de América. Elija otro nombre." },
    };

    [Theory]
    [MemberData(nameof(BadAdditions))]
    public async Task Add_BadOrTakenNameSiglasOrNoReason_ShowsTheMessageAndChangesNothing(string acronym, string name, string reason, string field, string message)
    {
        var admin = await app.LoginAsync();
        var before = await DatabaseFingerprint.OfAsync(app.ConnectionString);

        var response = await AddAsync(admin, acronym, name, reason);
        var page = await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent.Trim());
        Assert.Equal(before, await DatabaseFingerprint.OfAsync(app.ConnectionString));
    }

    [Fact]
    public async Task Rename_NameAndSiglas_SavesThemAndRecordsEachBeforeAndAfterWithTheReason()
    {
        var (admin, unit) = await NewUnitAsync();
        var renamed = NewAcronym();

        var response = await admin.PostPageFormAsync(Page(unit.Id), "#rename-form",
            ("Input.Acronym", renamed), ("Input.Name", "Oficina renombrada " + renamed), ("Input.Reason", "Cambio de denominación"));
        var detail = await admin.GetDocumentAsync(Page(unit.Id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var now = await FindAsync(renamed);
        Assert.Equal((unit.Id, "Oficina renombrada " + renamed), (now!.Id, now.Name));
        var rows = await app.AuditOfAsync(renamed);
        Assert.Equal(
            [(UnitFields.Name, unit.Name, "Oficina renombrada " + renamed), (UnitFields.Acronym, unit.Acronym, renamed)],
            rows.Select(a => (a.Field, a.Before, a.After)).ToArray());
        Assert.All(rows, a => Assert.Equal("Cambio de denominación", a.Reason));
        // The unit's page shows its whole history, including the creation under its old siglas.
        Assert.Equal(3, detail.QuerySelectorAll("#history tbody tr").Length);
    }

    [Fact]
    public async Task Rename_FromAStaleForm_IsAConflictAndChangesNothing()
    {
        var (admin, unit) = await NewUnitAsync();
        var stale = await admin.ReadFormAsync(Page(unit.Id), "#rename-form");
        await admin.PostPageFormAsync(Page(unit.Id), "#rename-form", ("Input.Acronym", unit.Acronym), ("Input.Name", unit.Name + " A"), ("Input.Reason", "Primero"));
        var before = await DatabaseFingerprint.OfAsync(app.ConnectionString);

        var response = await stale.PostAsync(admin, ("Input.Name", unit.Name + " B"), ("Input.Reason", "Segundo"));
        var page = await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(UnidadModel.ConflictText, page.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal(unit.Name + " A", page.QuerySelector("#Input_Name")!.GetAttribute("value"));
        Assert.Equal(before, await DatabaseFingerprint.OfAsync(app.ConnectionString));
    }

    [Fact]
    public async Task Deactivate_WithoutReason_ShowsTheMessageAndChangesNothing()
    {
        var (admin, unit) = await NewUnitAsync();
        var before = await DatabaseFingerprint.OfAsync(app.ConnectionString);

        var response = await admin.PostPageFormAsync(Page(unit.Id), "#state-form", ("reason", " "));
        var page = await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(ChangeReason.RequiredMessage, page.QuerySelector("#state-reason-error")!.TextContent.Trim());
        Assert.Equal(before, await DatabaseFingerprint.OfAsync(app.ConnectionString));
    }

    [Fact]
    public async Task Deactivate_Unit_IsNoLongerOfferedToNewAssignmentsButStaysWhereItIs()
    {
        var (admin, unit) = await NewUnitAsync();
        var registrador = await app.CreateUserAsync(Roles.Registrador);
        var registradorId = await app.UserIdAsync(registrador);
        var indicator = await app.QueryAsync(async db =>
        {
            db.UserUnits.Add(new UserUnit { UserId = registradorId, UnitId = unit.Id });
            var plan = await ValueTestPlan.CreateAsync(app, 1);
            var id = plan.Indicators[0];
            db.IndicatorResponsibleUnits.Add(new IndicatorResponsibleUnit { IndicatorId = id, UnitId = unit.Id });
            await db.SaveChangesAsync();
            return id;
        });
        var other = await ValueTestPlan.CreateAsync(app, 1);
        var unitValue = unit.Id.ToString(CultureInfo.InvariantCulture);

        var response = await admin.PostPageFormAsync(Page(unit.Id), "#state-form", ("reason", "Fusionada con otra dirección"));
        var newAccount = await admin.GetDocumentAsync("/Administracion/Nuevo");
        var existingAccount = await admin.GetDocumentAsync($"/Administracion/Editar/{registradorId}");
        var itsIndicator = await admin.GetDocumentAsync($"/Plan/Indicador/{indicator}/Editar");
        var anotherIndicator = await admin.GetDocumentAsync($"/Plan/Indicador/{other.Indicators[0]}/Editar");
        var refused = await admin.PostPageFormAsync("/Administracion/Nuevo", "main form[method=post]",
            ("Input.Email", $"nuevo-{Guid.NewGuid():N}@test.local"), ("Input.FullName", "Nueva registradora"), ("Input.Role", Roles.Registrador),
            ("Input.UnitIds", unitValue), ("Input.GeneratePassword", "true"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False((await FindAsync(unit.Acronym))!.IsActive);
        Assert.Contains(await app.AuditOfAsync(unit.Acronym), a => a is { Field: UnitFields.State, Before: "Activa", After: "Desactivada", Reason: "Fusionada con otra dirección" });
        Assert.Null(newAccount.QuerySelector($"input[name='Input.UnitIds'][value='{unitValue}']"));
        Assert.NotNull(existingAccount.QuerySelector($"input[name='Input.UnitIds'][value='{unitValue}'][checked]"));
        Assert.Contains("desactivada", existingAccount.QuerySelector($"label[for='unit-{unitValue}']")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(itsIndicator.QuerySelector($"input[name='Input.UnitIds'][value='{unitValue}'][checked]"));
        Assert.Null(anotherIndicator.QuerySelector($"input[name='Input.UnitIds'][value='{unitValue}']"));
        Assert.Contains(UnitOptions.UnknownOrInactive, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([unit.Id], (await app.FindAccountAsync(registrador))!.UnitIds);
    }

    [Fact]
    public async Task Reactivate_DeactivatedUnit_IsOfferedAgainAndRecorded()
    {
        var (admin, unit) = await NewUnitAsync();
        await admin.PostPageFormAsync(Page(unit.Id), "#state-form", ("reason", "Fusionada"));

        var response = await admin.PostPageFormAsync(Page(unit.Id), "#state-form", ("reason", "Se revirtió la fusión"));
        var newAccount = await admin.GetDocumentAsync("/Administracion/Nuevo");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True((await FindAsync(unit.Acronym))!.IsActive);
        Assert.Contains(await app.AuditOfAsync(unit.Acronym), a => a is { Field: UnitFields.State, Before: "Desactivada", After: "Activa", Reason: "Se revirtió la fusión" });
        Assert.NotNull(newAccount.QuerySelector($"input[name='Input.UnitIds'][value='{unit.Id.ToString(CultureInfo.InvariantCulture)}']"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Deactivate")]
    [InlineData("Reactivate")]
    public async Task AnotherInstitutionsUnit_IsNotFoundToReadOrChangeAndNothingChanges(string? handler)
    {
        var other = await OtherInstitution.CreateAsync(app);
        var admin = await app.LoginAsync();
        var token = await AccountTestData.AntiforgeryTokenAsync(admin, List);
        var before = await DatabaseFingerprint.OfAsync(app.ConnectionString);

        var read = await admin.GetAsync(Page(other.UnitId));
        var write = await admin.PostAsync(Page(other.UnitId) + (handler is null ? "" : "?handler=" + handler), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Acronym"] = "UB2",
            ["Input.Name"] = "Renombrada desde otra entidad",
            ["Input.Reason"] = "Prueba",
            ["reason"] = "Prueba",
            ["version"] = "0",
        }));
        var list = await admin.GetStringAsync(List);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (read.StatusCode, write.StatusCode));
        Assert.DoesNotContain(other.Marker, list, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await DatabaseFingerprint.OfAsync(app.ConnectionString));
    }
}
