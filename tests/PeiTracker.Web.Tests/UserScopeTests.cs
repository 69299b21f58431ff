using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests;

[Collection(AppCollection.Name)]
public class UserScopeTests(AppFixture app)
{
    [Theory]
    [InlineData(Roles.Administrador, true)]
    [InlineData(Roles.Planificador, true)]
    [InlineData(Roles.Consulta, true)]
    [InlineData(Roles.Registrador, false)]
    public async Task SeesEverything_ByRole_OnlyRegistradorIsLimitedToTheirUnits(string role, bool expected)
    {
        await using var scope = app.CreateScope();
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, role)], "Test"));

        Assert.Equal(expected, scope.ServiceProvider.GetRequiredService<UserScope>().SeesEverything(principal));
    }

    [Fact]
    public async Task UnitIdsAsync_SignedInRegistrador_ReturnsTheirUnits()
    {
        var units = await app.UnitIdsAsync(2);
        var email = await app.CreateUserAsync(Roles.Registrador);
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        db.UserUnits.AddRange(units.Select(id => new UserUnit { UserId = user.Id, UnitId = id }));
        await db.SaveChangesAsync();
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>().CreateUserPrincipalAsync(user);

        var unitIds = await scope.ServiceProvider.GetRequiredService<UserScope>().UnitIdsAsync(principal);

        Assert.Equal(units.ToHashSet(), unitIds);
    }

    [Fact]
    public async Task UnitIdsAsync_Anonymous_IsEmpty()
    {
        await using var scope = app.CreateScope();

        Assert.Empty(await scope.ServiceProvider.GetRequiredService<UserScope>().UnitIdsAsync(new ClaimsPrincipal(new ClaimsIdentity())));
    }
}
