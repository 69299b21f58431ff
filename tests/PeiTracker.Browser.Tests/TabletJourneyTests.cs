using Microsoft.Playwright;
using PeiTracker.Web.Data.Seed;

namespace PeiTracker.Browser.Tests;

/// <summary>
/// A tablet held upright (768 px wide): no page scrolls sideways, and what a wide table does not fit scrolls inside
/// the table's own container, never the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public class TabletJourneyTests(BrowserFixture app)
{
    internal static readonly ViewportSize Tablet = new() { Width = 768, Height = 1024 };

    /// <summary>
    /// The page's width beside the window's, and the elements that reach past the window's right edge without a
    /// scrolling container of their own (the first few, to say what to fix).
    /// </summary>
    private const string OverflowScript = """
        () => {
          const width = window.innerWidth;
          const scrollsInside = el => {
            for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
              const x = getComputedStyle(p).overflowX;
              if (x === 'auto' || x === 'scroll' || x === 'hidden') return true;
            }
            return false;
          };
          const overflows = el => el.getBoundingClientRect().right > width + 0.5 && getComputedStyle(el).position !== 'fixed' && !scrollsInside(el);
          // The innermost elements that reach past the edge: the ones to fix.
          const culprits = [...document.body.querySelectorAll('*')]
            .filter(el => overflows(el) && ![...el.children].some(overflows))
            .slice(0, 4)
            .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '')
              + ' (' + Math.round(el.getBoundingClientRect().right) + ' px)');
          return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, culprits };
        }
        """;

    private sealed class Overflow
    {
        public int ScrollWidth { get; set; }

        public int InnerWidth { get; set; }

        public string[] Culprits { get; set; } = [];
    }

    internal static async Task<string?> SidewaysScrollOfAsync(IPage page, string path)
    {
        var found = await page.EvaluateAsync<Overflow>(OverflowScript);
        return found.ScrollWidth <= found.InnerWidth
            ? null
            : $"{path}: la página mide {found.ScrollWidth} px de ancho en una ventana de {found.InnerWidth} px ({string.Join(", ", found.Culprits)})";
    }

    [Theory]
    [MemberData(nameof(AccessibilityJourneyTests.Roles), MemberType = typeof(AccessibilityJourneyTests))]
    public async Task EveryPageKindOfTheRole_At768Px_DoesNotScrollSideways(string role)
    {
        var ids = await AccessibilityJourneyTests.IdsAsync(app);
        var page = await app.SignedInPageAsync($"demo.{role.ToLowerInvariant()}@peitracker.local", DemoDataSeeder.DemoPassword);
        await page.SetViewportSizeAsync(Tablet.Width, Tablet.Height);
        var found = new List<string>();

        foreach (var path in AccessibilityJourneyTests.PagesOf(role, ids))
        {
            var response = await page.GotoAsync(app.BaseUrl + path);
            Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
            if (await SidewaysScrollOfAsync(page, path) is { } problem)
            {
                found.Add(problem);
            }
        }

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }

    [Fact]
    public async Task PublicPages_At768Px_DoNotScrollSideways()
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Tablet, Locale = "es-PE" });
        var page = await context.NewPageAsync();
        var found = new List<string>();

        foreach (var path in await AccessibilityJourneyTests.PublicPagesAsync(app))
        {
            await page.GotoAsync(app.BaseUrl + path);
            if (await SidewaysScrollOfAsync(page, path) is { } problem)
            {
                found.Add(problem);
            }
        }

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }

    /// <summary>Whether an element lies within the window, or within a container that scrolls sideways to show it.</summary>
    private const string ReachableScript = """
        el => {
          const box = el.getBoundingClientRect();
          if (box.width === 0) return false;
          if (box.left >= 0 && box.right <= window.innerWidth + 0.5) return true;
          for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            const x = getComputedStyle(p).overflowX;
            if (x === 'hidden' || x === 'clip') return false;
            if ((x === 'auto' || x === 'scroll') && p.scrollWidth > p.clientWidth) return p.getBoundingClientRect().right <= window.innerWidth + 0.5;
          }
          return false;
        }
        """;

    [Fact]
    public async Task Dashboard_At768Px_ShowsThePendingSwitchAndTheProjectionColumnUnclipped()
    {
        var page = await app.SignedInPageAsync("demo.planificador@peitracker.local", DemoDataSeeder.DemoPassword);
        await page.SetViewportSizeAsync(Tablet.Width, Tablet.Height);
        await page.GotoAsync(app.BaseUrl + "/Tablero?anio=2025&periodo=A");

        var pendingSwitch = page.Locator("label[for=pendientes]");
        Assert.True(await pendingSwitch.EvaluateAsync<bool>(ReachableScript), "El interruptor de pendientes queda cortado a 768 px.");
        var projection = page.Locator("table.indicator-table thead th", new() { HasText = "Proyección" });
        Assert.True(await projection.EvaluateAsync<bool>(ReachableScript), "La columna Proyección queda cortada a 768 px.");
        Assert.NotNull(await page.Locator("table.indicator-table caption").TextContentAsync());
    }

    [Fact]
    public async Task KeyPages_At1280And768Px_AreScreenshotted()
    {
        var ids = await AccessibilityJourneyTests.IdsAsync(app);
        var page = await app.SignedInPageAsync("demo.planificador@peitracker.local", DemoDataSeeder.DemoPassword);
        var pages = new Dictionary<string, string>
        {
            ["tablero"] = "/Tablero?anio=2025&periodo=A",
            ["indicador"] = $"/Plan/Indicador/{ids.Indicator}",
            ["revision"] = "/Registro/Revision",
            ["plan"] = "/Plan",
        };

        foreach (var width in new[] { 1280, 768 })
        {
            await page.SetViewportSizeAsync(width, 900);
            foreach (var (name, path) in pages)
            {
                await page.GotoAsync(app.BaseUrl + path);
                await BrowserFixture.ScreenshotAsync(page, $"90-{name}-{width}");
                Assert.Null(await SidewaysScrollOfAsync(page, path));
            }
        }

        Assert.Empty(app.ErrorsOf(page));
    }
}
