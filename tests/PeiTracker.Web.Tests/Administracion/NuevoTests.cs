using System.Net;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Pages.Administracion;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Administracion;

[Collection(AppCollection.Name)]
public class NuevoTests(AppFixture app)
{
    private const string Url = "/Administracion/Nuevo";
    private const string Form = "main form[method=post]";

    private static string NewEmail() => $"nuevo-{Guid.NewGuid():N}@test.local";

    private static (string, string)[] Fields(string email, string role, IEnumerable<int>? unitIds = null, string? password = null, bool mustChange = true)
    {
        var fields = new List<(string, string)>
        {
            ("Input.Email", email),
            ("Input.FullName", "Rosa Quispe Mamani"),
            ("Input.Role", role),
            ("Input.GeneratePassword", password is null ? "true" : "false"),
            ("Input.MustChangePassword", mustChange ? "true" : "false"),
        };
        if (password is not null)
        {
            fields.Add(("Input.Password", password));
            fields.Add(("Input.PasswordConfirmation", password));
        }

        fields.AddRange((unitIds ?? []).Select(id => ("Input.UnitIds", id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return [.. fields];
    }

    [Theory]
    [InlineData(Roles.Administrador)]
    [InlineData(Roles.Planificador)]
    [InlineData(Roles.Consulta)]
    public async Task Create_RoleWithoutUnits_CreatesTheAccountWithThatRole(string role)
    {
        var admin = await app.LoginAsync();
        var email = NewEmail();

        var response = await admin.PostPageFormAsync(Url, Form, Fields(email, role, password: AppFixture.Password));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var account = await app.FindAccountAsync(email);
        Assert.Equal([role], account!.Roles);
        Assert.Empty(account.UnitIds);
    }

    [Fact]
    public async Task Create_RegistradorWithUnits_SavesTheUnits()
    {
        var admin = await app.LoginAsync();
        var units = await app.UnitIdsAsync(2);
        var email = NewEmail();

        var response = await admin.PostPageFormAsync(Url, Form, Fields(email, Roles.Registrador, units, AppFixture.Password));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var account = await app.FindAccountAsync(email);
        Assert.Equal([Roles.Registrador], account!.Roles);
        Assert.Equal(units.Order(), account.UnitIds);
    }

    [Fact]
    public async Task Create_PlanificadorHeadingThePlanningOffice_IsFlaggedAndAudited()
    {
        var admin = await app.LoginAsync();
        var email = NewEmail();

        var response = await admin.PostPageFormAsync(Url, Form, [.. Fields(email, Roles.Planificador, password: AppFixture.Password), ("Input.HeadsPlanningOffice", "true")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.HeadsPlanningOffice).SingleAsync()));
        var audit = await app.QueryAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Subject == email && a.Field == EditarModel.HeadField));
        Assert.Equal((AuditKind.Usuario, null, "Sí", AppFixture.AdminEmail), (audit.Kind, audit.Before, audit.After, audit.UserName));
    }

    [Theory]
    [InlineData(Roles.Consulta)]
    [InlineData(Roles.Administrador)]
    public async Task Create_HeadOfPlanningWithAnotherRole_IsRefusedAndCreatesNothing(string role)
    {
        var admin = await app.LoginAsync();
        var email = NewEmail();

        var response = await admin.PostPageFormAsync(Url, Form, [.. Fields(email, role, password: AppFixture.Password), ("Input.HeadsPlanningOffice", "true")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Solo una cuenta con rol Planificador puede ser la jefatura de la OGPP.", await AccountTestData.FieldErrorAsync(response, "Input.HeadsPlanningOffice"));
        Assert.Null(await app.FindAccountAsync(email));
    }

    [Fact]
    public async Task Create_ConsultaHeadingAUnit_KeepsTheUnitFlagsTheAccountAndAuditsIt()
    {
        var admin = await app.LoginAsync();
        var units = await app.UnitIdsAsync(1);
        var email = NewEmail();

        var response = await admin.PostPageFormAsync(Url, Form, [.. Fields(email, Roles.Consulta, units, AppFixture.Password), ("Input.HeadsUnit", "true")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(units, (await app.FindAccountAsync(email))!.UnitIds);
        Assert.True(await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.HeadsUnit).SingleAsync()));
        var audit = await app.QueryAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Subject == email && a.Field == EditarModel.UnitHeadField));
        Assert.Equal((AuditKind.Usuario, null, "Sí", AppFixture.AdminEmail), (audit.Kind, audit.Before, audit.After, audit.UserName));
    }

