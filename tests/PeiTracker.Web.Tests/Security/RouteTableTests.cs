using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Security;

/// <summary>
/// Walks the application's route table: every route answers an anonymous request with a redirect
/// to the login page, except the few that are public on purpose. A new page without an
/// authorization rule fails here.
/// </summary>
[Collection(AppCollection.Name)]
public partial class RouteTableTests(AppFixture app)
{
    private static readonly HashSet<string> PublicRoutes = ["Cuenta/Ingresar", "Error", "health"];

    public static IEnumerable<string> ApplicationRoutes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null)
            .Select(e => e.RoutePattern.RawText ?? "")
            .Distinct()
            .Order();

    private static string Concrete(string pattern) =>
        "/" + Parameter().Replace(pattern, m => m.Groups[1].Value switch
        {
            "kind" => "Objetivo",
            _ => "1",
        });

    [Fact]
    public async Task EveryRoute_Anonymous_RedirectsToLoginUnlessPublicOnPurpose()
    {
        var routes = ApplicationRoutes(app.Factory.Services).ToList();
        var client = app.CreateClient();
        var failures = new List<string>();

        foreach (var route in routes)
        {
            var response = await client.GetAsync(Concrete(route));
            var isPublic = PublicRoutes.Contains(route.TrimStart('/'));
            var redirectsToLogin = response.StatusCode == HttpStatusCode.Redirect
                && response.Headers.Location!.OriginalString.Contains("/Cuenta/Ingresar", StringComparison.Ordinal);
            if (!isPublic && !redirectsToLogin && response.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{route} answered {(int)response.StatusCode} to an anonymous request");
            }
        }

        Assert.True(routes.Count > 10, "The route table looks empty: " + string.Join(", ", routes));
        Assert.Empty(failures);
    }

    [Fact]
    public async Task AnyPage_Response_CarriesTheSecurityHeaders()
    {
        var response = await app.CreateClient().GetAsync("/Cuenta/Ingresar");

        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task LoginPage_Html_HasNoInlineScriptOrStyleAttribute()
    {
        var html = await (await app.CreateClient().GetAsync("/Cuenta/Ingresar")).Content.ReadAsStringAsync();
        var page = await HttpClientExtensions.ParseAsync(html);

        Assert.All(page.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src"), "inline <script> found"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
    }

    [GeneratedRegex(@"\{([a-zA-Z]+)(?::[^}]*)?\??\}")]
    private static partial Regex Parameter();
}
