using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PeiTracker.Web.Data;
using PeiTracker.Web.Data.Seed;
using PeiTracker.Web.Synthetic;

namespace PeiTracker.Browser.Tests;

/// <summary>CEPLAN follows many entities at once: national view, one sector, then one entity's dashboard.</summary>
[Collection(BrowserCollection.Name)]
public class NationalJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task Ceplan_OpensTheNationalView_FiltersASectorAndDrillsDownToAnEntity()
    {
        const string email = "ceplan.nacional@peitracker.local";
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SyntheticPlans>().LoadAsync(40);

            // Only CEPLAN reads every institution; a ministry account's national view shows the ministry alone.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByEmailAsync(email) is null)
            {
                var institution = await HomeInstitution.EnsureAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
                var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, FullName = "Analista de CEPLAN", InstitutionId = institution };
                await users.CreateAsync(user, DemoDataSeeder.DemoPassword);
                await users.AddToRoleAsync(user, Roles.Ceplan);
            }
        }

        var page = await app.SignedInPageAsync(email, DemoDataSeeder.DemoPassword);
        await page.GotoAsync(app.BaseUrl + "/Tablero?anio=2025&periodo=A");
        await page.GetByRole(AriaRole.Link, new() { Name = "Vista nacional (las entidades que puede ver)" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Vista nacional · Año 2025");
        await Assertions.Expect(page.Locator("[data-testid=sectores]")).ToContainTextAsync("Gobiernos Regionales");
        await Assertions.Expect(page.Locator("[data-testid=sectores]")).ToContainTextAsync("Relaciones Exteriores");
        await BrowserFixture.ScreenshotAsync(page, "40-vista-nacional");

        await page.SelectOptionAsync("#sector", "Gobiernos Regionales");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aplicar" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sector=Gobiernos"));
        var entity = page.Locator("details[open] tbody tr a").First;
        var name = (await entity.InnerTextAsync()).Trim();
        Assert.StartsWith("Gobierno Regional de", name);
        await BrowserFixture.ScreenshotAsync(page, "41-vista-nacional-un-sector");

        await entity.ClickAsync();
        await Assertions.Expect(page.Locator(".page-header")).ToContainTextAsync(name);
        await Assertions.Expect(page.Locator("[data-testid=avance-plan]")).ToContainTextAsync("%");
        await BrowserFixture.ScreenshotAsync(page, "42-tablero-entidad-sintetica");
        Assert.Empty(app.ErrorsOf(page));
    }
}
