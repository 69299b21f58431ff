using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Api;

/// <summary>
/// /api/v1/openapi.json is a document a client can be generated from: it reads without errors, says how to
/// authenticate, and declares every status each endpoint really answers, with the problem-details schema.
/// </summary>
[Collection(AppCollection.Name)]
public class OpenApiDocumentTests(AppFixture app)
{
    private static readonly string[] ProblemSchemas = ["ProblemDetails", "HttpValidationProblemDetails"];

    private async Task<OpenApiDocument> DocumentAsync()
    {
        var json = await (await app.LoginAsync()).GetStringAsync("/api/v1/openapi.json");
        var (document, diagnostic) = OpenApiDocument.Parse(json, "json");
        Assert.Empty(diagnostic!.Errors);
        Assert.NotNull(document);
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet())!);
        return document;
    }

    [Fact]
    public async Task Document_ReadsWithoutErrors_AndDeclaresThePersonalTokenAsBearer()
    {
        var document = await DocumentAsync();

        var (name, scheme) = Assert.Single(document.Components!.SecuritySchemes!);
        Assert.Equal(SecuritySchemeType.Http, scheme.Type);
        Assert.Equal("bearer", scheme.Scheme);
        var requirement = Assert.Single(document.Security!);
        Assert.Equal(name, Assert.Single(requirement).Key.Reference.Id);
    }

    [Fact]
    public async Task Document_EveryErrorAnswer_IsAProblemDetail()
    {
        var document = await DocumentAsync();

        var errors = document.Paths.SelectMany(p => p.Value.Operations!.SelectMany(o => o.Value.Responses!
            .Where(r => r.Key[0] is '4' or '5')
            .Select(r => (Operation: $"{o.Key} {p.Key} {r.Key}", Response: r.Value)))).ToList();

        Assert.NotEmpty(errors);
        Assert.All(errors, e =>
        {
            Assert.True(e.Response.Content!.TryGetValue("application/problem+json", out var media), $"{e.Operation} has no problem+json body");
            Assert.Contains(Assert.IsType<OpenApiSchemaReference>(media.Schema).Reference.Id, ProblemSchemas);
            Assert.False(string.IsNullOrWhiteSpace(e.Response.Description), $"{e.Operation} has no description");
        });
    }

    private sealed record Call(string Method, string Template, string Url, HttpClient Client, int Expected, object? Json = null, string? RawJson = null);

    /// <summary>
    /// Each endpoint asked the way that makes it answer each status (no token, another unit's indicator, an unknown
    /// id, a stale version, a bad period or body): the status must be what was meant and declared in the document.
    /// </summary>
    [Fact]
    public async Task Document_DeclaresEveryStatusEachEndpointAnswers()
    {
        var document = await DocumentAsync();
        var plan = await ValueTestPlan.CreateAsync(app, 2);
        var (_, _, api) = await plan.RegistradorAsync(app);
        var (pendingEmail, _, pending) = await plan.RegistradorAsync(app);
        await app.QueryAsync(db => db.Users.Where(u => u.Email == pendingEmail).ExecuteUpdateAsync(u => u.SetProperty(x => x.MustChangePassword, true)));
        var anonymous = app.CreateClient();
        var (mine, taken) = (plan.Indicators[0], plan.Indicators[1]);
        await api.PostAsJsonAsync($"/api/v1/indicadores/{taken}/valores", new { anio = 2025, valor = ValueTestPlan.OnTarget });
        const string Plans = "/api/v1/planes", Indicators = "/api/v1/planes/{code}/indicadores", Indicator = "/api/v1/indicadores/{id}";
        const string Progress = "/api/v1/planes/{code}/avance", Values = "/api/v1/indicadores/{id}/valores", Breakdown = "/api/v1/indicadores/{id}/desglose";
        var progress = $"/api/v1/planes/{plan.Code}/avance";
        var calls = new List<Call>
        {
            new("GET", Plans, "/api/v1/planes", api, 200),
            new("GET", Plans, "/api/v1/planes", anonymous, 401),
            new("GET", Plans, "/api/v1/planes", pending, 403),
            new("GET", Indicators, $"/api/v1/planes/{plan.Code}/indicadores", api, 200),
            new("GET", Indicators, $"/api/v1/planes/{plan.Code}/indicadores", anonymous, 401),
            new("GET", Indicators, "/api/v1/planes/NO-EXISTE/indicadores", api, 404),
            new("GET", Indicator, $"/api/v1/indicadores/{mine}", api, 200),
            new("GET", Indicator, $"/api/v1/indicadores/{mine}", pending, 403),
            new("GET", Indicator, "/api/v1/indicadores/999999", api, 404),
            new("GET", Breakdown, $"/api/v1/indicadores/{mine}/desglose?anio=2025&periodo=A", api, 200),
            new("GET", Breakdown, $"/api/v1/indicadores/{mine}/desglose?anio=2025&periodo=II", api, 400),
            new("GET", Breakdown, $"/api/v1/indicadores/{mine}/desglose?anio=2025", anonymous, 401),
            new("GET", Breakdown, "/api/v1/indicadores/999999/desglose?anio=2025", api, 404),
            new("GET", Progress, progress + "?anio=2025&periodo=S1", api, 200),
            new("GET", Progress, progress + "?anio=2025&periodo=II", api, 400),
            new("GET", Progress, progress + "?periodo=A", api, 400),
            new("GET", Progress, progress + "?anio=2025", anonymous, 401),
            new("GET", Progress, "/api/v1/planes/NO-EXISTE/avance?anio=2025", api, 404),
            new("POST", Values, $"/api/v1/indicadores/{mine}/valores", api, 200, new { anio = 2025, periodo = "SegundoSemestre", valor = ValueTestPlan.OnTarget }),
            new("POST", Values, $"/api/v1/indicadores/{mine}/valores", api, 400, new { anio = 2025, periodo = "II", valor = ValueTestPlan.OnTarget }),
            new("POST", Values, $"/api/v1/indicadores/{mine}/valores", api, 400, new { anio = 2025, valor = "95,5" }),
            new("POST", Values, $"/api/v1/indicadores/{mine}/valores", api, 400, RawJson: "{\"anio\": 2025, \"valor\": "),
            new("POST", Values, $"/api/v1/indicadores/{mine}/valores", api, 400, RawJson: "{\"anio\": \"2025\", \"valor\": \"100\"}"),
            new("POST", Values, $"/api/v1/indicadores/{mine}/valores", anonymous, 401, new { anio = 2025, valor = ValueTestPlan.OnTarget }),
            new("POST", Values, $"/api/v1/indicadores/{plan.OtherUnitIndicator}/valores", api, 403, new { anio = 2025, valor = ValueTestPlan.OnTarget }),
            new("POST", Values, $"/api/v1/indicadores/{mine}/valores", pending, 403, new { anio = 2025, valor = ValueTestPlan.OnTarget }),
            new("POST", Values, "/api/v1/indicadores/999999/valores", api, 404, new { anio = 2025, valor = ValueTestPlan.OnTarget }),
            new("POST", Values, $"/api/v1/indicadores/{taken}/valores", api, 409, new { anio = 2025, valor = "90", comentario = "Sin versión" }),
        };

        var mismatches = new List<string>();
        foreach (var call in calls)
        {
            var response = call.Method == "GET" ? await call.Client.GetAsync(call.Url)
                : call.RawJson is { } raw ? await call.Client.PostAsync(call.Url, new StringContent(raw, Encoding.UTF8, "application/json"))
                : await call.Client.PostAsJsonAsync(call.Url, call.Json);
            var status = (int)response.StatusCode;
            var operation = document.Paths[call.Template].Operations![new HttpMethod(call.Method)];
            if (status != call.Expected)
            {
                mismatches.Add($"{call.Method} {call.Url} answered {status}, expected {call.Expected}");
            }

            if (!operation.Responses!.ContainsKey(status.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                mismatches.Add($"{call.Method} {call.Template} answers {status}, which the document does not declare");
            }

            if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                mismatches.Add($"{call.Method} {call.Url} answered {status} as {response.Content.Headers.ContentType?.MediaType}, not problem details");
            }
        }

        Assert.Empty(mismatches);
        Assert.Equal(calls.Select(c => c.Template).Distinct().Order(), document.Paths.Keys.Order());
    }
}
