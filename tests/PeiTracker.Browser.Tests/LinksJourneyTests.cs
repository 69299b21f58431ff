using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PeiTracker.Web.Data.Seed;

namespace PeiTracker.Browser.Tests;

/// <summary>Every link a planner can follow from the dashboard leads somewhere, and drill-downs keep the chosen period.</summary>
[Collection(BrowserCollection.Name)]
public partial class LinksJourneyTests(BrowserFixture app)
{
    [Fact]
    public async Task Dashboard_EveryLinkReachableFromIt_AnswersWithAPage()
    {
        var page = await app.SignedInPageAsync("demo.planificador@peitracker.local", DemoDataSeeder.DemoPassword);
        var request = page.Context.APIRequest;
        var start = new Uri(app.BaseUrl + "/Tablero?anio=2025&periodo=A");
        var seen = new HashSet<string> { start.PathAndQuery };
        var toVisit = new Queue<(Uri Url, string From)>([(start, "(inicio)")]);
        var broken = new List<string>();
        var expanded = 0;

        while (toVisit.Count > 0)
        {
            var (url, from) = toVisit.Dequeue();
            var response = await request.GetAsync(url.ToString(), new() { MaxRedirects = 0 });
            if (response.Status is not (>= 200 and < 400))
            {
                broken.Add($"{response.Status} {url.PathAndQuery} (enlace en {from})");
                continue;
            }

            if (!IsExpanded(url) || !(response.Headers.GetValueOrDefault("content-type") ?? "").StartsWith("text/html", StringComparison.Ordinal))
            {
                continue;
            }

            expanded++;
            foreach (Match match in Href().Matches(await response.TextAsync()))
            {
                var target = new Uri(url, WebUtility.HtmlDecode(match.Groups[1].Value));
                if (target.Host == url.Host && target.Port == url.Port && seen.Add(target.PathAndQuery))
                {
                    toVisit.Enqueue((new Uri(target.GetLeftPart(UriPartial.Query)), url.PathAndQuery));
                }
            }
        }

        Assert.Empty(broken);
        // The dashboard, its 11 OEI, 49 AEI, the units and the indicators opened from them were all read.
        Assert.True(expanded > 150, $"only {expanded} pages were crawled");
    }

    [Fact]
    public async Task IndicatorOpenedFromAnObjective_BreadcrumbLeadsBackToTheSamePeriod()
    {
        var page = await app.SignedInPageAsync("demo.planificador@peitracker.local", DemoDataSeeder.DemoPassword);
        await page.GotoAsync(app.BaseUrl + "/Tablero?anio=2025&periodo=A");

        await page.Locator(".oei-card h3 a").First.ClickAsync();
        await Assertions.Expect(page.Locator(".page-header")).ToContainTextAsync("Año 2025");
        var objectiveUrl = page.Url;
        await page.Locator("table.indicator-table tbody tr", new() { Has = page.Locator(".st-verde, .st-amarillo, .st-rojo") }).Locator("a").First.ClickAsync();

        await Assertions.Expect(page.Locator("tr[aria-current=true] th")).ToContainTextAsync("2025");
        var back = page.Locator("nav[aria-label='Ruta de navegación'] a").First;
        await Assertions.Expect(back).ToHaveTextAsync("Tablero · Año 2025");
        await back.ClickAsync();
        Assert.Equal(objectiveUrl, page.Url);
        await page.Locator("nav[aria-label='Ruta de navegación']").GetByRole(AriaRole.Link, new() { Name = "Tablero", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Tablero · Año 2025");
        Assert.Empty(app.ErrorsOf(page));
    }

    /// <summary>Pages whose links are followed: the plan's dashboards and the indicators opened from them (the national view leads to other plans).</summary>
    private static bool IsExpanded(Uri url) =>
        (url.AbsolutePath.StartsWith("/Tablero", StringComparison.Ordinal) && !url.AbsolutePath.StartsWith("/Tablero/Nacional", StringComparison.Ordinal))
        || IndicatorPath().IsMatch(url.AbsolutePath);

    [GeneratedRegex("href=\"([^\"#][^\"]*)\"")]
    private static partial Regex Href();

    [GeneratedRegex(@"^/Plan/Indicador/\d+$")]
    private static partial Regex IndicatorPath();
}
