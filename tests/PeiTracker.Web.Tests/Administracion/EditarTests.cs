using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Pages.Administracion;
using PeiTracker.Web.Pages.Cuenta;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Administracion;

[Collection(AppCollection.Name)]
public class EditarTests(AppFixture app)
{
    private static string Unit(int id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<(HttpClient Admin, string Email, string Url)> AccountToEditAsync(string role = Roles.Consulta)
    {
        var email = await app.CreateUserAsync(role);
        return (await app.LoginAsync(), email, $"/Administracion/Editar/{await app.UserIdAsync(email)}");
    }

    private static Dictionary<string, string> Credentials(string email) => new()
    {
        ["Input.Email"] = email,
        ["Input.Password"] = AppFixture.Password,
    };

    [Fact]
    public async Task Edit_RoleAndUnits_SavesThemAndAuditsBeforeAndAfterWithTheReason()
    {
        var (admin, email, url) = await AccountToEditAsync(Roles.Consulta);
        var units = await app.UnitIdsAsync(2);

        var response = await admin.PostPageFormAsync(url, "#edit-form",
            ("Input.FullName", "Usuario de prueba Consulta"), ("Input.Role", Roles.Registrador),
            ("Input.UnitIds", Unit(units[0])), ("Input.UnitIds", Unit(units[1])), ("Input.Reason", "Pasa a la DGA"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var account = await app.FindAccountAsync(email);
        Assert.Equal([Roles.Registrador], account!.Roles);
        Assert.Equal(units.Order(), account.UnitIds);
        var audit = await app.AuditOfAsync(email);
        Assert.Contains(audit, a => a is { Kind: AuditKind.Rol, Field: "Rol", Before: Roles.Consulta, After: Roles.Registrador, Reason: "Pasa a la DGA", UserName: AppFixture.AdminEmail });
        Assert.Contains(audit, a => a is { Kind: AuditKind.Usuario, Field: "Unidades responsables", Before: null, After: not null, Reason: "Pasa a la DGA" });
    }

    [Fact]
    public async Task Edit_HeadOfUnitOnAndOff_IsSavedAndAuditedBothWays()
    {
        var (admin, email, url) = await AccountToEditAsync(Roles.Consulta);
        var units = await app.UnitIdsAsync(1);

        var on = await admin.PostPageFormAsync(url, "#edit-form", ("Input.FullName", "Usuario de prueba Consulta"), ("Input.Role", Roles.Consulta),
            ("Input.UnitIds", Unit(units[0])), ("Input.HeadsUnit", "true"), ("Input.Reason", "Asume la jefatura"));
        var off = await admin.PostPageFormAsync(url, "#edit-form", ("Input.FullName", "Usuario de prueba Consulta"), ("Input.Role", Roles.Consulta),
            ("Input.HeadsUnit", "false"));

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (on.StatusCode, off.StatusCode));
        Assert.False(await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.HeadsUnit).SingleAsync()));
        var audit = await app.AuditOfAsync(email);
        Assert.Contains(audit, a => a is { Kind: AuditKind.Usuario, Field: EditarModel.UnitHeadField, Before: "No", After: "Sí", Reason: "Asume la jefatura" });
        Assert.Contains(audit, a => a is { Kind: AuditKind.Usuario, Field: EditarModel.UnitHeadField, Before: "Sí", After: "No" });
    }

    [Fact]
    public async Task Edit_RegistradorToConsultaWithoutUnits_RemovesTheUnits()
    {
        var (admin, email, url) = await AccountToEditAsync(Roles.Consulta);
        var units = await app.UnitIdsAsync(2);
        await admin.PostPageFormAsync(url, "#edit-form", ("Input.FullName", "Usuario de prueba Consulta"), ("Input.Role", Roles.Registrador),
            ("Input.UnitIds", Unit(units[0])), ("Input.UnitIds", Unit(units[1])));

        var response = await admin.PostPageFormAsync(url, "#edit-form", ("Input.FullName", "Usuario de prueba Consulta"), ("Input.Role", Roles.Consulta));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var account = await app.FindAccountAsync(email);
        Assert.Equal([Roles.Consulta], account!.Roles);
        Assert.Empty(account.UnitIds);
        Assert.Contains(await app.AuditOfAsync(email), a => a is { Field: "Unidades responsables", Before: not null, After: null });
    }

    [Fact]
    public async Task Edit_Name_IsSavedAndAudited()
    {
        var (admin, email, url) = await AccountToEditAsync();

        await admin.PostPageFormAsync(url, "#edit-form", ("Input.FullName", "Ana María Torres"), ("Input.Role", Roles.Consulta));

        Assert.Equal("Ana María Torres", (await app.FindAccountAsync(email))!.FullName);
        Assert.Contains(await app.AuditOfAsync(email), a => a is { Field: "Nombre", Before: "Usuario de prueba Consulta", After: "Ana María Torres" });
    }

    [Fact]
    public async Task Edit_ToRegistradorWithoutUnits_IsRefused()
    {
        var (admin, email, url) = await AccountToEditAsync();

        var response = await admin.PostPageFormAsync(url, "#edit-form", ("Input.FullName", "X"), ("Input.Role", Roles.Registrador));

        Assert.Equal("Un Registrador necesita al menos una unidad responsable o un punto de registro.", await AccountTestData.FieldErrorAsync(response, "Input.UnitIds"));
        Assert.Equal([Roles.Consulta], (await app.FindAccountAsync(email))!.Roles);
    }

