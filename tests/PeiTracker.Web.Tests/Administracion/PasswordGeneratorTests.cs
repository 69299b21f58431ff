using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Administracion;

[Collection(AppCollection.Name)]
public class PasswordGeneratorTests(AppFixture app)
{
    [Fact]
    public async Task Generate_Always_SatisfiesTheApplicationsPasswordPolicy()
    {
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { FullName = "Prueba", UserName = "prueba@test.local" };

        for (var i = 0; i < 200; i++)
        {
            var password = PasswordGenerator.Generate();
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, user, password);
                Assert.True(result.Succeeded, $"{password}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            }
        }
    }

    [Fact]
    public void Generate_TwoCalls_GiveDifferentPasswords()
    {
        Assert.NotEqual(PasswordGenerator.Generate(), PasswordGenerator.Generate());
    }
}