    [Fact]
    public async Task Create_HeadOfUnitWithoutUnit_IsRefusedAndCreatesNothing()
    {
        var admin = await app.LoginAsync();
        var email = NewEmail();

        var response = await admin.PostPageFormAsync(Url, Form, [.. Fields(email, Roles.Consulta, password: AppFixture.Password), ("Input.HeadsUnit", "true")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Una jefatura de unidad necesita la unidad que dirige: elíjala en la lista.", await AccountTestData.FieldErrorAsync(response, "Input.UnitIds"));
        Assert.Null(await app.FindAccountAsync(email));
    }

    [Fact]
    public async Task Create_RegistradorWithoutUnit_IsRefused()
    {
        var admin = await app.LoginAsync();
        var email = NewEmail();

        var response = await admin.PostPageFormAsync(Url, Form, Fields(email, Roles.Registrador));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Un Registrador necesita al menos una unidad responsable o un punto de registro.", await AccountTestData.FieldErrorAsync(response, "Input.UnitIds"));
        Assert.Null(await app.FindAccountAsync(email));
    }

    [Theory]
    [InlineData(Roles.Administrador)]
    [InlineData(Roles.Planificador)]
    [InlineData(Roles.Consulta)]
    public async Task Create_NonRegistradorWithUnits_IsRefused(string role)
    {
        var admin = await app.LoginAsync();
        var email = NewEmail();

        var response = await admin.PostPageFormAsync(Url, Form, Fields(email, role, await app.UnitIdsAsync(1)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Solo el rol Registrador tiene unidades responsables", await AccountTestData.FieldErrorAsync(response, "Input.UnitIds"));
        Assert.Null(await app.FindAccountAsync(email));
    }

    [Fact]
    public async Task Create_DuplicateEmail_IsRefusedWithSpanishMessage()
    {
        var admin = await app.LoginAsync();
        var existing = await app.CreateUserAsync(Roles.Consulta);

        var response = await admin.PostPageFormAsync(Url, Form, Fields(existing.ToUpperInvariant(), Roles.Consulta));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"Ya existe un usuario con el correo {existing.ToUpperInvariant()}.", await AccountTestData.FieldErrorAsync(response, "Input.Email"));
    }

    [Fact]
    public async Task Create_WeakTypedPassword_ShowsIdentitySpanishMessages()
    {
        var admin = await app.LoginAsync();
        var email = NewEmail();

        var response = await admin.PostPageFormAsync(Url, Form, Fields(email, Roles.Consulta, password: "corta"));

        var error = await AccountTestData.FieldErrorAsync(response, "Input.Password");
        Assert.Contains("La contraseña debe tener al menos 10 caracteres.", error);
        Assert.Null(await app.FindAccountAsync(email));
    }

    [Fact]
    public async Task Create_InvalidEmail_IsRefused()
    {
        var admin = await app.LoginAsync();

        var response = await admin.PostPageFormAsync(Url, Form, Fields("no-es-un-correo", Roles.Consulta));

        Assert.StartsWith("Escriba un correo válido", await AccountTestData.FieldErrorAsync(response, "Input.Email"));
    }

    [Fact]
    public async Task Create_TypedPassword_ThePersonCanSignIn()
    {
        var admin = await app.LoginAsync();
        var email = NewEmail();
        await admin.PostPageFormAsync(Url, Form, Fields(email, Roles.Consulta, password: "OtraClave2025x", mustChange: false));

        var client = await app.LoginAsync(email, "OtraClave2025x");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Tablero")).StatusCode);
    }

    [Fact]
    public async Task Create_GeneratedPassword_IsShownOnceAndLetsThePersonSignIn()
    {
        var admin = await app.LoginAsync();
        var email = NewEmail();

        var response = await admin.PostPageFormAsync(Url, Form, Fields(email, Roles.Planificador));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var page = await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());
        var password = page.QuerySelector("code.initial-password")!.TextContent;
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateClient().SubmitFormAsync("/Cuenta/Ingresar", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        })).StatusCode);
        var list = await admin.GetAsync("/Administracion");
        Assert.DoesNotContain(password, await list.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Create_Account_WritesAuditRows()
    {
        var admin = await app.LoginAsync();
        var units = await app.UnitIdsAsync(1);
        var email = NewEmail();

        await admin.PostPageFormAsync(Url, Form, Fields(email, Roles.Registrador, units));

        var audit = await app.AuditOfAsync(email);
        Assert.All(audit, a => Assert.Equal(AppFixture.AdminEmail, a.UserName));
        Assert.Contains(audit, a => a is { Kind: AuditKind.Usuario, Field: "Cuenta", Before: null } && a.After!.Contains("Rosa Quispe Mamani"));
        Assert.Contains(audit, a => a is { Kind: AuditKind.Rol, Field: "Rol", Before: null, After: Roles.Registrador });
        Assert.Contains(audit, a => a is { Kind: AuditKind.Usuario, Field: "Unidades responsables", Before: null, After: not null });
        Assert.Contains(audit, a => a is { Kind: AuditKind.Usuario, Field: "Cambio de contraseña obligatorio", After: "Sí" });
    }

    [Fact]
    public async Task Create_NewAccount_MustChangeThePasswordButTheLoginPageSaysNothing()
    {
        var admin = await app.LoginAsync();
        var email = NewEmail();
        await admin.PostPageFormAsync(Url, Form, Fields(email, Roles.Consulta, password: "OtraClave2025x"));
        var client = app.CreateClient();

        var login = await client.SubmitFormAsync("/Cuenta/Ingresar", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "OtraClave2025x",
        });

        Assert.Equal("/", login.Headers.Location!.OriginalString);
        var next = await client.GetAsync("/Tablero");
        Assert.StartsWith("/Cuenta/Contrasena", next.Headers.Location!.OriginalString);
    }

    /// <summary>A valid address of the given length: a unique local part of 64 characters, then labels of at most 63.</summary>
    private static string EmailOfLength(int length)
    {
        var email = "r" + Guid.NewGuid().ToString("N") + new string('x', 31) + "@";
        const string domain = "rree.gob.pe";
        while (email.Length + domain.Length < length)
        {
            email += new string('d', Math.Min(63, length - email.Length - domain.Length - 1)) + ".";
        }

        return email + domain;
    }

    [Theory]
    [InlineData(142)]
    [InlineData(254)]
    public async Task Create_LongValidEmail_CreatesTheAccountWithItsAuditRows(int length)
    {
        var admin = await app.LoginAsync();
        var email = EmailOfLength(length);
        Assert.Equal(length, email.Length);

        var response = await admin.PostPageFormAsync(Url, Form, Fields(email, Roles.Consulta, password: AppFixture.Password));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(await app.FindAccountAsync(email));
        Assert.Contains(await app.AuditOfAsync(email), a => a is { Kind: AuditKind.Usuario, Field: "Cuenta" });
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateClient().SubmitFormAsync("/Cuenta/Ingresar", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = AppFixture.Password,
        })).StatusCode);
    }
}