    [Fact]
    public async Task Edit_StaleForm_IsRefusedAsAConflict()
    {
        var (admin, email, url) = await AccountToEditAsync();

        var response = await admin.PostPageFormAsync(url, "#edit-form",
            ("Input.FullName", "Nombre nuevo"), ("Input.Role", Roles.Consulta), ("Input.ConcurrencyStamp", "otra-version"));

        Assert.Contains("Otra persona modificó esta cuenta", await AccountTestData.TextAsync(response));
        Assert.Equal("Usuario de prueba Consulta", (await app.FindAccountAsync(email))!.FullName);
    }

    [Fact]
    public async Task Deactivate_WithoutReason_IsRefused()
    {
        var (admin, email, url) = await AccountToEditAsync();

        var response = await admin.PostPageFormAsync(url, "#deactivate-form", ("Deactivation.Reason", " "));

        Assert.StartsWith("Explique por qué se desactiva la cuenta", await AccountTestData.FieldErrorAsync(response, "Deactivation.Reason"));
        Assert.True((await app.FindAccountAsync(email))!.IsActive);
    }

    [Fact]
    public async Task Deactivate_SignedInPerson_IsSignedOutAtTheNextRequestAndCannotSignInAgain()
    {
        var (admin, email, url) = await AccountToEditAsync();
        var person = await app.LoginAsync(email);

        await admin.PostPageFormAsync(url, "#deactivate-form", ("Deactivation.Reason", "Dejó la institución"));

        var next = await person.GetAsync("/Tablero");
        Assert.StartsWith("/Cuenta/Ingresar", next.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await person.GetAsync("/Tablero")).StatusCode);
        var login = await app.CreateClient().SubmitFormAsync("/Cuenta/Ingresar", Credentials(email));
        Assert.Contains(IngresarModel.FailureMessage, await AccountTestData.TextAsync(login));
    }

    [Fact]
    public async Task Deactivate_WritesAnAuditRowWithTheReason()
    {
        var (admin, email, url) = await AccountToEditAsync();

        await admin.PostPageFormAsync(url, "#deactivate-form", ("Deactivation.Reason", "Dejó la institución"));

        Assert.Contains(await app.AuditOfAsync(email), a => a is { Kind: AuditKind.Usuario, Field: "Estado", Before: "Activa", After: "Desactivada", Reason: "Dejó la institución" });
    }

    [Fact]
    public async Task Reactivate_DeactivatedAccount_CanSignInAgainAndIsAudited()
    {
        var (admin, email, url) = await AccountToEditAsync();
        await admin.PostPageFormAsync(url, "#deactivate-form", ("Deactivation.Reason", "Licencia"));

        await admin.PostPageFormAsync(url, "#reactivate-form", ("Note.Reason", "Volvió de licencia"));

        await app.LoginAsync(email);
        Assert.Contains(await app.AuditOfAsync(email), a => a is { Field: "Estado", Before: "Desactivada", After: "Activa", Reason: "Volvió de licencia" });
    }

    [Fact]
    public async Task ForcePasswordChange_SetsTheFlagAndIsAudited()
    {
        var (admin, email, url) = await AccountToEditAsync();

        await admin.PostPageFormAsync(url, "#force-form", ("Note.Reason", "Compartió su clave"));

        Assert.True((await app.FindAccountAsync(email))!.MustChangePassword);
        Assert.Contains(await app.AuditOfAsync(email), a => a is { Field: "Cambio de contraseña obligatorio", Before: "No", After: "Sí", Reason: "Compartió su clave" });
    }

    [Fact]
    public async Task Unlock_LockedAccount_CanSignInAgainAndIsAudited()
    {
        var (admin, email, url) = await AccountToEditAsync();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await app.CreateClient().SubmitFormAsync("/Cuenta/Ingresar", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "NoEsLaClave123" });
        }

        var response = await admin.PostPageFormAsync(url, "#unlock-form", ("Note.Reason", "Llamó a mesa de ayuda"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await app.LoginAsync(email);
        Assert.Contains(await app.AuditOfAsync(email), a => a is { Field: "Bloqueo", After: "Desbloqueada", Reason: "Llamó a mesa de ayuda" } && a.Before!.StartsWith("Bloqueada hasta", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Index_Filter_ListsOnlyMatchingAccountsWithRoleUnitsAndState()
    {
        var units = await app.UnitIdsAsync(1);
        var admin = await app.LoginAsync();
        var email = $"filtro-{Guid.NewGuid():N}@test.local";
        await admin.PostPageFormAsync("/Administracion/Nuevo", "main form[method=post]",
            ("Input.Email", email), ("Input.FullName", "Persona Filtrada"), ("Input.Role", Roles.Registrador), ("Input.UnitIds", Unit(units[0])),
            ("Input.GeneratePassword", "true"), ("Input.MustChangePassword", "true"));

        var page = await admin.GetDocumentAsync($"/Administracion?q={email[..20]}&rol=Registrador&estado=cambio");

        var rows = page.QuerySelectorAll("#users tbody tr");
        var cells = Assert.Single(rows).QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.Equal([email, "Persona Filtrada", Roles.Registrador], cells.Take(3));
        Assert.NotEqual("—", cells[3]);
        Assert.Equal(["Activa", "—", "Pendiente"], cells.Skip(4).Take(3));
    }
}
