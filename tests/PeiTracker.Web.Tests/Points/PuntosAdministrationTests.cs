using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Points;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Points;

/// <summary>
/// The administration of reporting points as an administrator meets it: a CSV upload previewed then confirmed with a
/// reason, an edit that deactivates a point, and a Registrador account tied to a point only.
/// </summary>
[Collection(AppCollection.Name)]
public class PuntosAdministrationTests(AppFixture app)
{
    private const string List = "/Administracion/Puntos";

    private static string NewCode() => "T-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient admin, string csv)
    {
        var token = await admin.AntiforgeryTokenAsync(List);
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "Archivo", "puntos.csv" },
        };
        return await admin.PostAsync(List + "?handler=Preview", form);
    }

    [Fact]
    public async Task Upload_NewPoint_IsPreviewedThenSavedWithTheReasonAndItsHistory()
    {
        var admin = await app.LoginAsync();
        var code = NewCode();
        var csv = $"codigo;nombre;tipo;unidad;continente;pais;departamento;activo\n{code};Consulado del Perú en Ushuaia;Consulado;DGC;América;Argentina;;sí\n";

        var preview = await HttpClientExtensions.ParseAsync(await (await UploadAsync(admin, csv)).Content.ReadAsStringAsync());
        Assert.False(await app.QueryAsync(db => db.ReportingPoints.AnyAsync(p => p.Code == code)));
        var row = preview.QuerySelector("[data-testid=vista-previa] tbody tr")!;
        Assert.Equal($"2 | {code} | Nuevo", string.Join(" | ", row.Children.Take(3).Select(c => c.TextContent.Trim())));
        var confirm = preview.QuerySelector("form[action*='handler=Confirm']")!;
        var fields = confirm.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Append(new("MotivoCarga", "Apertura del consulado")).ToList();
        var saved = await admin.PostAsync(confirm.GetAttribute("action"), new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var point = await app.QueryAsync(db => db.ReportingPoints.Include(p => p.Unit).SingleAsync(p => p.Code == code));
        Assert.Equal(("Consulado del Perú en Ushuaia", "DGC", "América · Argentina"), (point.Name, point.Unit!.Acronym, point.Region));
        var audit = Assert.Single(await app.QueryAsync(db => db.AuditEntries.Where(a => a.Subject == code).ToListAsync()));
        Assert.Equal((AuditKind.PuntoRegistro, PointFields.Created, "Apertura del consulado"), (audit.Kind, audit.Field, audit.Reason));
    }

    [Fact]
    public async Task Upload_UnknownUnitAndKind_ShowsEachErrorByRowAndOffersNoConfirmation()
    {
        var admin = await app.LoginAsync();
        var code = NewCode();
        var csv = $"codigo,nombre,tipo,unidad,continente,pais,departamento,activo\n{code},Oficina rara,Agencia,XYZ,América,Chile,,sí\n";

        var preview = await HttpClientExtensions.ParseAsync(await (await UploadAsync(admin, csv)).Content.ReadAsStringAsync());

        var detail = preview.QuerySelector("[data-testid=vista-previa] tbody tr td:last-child")!.TextContent;
        Assert.Contains("Tipo «Agencia» desconocido", detail);
        Assert.Contains("Unidad «XYZ» no es una unidad orgánica activa de la institución", detail);
        Assert.Null(preview.QuerySelector("form[action*='handler=Confirm']"));
        Assert.False(await app.QueryAsync(db => db.ReportingPoints.AnyAsync(p => p.Code == code)));
    }

    [Fact]
    public async Task Edit_Deactivate_RecordsTheStateWithItsReason()
    {
        var admin = await app.LoginAsync();
        var code = NewCode();
        await admin.PostPageFormAsync(List, "#add-point", ("Input.Code", code), ("Input.Name", "Oficina Desconcentrada de prueba"), ("Input.Kind", "OficinaDesconcentrada"),
            ("Input.UnitId", (await app.QueryAsync(db => db.OrganizationalUnits.Where(u => u.Acronym == "SG").Select(u => u.Id).FirstAsync())).ToString(CultureInfo.InvariantCulture)),
            ("Input.Department", "Ayacucho"), ("Input.IsActive", "true"), ("Input.Reason", "Apertura"));
        var id = await app.QueryAsync(db => db.ReportingPoints.Where(p => p.Code == code).Select(p => p.Id).SingleAsync());

        var response = await admin.PostPageFormAsync($"/Administracion/Punto/{id}", "#edit-point", ("Input.Code", code), ("Input.Name", "Oficina Desconcentrada de prueba"),
            ("Input.Kind", "OficinaDesconcentrada"), ("Input.UnitId", (await app.QueryAsync(db => db.ReportingPoints.Where(p => p.Id == id).Select(p => p.UnitId).SingleAsync())).ToString(CultureInfo.InvariantCulture)),
            ("Input.Department", "Ayacucho"), ("Input.IsActive", "false"), ("Input.Reason", "Cierre de la oficina"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await app.QueryAsync(db => db.ReportingPoints.Where(p => p.Id == id).Select(p => p.IsActive).SingleAsync()));
        var audit = (await app.QueryAsync(db => db.AuditEntries.Where(a => a.Subject == code).OrderBy(a => a.Id).ToListAsync()))[^1];
        Assert.Equal((PointFields.State, "Activo", "Desactivado", "Cierre de la oficina"), (audit.Field, audit.Before, audit.After, audit.Reason));
    }

    [Fact]
    public async Task NewAccount_RegistradorOfAPointOnly_IsCreatedTiedToThatPoint()
    {
        var admin = await app.LoginAsync();
        var email = $"consulado-{Guid.NewGuid():N}@test.local";
        var miami = await app.QueryAsync(db => db.ReportingPoints.Where(p => p.Code == "CG-MIAMI" && p.Institution!.PliegoCode == HomeInstitution.PliegoCode).Select(p => p.Id).SingleAsync());

        var response = await admin.PostPageFormAsync("/Administracion/Nuevo", "main form[method=post]", ("Input.Email", email), ("Input.FullName", "Luis Cónsul"), ("Input.Role", Roles.Registrador),
            ("Input.GeneratePassword", "true"), ("Input.MustChangePassword", "true"), ("Input.PointIds", miami.ToString(CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var points = await app.QueryAsync(db => db.UserReportingPoints.Where(u => u.User!.Email == email).Select(u => u.Point!.Code).ToListAsync());
        Assert.Equal(["CG-MIAMI"], points);
        var audit = await app.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Subject == email && a.Kind == AuditKind.UsuarioPunto));
        Assert.Equal("CG-MIAMI · Consulado General del Perú en Miami", audit.After);
    }
}
