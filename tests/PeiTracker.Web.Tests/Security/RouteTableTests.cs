using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Security;

/// <summary>
/// Walks the application's route table, anonymously and as each role: every route has an explicit
/// expectation below (who may use it), so a new page or endpoint without one fails here, and so
/// does one whose authorization rule does not match it. Never a 500. Every Razor Pages POST
/// handler refuses a request without the anti-forgery token.
/// </summary>
[Collection(AppCollection.Name)]
public partial class RouteTableTests(AppFixture app)
{
    /// <summary>Who may use a route.</summary>
    public enum Access
    {
        /// <summary>Anyone, signed in or not.</summary>
        Public,

        /// <summary>Any signed-in person, whatever the role.</summary>
        SignedIn,

        /// <summary>Administrador and Planificador (policy EditPlan).</summary>
        EditPlan,

        /// <summary>Administrador only.</summary>
        Administer,

        /// <summary>Administrador and Planificador; a Registrador only for indicators of their units, a Consulta never.</summary>
        UnitScoped,

        /// <summary>Everyone who sees every indicator (Administrador, Planificador, Consulta); a Registrador only for their units.</summary>
        ViewScoped,

        /// <summary>The JSON API: personal tokens only, never the session cookie of any role.</summary>
        ApiToken,

        /// <summary>The platform administrator only (institutions and their first administrators).</summary>
        AdministerPlatform,

        /// <summary>Those who enter values: Administrador, Planificador and Registrador (who works only on their units' indicators); a Consulta never.</summary>
        EnterValues,
    }

    private static readonly Dictionary<string, Access> Expected = new()
    {
        [""] = Access.SignedIn,
        ["Index"] = Access.SignedIn,
        ["Error"] = Access.Public,
        ["health"] = Access.Public,
        // The fallback for a file path that is no static asset: the assets themselves are public endpoints of their own.
        ["{**path:file}"] = Access.SignedIn,
        ["Cuenta/Ingresar"] = Access.Public,
        ["Cuenta/Salir"] = Access.SignedIn,
        ["Cuenta/AccesoDenegado"] = Access.SignedIn,
        ["Cuenta/Tokens"] = Access.SignedIn,
        ["Cuenta/Contrasena"] = Access.SignedIn,
        ["Plan"] = Access.SignedIn,
        ["Plan/Index"] = Access.SignedIn,
        ["Plan/Validacion"] = Access.SignedIn,
        ["Plan/Articulacion"] = Access.SignedIn,
        ["Plan/Articulacion/Relacion/{id:int}"] = Access.EditPlan,
        ["Plan/Articulacion/Descargar/{anexo}"] = Access.SignedIn,
        ["Plan/{kind:regex(^(Objetivo|Accion)$)}/{id:int}/Pgg"] = Access.EditPlan,
        ["Plan/Indicador/{id:int}"] = Access.SignedIn,
        ["Plan/Indicador/{id:int}/Editar"] = Access.EditPlan,
        ["Plan/Indicador/{id:int}/Metas"] = Access.EditPlan,
        ["Plan/Indicador/{id:int}/Formula"] = Access.EditPlan,
        ["Plan/{kind:regex(^(Objetivo|Accion)$)}/{id:int}/Editar"] = Access.EditPlan,
        ["Plan/Matriz"] = Access.EditPlan,
        ["Plan/Matriz/Descargar"] = Access.SignedIn,
        ["Tablero"] = Access.SignedIn,
        ["Tablero/Index"] = Access.SignedIn,
        ["Tablero/Unidades/{id:int?}"] = Access.SignedIn,
        ["Tablero/Nacional"] = Access.SignedIn,
        ["Tablero/{kind:regex(^(Objetivo|Accion)$)}/{id:int}"] = Access.SignedIn,
        ["Registro"] = Access.SignedIn,
        ["Registro/Index"] = Access.SignedIn,
        ["Registro/Valor/{id:int}"] = Access.UnitScoped,
        // A point's Registrador enters only for their points, and a Registrador without points is denied.
        ["Registro/Punto/{id:int}"] = Access.UnitScoped,
        ["Registro/Puntos/{id:int}"] = Access.UnitScoped,
        ["Registro/Evidencia/{id:int}"] = Access.ViewScoped,
        ["Registro/Revision"] = Access.EditPlan,
        ["Registro/Completitud"] = Access.EditPlan,
        ["Registro/Periodos"] = Access.EditPlan,
        ["Registro/Motivos"] = Access.EditPlan,
        ["Registro/Carga"] = Access.EnterValues,
        ["Registro/CargaPuntos"] = Access.EnterValues,
        ["Avisos"] = Access.SignedIn,
        ["Avisos/Index"] = Access.SignedIn,
        ["Avisos/Preferencias"] = Access.SignedIn,
        // An e-mail's unsubscribe link: its signed token is the authorization (ADR 0021).
        ["Avisos/Baja"] = Access.Public,
        ["Reportes"] = Access.SignedIn,
        ["Reportes/Index"] = Access.SignedIn,
        ["Reportes/Fichas"] = Access.SignedIn,
        ["Reportes/Informe"] = Access.EditPlan,
        ["Reportes/Seguimiento"] = Access.EditPlan,
        ["Reportes/Versiones/{id:int?}"] = Access.SignedIn,
        ["DatosAbiertos/{plan}/{file}"] = Access.SignedIn,
        // The transparency portal: only what was approved and published (TransparenciaTests checks nothing else leaks).
        ["Transparencia"] = Access.Public,
        ["Transparencia/Index"] = Access.Public,
        ["Transparencia/Periodo/{id:int}"] = Access.Public,
        ["Transparencia/Archivo/{id:int}"] = Access.Public,
        ["Auditoria"] = Access.EditPlan,
        ["Auditoria/Index"] = Access.EditPlan,
        ["Administracion"] = Access.Administer,
        ["Administracion/Index"] = Access.Administer,
        ["Administracion/Nuevo"] = Access.Administer,
        ["Administracion/Configuracion"] = Access.Administer,
        ["Administracion/Avisos"] = Access.Administer,
        ["Administracion/Unidades"] = Access.Administer,
        ["Administracion/Unidad/{id:int}"] = Access.Administer,
        ["Administracion/Puntos"] = Access.Administer,
        ["Administracion/Punto/{id:int}"] = Access.Administer,
        ["Administracion/Editar/{id}"] = Access.Administer,
        ["Plataforma"] = Access.AdministerPlatform,
        ["Plataforma/Index"] = Access.AdministerPlatform,
        ["api/{documentName}/openapi.json"] = Access.SignedIn,
        ["api/v1/planes"] = Access.ApiToken,
        ["api/v1/planes/{code}/indicadores"] = Access.ApiToken,
        ["api/v1/planes/{code}/avance"] = Access.ApiToken,
        ["api/v1/indicadores/{id:int}"] = Access.ApiToken,
        ["api/v1/indicadores/{id:int}/valores"] = Access.ApiToken,
        ["api/v1/indicadores/{id:int}/desglose"] = Access.ApiToken,
    };

