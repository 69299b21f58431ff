using System.Net;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Editing;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Pages.Administracion;
using PeiTracker.Web.Tests.Infrastructure;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Tests.Administracion;

/// <summary>The unidad ejecutora form of Administración › Reglas de avance, and what the Reporte de seguimiento prints from it.</summary>
[Collection(AppCollection.Name)]
public class ExecutingUnitFormTests(AppFixture app)
{
    private const string Url = "/Administracion/Configuracion";
    private const string Form = "#unidad-ejecutora-form";

    public static TheoryData<string, string, string> BadInput => new()
    {
        { "   ", "Cambio de prueba", EditMessages.ExecutingUnitRequired },
        { new string('x', Institution.MaxExecutingUnitLength + 1), "Cambio de prueba", EditMessages.ExecutingUnitTooLong },
        { "002 - Unidad de prueba", "", ChangeReason.RequiredMessage },
    };

    private Task<Institution> HomeAsync() =>
        app.QueryAsync(db => db.Institutions.AsNoTracking().SingleAsync(i => i.PliegoCode == HomeInstitution.PliegoCode));

    private Task<int> AuditCountAsync() => app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Kind == AuditKind.Institucion));

    [Fact]
    public async Task ExecutingUnit_Default_IsUnit001NamedAfterTheInstitution()
    {
        var home = await HomeAsync();

        Assert.Equal("001 - Ministerio de Relaciones Exteriores", home.ExecutingUnit);
    }

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task ExecutingUnit_BadInput_ShowsTheSpanishMessageAndChangesNothing(string unit, string reason, string message)
    {
        var admin = await app.LoginAsync();
        var before = await HomeAsync();
        var audits = await AuditCountAsync();

        var response = await admin.PostFormAsync(Url, [("Unit.ExecutingUnit", unit), ("Unit.Reason", reason)], Form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, page.QuerySelector(Form)!.TextContent);
        Assert.DoesNotContain(message, page.QuerySelector("main form:not(#unidad-ejecutora-form)")!.TextContent);
        Assert.Equal(before.ExecutingUnit, (await HomeAsync()).ExecutingUnit);
        Assert.Equal(audits, await AuditCountAsync());
    }

    [Fact]
    public async Task ExecutingUnit_Saved_IsAuditedWithItsReasonAndPrintedInEveryIndicatorRowOfTheReport()
    {
        var admin = await app.LoginAsync();
        var before = (await HomeAsync()).ExecutingUnit;
        try
        {
            var response = await admin.PostFormAsync(Url, [("Unit.ExecutingUnit", "  001 - Secretaría General  "), ("Unit.Reason", "Nombre según el SIAF")], Form);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("001 - Secretaría General", (await HomeAsync()).ExecutingUnit);
            var audit = await app.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Kind == AuditKind.Institucion).OrderBy(a => a.Id).LastAsync());
            Assert.Equal((AuditFields.ExecutingUnit, before, "001 - Secretaría General", "Nombre según el SIAF"), (audit.Field, audit.Before, audit.After, audit.Reason));
            var history = await admin.GetDocumentAsync($"/Auditoria?tipo={AuditKind.Institucion}");
            Assert.Contains("001 - Secretaría General", history.QuerySelector("main")!.TextContent);

            var sheet = new XlsxReader(await admin.GetByteArrayAsync("/Reportes/Seguimiento?anio=2025&periodo=A"), SeguimientoReport.MainSheet);
            Assert.Equal("Unidad ejecutora", sheet.Text(SeguimientoReport.HeaderRow, SeguimientoReport.ExecutingUnitColumn));
            Assert.Equal("001 - Secretaría General", sheet.Text(sheet.RowOf("IOEI.01.01"), SeguimientoReport.ExecutingUnitColumn));
            Assert.Equal("", sheet.Text(sheet.RowOf("OEI.01"), SeguimientoReport.ExecutingUnitColumn));
        }
        finally
        {
            await app.QueryAsync(db => db.Institutions.Where(i => i.PliegoCode == HomeInstitution.PliegoCode)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.ExecutingUnit, before)));
        }
    }

    [Fact]
    public async Task ExecutingUnit_StaleForm_IsAConflictAndKeepsTheOtherChange()
    {
        var admin = await app.LoginAsync();
        var other = await app.LoginAsync(await app.CreateUserAsync(Roles.Administrador));
        var before = (await HomeAsync()).ExecutingUnit;
        var stale = await other.ReadFormAsync(Url, Form);
        try
        {
            await admin.PostFormAsync(Url, [("Unit.ExecutingUnit", "001 - Primera"), ("Unit.Reason", "Primera")], Form);
            var response = await stale.PostAsync(other, ("Unit.ExecutingUnit", "001 - Segunda"), ("Unit.Reason", "Segunda"));

            Assert.Contains(ConfiguracionModel.UnitConflictText, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
            Assert.Equal("001 - Primera", (await HomeAsync()).ExecutingUnit);
        }
        finally
        {
            await app.QueryAsync(db => db.Institutions.Where(i => i.PliegoCode == HomeInstitution.PliegoCode)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.ExecutingUnit, before)));
        }
    }
}
