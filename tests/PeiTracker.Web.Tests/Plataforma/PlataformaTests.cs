using System.Net;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Plataforma;

/// <summary>The platform administrator creates institutions and their first accounts; nobody else gives cross-institution roles.</summary>
[Collection(AppCollection.Name)]
public class PlataformaTests(AppFixture app)
{
    private const string Url = "/Plataforma";

    [Fact]
    public async Task CreateInstitutionAndFirstAdministrator_NewAdministratorHasAOneTimePasswordAndSeesOnlyTheirInstitution()
    {
        var platform = await app.LoginAsync();
        var code = "P" + Guid.NewGuid().ToString("N")[..8];
        var email = $"primer-admin-{code.ToLowerInvariant()}@test.local";

        var created = await platform.PostPageFormAsync(Url, "#institution-form",
            ("NewInstitution.PliegoCode", code), ("NewInstitution.Name", "Entidad nueva " + code), ("NewInstitution.Sector", "Sector nuevo"), ("NewInstitution.GovernmentLevel", "Regional"));
        var institutionId = await app.QueryAsync(db => db.Institutions.Where(i => i.PliegoCode == code).Select(i => i.Id).SingleAsync());
        var account = await platform.PostPageFormAsync(Url, "#account-form",
            ("NewAccount.InstitutionId", institutionId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("NewAccount.Email", email),
            ("NewAccount.FullName", "Primera Administradora"), ("NewAccount.Role", Roles.Administrador));
        var page = await HttpClientExtensions.ParseAsync(await account.Content.ReadAsStringAsync());
        var password = page.QuerySelector(".initial-password")!.TextContent.Trim();

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains(code, page.QuerySelector("#institutions")!.TextContent);
        Assert.True(account.Headers.CacheControl?.NoStore, "The one-time password must not be cached");
        var user = await app.QueryAsync(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.Equal(institutionId, user.InstitutionId);
        Assert.True(user.MustChangePassword);
        Assert.Equal([Roles.Administrador], (await app.FindAccountAsync(email))!.Roles);

        var first = await app.LoginAsync(email, password);
        Assert.Contains("/Cuenta/Contrasena", (await first.GetAsync("/Plan")).Headers.Location!.OriginalString);

        await app.QueryAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(u => u.SetProperty(x => x.MustChangePassword, false)));
        var ministryIndicator = await app.QueryAsync(db => db.Indicators.Where(i => i.Plan!.Institution!.PliegoCode == HomeInstitution.PliegoCode).Select(i => i.Id).FirstAsync());
        var admin = await app.LoginAsync(email, password);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Plan/Indicador/{ministryIndicator}")).StatusCode);
        var accounts = (await admin.GetDocumentAsync("/Administracion")).QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(email, Assert.Single(accounts));
    }

    [Fact]
    public async Task CreateInstitution_DuplicatePliegoOrMissingFields_IsRefusedInSpanishAndChangesNothing()
    {
        var platform = await app.LoginAsync();
        var before = await app.QueryAsync(db => db.Institutions.CountAsync());

        var response = await platform.PostPageFormAsync(Url, "#institution-form",
            ("NewInstitution.PliegoCode", HomeInstitution.PliegoCode), ("NewInstitution.Name", ""), ("NewInstitution.Sector", "X"), ("NewInstitution.GovernmentLevel", "Otro"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"Ya existe una entidad con el pliego {HomeInstitution.PliegoCode}.", await AccountTestData.FieldErrorAsync(response, "NewInstitution.PliegoCode"));
        Assert.Contains("nombre de la entidad", await AccountTestData.FieldErrorAsync(response, "NewInstitution.Name"));
        Assert.Contains("nivel de gobierno", await AccountTestData.FieldErrorAsync(response, "NewInstitution.GovernmentLevel"));
        Assert.Equal(before, await app.QueryAsync(db => db.Institutions.CountAsync()));
    }

    [Theory]
    [InlineData(Roles.Ceplan)]
    [InlineData(Roles.Sectorista)]
    [InlineData(Roles.AdministradorPlataforma)]
    public async Task InstitutionAdministrator_CannotGiveARoleBeyondTheInstitution(string role)
    {
        var admin = await app.LoginAsync(await app.CreateUserAsync(Roles.Administrador));
        var email = $"escalada-{Guid.NewGuid():N}@test.local";

        var response = await admin.PostPageFormAsync("/Administracion/Nuevo", "main form",
            ("Input.Email", email), ("Input.FullName", "Intento"), ("Input.Role", role), ("Input.GeneratePassword", "true"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Elija un rol de la lista.", await AccountTestData.FieldErrorAsync(response, "Input.Role"));
        Assert.Null(await app.FindAccountAsync(email));
    }
}