    /// <summary>Razor pages that accept a POST without an anti-forgery token, each for a written reason.</summary>
    private static readonly HashSet<string> WithoutAntiforgeryOnPurpose =
    [
        // The error page is re-executed for failed posts (including anti-forgery failures) and changes nothing.
        "/Error",
        // A mail client's one-click unsubscribe (RFC 8058) posts without one; the signed token in the link authorizes it.
        "/Avisos/Baja",
    ];

    public sealed record Route(string Pattern, string Method);

    public static IEnumerable<Route> ApplicationRoutes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null)
            .Select(e => new Route((e.RoutePattern.RawText ?? "").TrimStart('/'), e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "GET"))
            .DistinctBy(r => r.Pattern)
            .OrderBy(r => r.Pattern, StringComparer.Ordinal);

    private static string Concrete(string pattern) =>
        "/" + Parameter().Replace(pattern, m => m.Groups[1].Value switch
        {
            "kind" => "Objetivo",
            "**path" => "css/no-existe.css",
            _ => "1",
        });

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, Route route) =>
        route.Method == "POST"
            ? client.PostAsync(Concrete(route.Pattern), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"))
            : client.GetAsync(Concrete(route.Pattern));

    [Fact]
    public void EveryRoute_HasAnExplicitAccessExpectation()
    {
        var routes = ApplicationRoutes(app.Factory.Services).Select(r => r.Pattern).ToList();

        Assert.True(routes.Count > 10, "The route table looks empty: " + string.Join(", ", routes));
        Assert.Empty(routes.Where(r => !Expected.ContainsKey(r)).Select(r => $"{r} has no access expectation in RouteTableTests.Expected"));
        Assert.Empty(Expected.Keys.Where(r => !routes.Contains(r)).Select(r => $"{r} is expected but is not in the route table"));
    }

    [Fact]
    public async Task EveryRoute_Anonymous_RedirectsToLoginOr401UnlessPublicOnPurpose()
    {
        var client = app.CreateClient();
        var failures = new List<string>();

        foreach (var route in ApplicationRoutes(app.Factory.Services).Where(r => Expected.ContainsKey(r.Pattern)))
        {
            var response = await SendAsync(client, route);
            var status = (int)response.StatusCode;
            var toLogin = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Cuenta/Ingresar", StringComparison.Ordinal);
            var ok = Expected[route.Pattern] == Access.Public
                ? status < 500 && !toLogin
                : toLogin || response.StatusCode == HttpStatusCode.Unauthorized;
            if (!ok)
            {
                failures.Add($"{route.Pattern} answered {status} {response.Headers.Location} to an anonymous request");
            }
        }

        Assert.Empty(failures);
    }

    public static TheoryData<string> AllRoles() => [.. Roles.Every];

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task EveryRoute_ForEachRole_IsServedOrDeniedAsExpectedAndNeverA500(string role)
    {
        // A Registrador without units: a unit-scoped route must deny them.
        var client = await app.LoginAsync(await app.CreateUserAsync(role));
        var failures = new List<string>();

        foreach (var route in ApplicationRoutes(app.Factory.Services).Where(r => Expected.ContainsKey(r.Pattern)))
        {
            var response = await SendAsync(client, route);
            var status = (int)response.StatusCode;
            var location = response.Headers.Location?.OriginalString ?? "";
            var denied = (response.StatusCode == HttpStatusCode.Redirect && (location.Contains("/Cuenta/AccesoDenegado", StringComparison.Ordinal) || location.Contains("/Cuenta/Ingresar", StringComparison.Ordinal)))
                || response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
            var access = Expected[route.Pattern];
            var allowed = access switch
            {
                Access.Public or Access.SignedIn => true,
                Access.EditPlan or Access.UnitScoped => role is Roles.Administrador or Roles.Planificador,
                Access.Administer => role == Roles.Administrador,
                Access.ViewScoped => role is Roles.Administrador or Roles.Planificador or Roles.Consulta,
                Access.AdministerPlatform => role == Roles.AdministradorPlataforma,
                Access.EnterValues => role is Roles.Administrador or Roles.Planificador or Roles.Registrador,
                _ => false,
            };

            // A scoped route for a missing record may answer 404 before it looks at the person: nothing is shown either way.
            var ok = status < 500 && (allowed ? !denied : denied || (access is Access.UnitScoped or Access.ViewScoped && response.StatusCode == HttpStatusCode.NotFound));
            if (!ok)
            {
                failures.Add($"{role} on {route.Pattern} ({route.Method}): {status} {location}, expected {(allowed ? "served" : "denied")}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task EveryPostHandler_WithoutAntiforgeryToken_IsRefusedWith400()
    {
        var services = app.Factory.Services;
        var loader = services.GetRequiredService<PageLoader>();
        var pages = services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>()
            .Where(p => p.AttributeRouteInfo?.Template is not null)
            .DistinctBy(p => p.ViewEnginePath)
            .ToList();
        var client = await app.LoginAsync();
        var failures = new List<string>();
        var checkedHandlers = 0;
        var ignoring = new List<string>();

        foreach (var page in pages)
        {
            var compiled = await loader.LoadAsync(page, Microsoft.AspNetCore.Http.EndpointMetadataCollection.Empty);
            if (compiled.HandlerTypeInfo.GetCustomAttributes(typeof(IgnoreAntiforgeryTokenAttribute), inherit: true).Length > 0)
            {
                ignoring.Add(page.ViewEnginePath);
                continue;
            }

            foreach (var handler in compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)))
            {
                var url = Concrete(page.AttributeRouteInfo!.Template!) + (handler.Name is null ? "" : "?handler=" + handler.Name);
                var response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["campo"] = "valor" }));
                checkedHandlers++;
                if (response.StatusCode != HttpStatusCode.BadRequest)
                {
                    failures.Add($"POST {url} without token answered {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        Assert.True(checkedHandlers > 15, $"Only {checkedHandlers} POST handlers found");
        Assert.Equal(WithoutAntiforgeryOnPurpose.Order(), ignoring.Order());
        Assert.Empty(failures);

        // The session survived every refused post (logout without a token does not sign out).
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Plan")).StatusCode);
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

    [GeneratedRegex(@"\{(\*{0,2}[a-zA-Z]+)(?::[^}]*)?\??\}")]
    private static partial Regex Parameter();
}
