using System.Net;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Security;

/// <summary>
/// The institution dimension of the route table: every route, for every role of the home institution, with the ids
/// and codes of another institution's data (<see cref="OtherInstitution"/>) answers exactly as it answers ids that do
/// not exist, never shows any of that data, never a 500, and changes nothing.
/// </summary>
public partial class RouteTableTests
{
    /// <summary>What fills each route parameter: another institution's ids, or ids that exist nowhere.</summary>
    internal static string ConcreteFor(string pattern, OtherInstitution? other)
    {
        var path = "/" + Parameter().Replace(pattern, m => (m.Groups[1].Value, pattern) switch
        {
            ("kind", _) => "Objetivo",
            ("**path", _) => "css/no-existe.css",
            ("documentName", _) => "v1",
            ("file", _) => "plan.json",
            ("plan" or "code", _) => other?.PlanCode ?? "NO-EXISTE-0000",
            ("id", _) when pattern.StartsWith("Administracion/Unidad/", StringComparison.Ordinal) => Id(other?.UnitId),
            ("id", _) when pattern.StartsWith("Administracion/", StringComparison.Ordinal) => other?.AdministratorId ?? "no-existe",
            ("id", _) when pattern.StartsWith("Registro/Evidencia", StringComparison.Ordinal) => Id(other?.EvidenceId),
            ("id", _) when pattern.StartsWith("Tablero/Unidades", StringComparison.Ordinal) => Id(other?.UnitId),
            ("id", _) when pattern.Contains("{kind", StringComparison.Ordinal) => Id(other?.ObjectiveId),
            _ => Id(other?.IndicatorId),
        });

        // Pages that choose a plan read it from the query string; the others ignore it.
        return path + "?plan=" + Uri.EscapeDataString(other?.PlanCode ?? "NO-EXISTE-0000");
    }

    private static string Id(int? id) => (id ?? 2_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, Route route, OtherInstitution? other) =>
        route.Method == "POST"
            ? client.PostAsync(ConcreteFor(route.Pattern, other), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"))
            : client.GetAsync(ConcreteFor(route.Pattern, other));

    /// <summary>Every role confined to its institution, or to its sector (the other institution is of another sector). A Ceplan reads every institution by design.</summary>
    public static TheoryData<string> RolesOfOneInstitution() => [.. Roles.Every.Where(r => r != Roles.Ceplan)];

    /// <summary>The platform page lists every institution by name, with counts, to its administrator only.</summary>
    private static bool ListsInstitutionsOnPurpose(string role, string pattern) =>
        role == Roles.AdministradorPlataforma && pattern.StartsWith("Plataforma", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(RolesOfOneInstitution))]
    public async Task EveryRoute_ForEachRoleOfOneInstitution_AnswersAnotherInstitutionsIdsAsIfTheyDidNotExist(string role)
    {
        var other = await OtherInstitution.CreateAsync(app);
        var client = await app.LoginAsync(await app.CreateUserAsync(role));
        var before = await DatabaseFingerprint.OfAsync(app.ConnectionString);
        var failures = new List<string>();

        foreach (var route in ApplicationRoutes(app.Factory.Services).Where(r => Expected.ContainsKey(r.Pattern)))
        {
            var theirs = await SendAsync(client, route, other);
            var nowhere = await SendAsync(client, route, null);
            var shows = !ListsInstitutionsOnPurpose(role, route.Pattern) && (await theirs.Content.ReadAsStringAsync()).Contains(other.Marker, StringComparison.OrdinalIgnoreCase);
            if ((int)theirs.StatusCode >= 500 || theirs.StatusCode != nowhere.StatusCode || shows)
            {
                failures.Add($"{role} on {route.Pattern}: {(int)theirs.StatusCode} with the other institution's ids, {(int)nowhere.StatusCode} with ids that do not exist" +
                    (shows ? ", and the page shows its data" : ""));
            }
        }

        Assert.Empty(failures);
        Assert.Equal(before, await DatabaseFingerprint.OfAsync(app.ConnectionString));
        Assert.Equal(0, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.PlanId == other.PlanId)));
    }

    [Theory]
    [InlineData("/Plan/Indicador/{0}")]
    [InlineData("/Plan/Indicador/{0}/Editar")]
    [InlineData("/Plan/Indicador/{0}/Metas")]
    [InlineData("/Plan/Indicador/{0}/Formula")]
    [InlineData("/Registro/Valor/{0}")]
    [InlineData("/Tablero/Objetivo/{1}")]
    [InlineData("/Plan/Objetivo/{1}/Editar")]
    [InlineData("/Registro/Evidencia/{2}")]
    [InlineData("/Tablero/Unidades/{3}")]
    public async Task IdPage_OfAnotherInstitution_IsNotFoundForItsAdministrator(string url)
    {
        var other = await OtherInstitution.CreateAsync(app);
        var client = await app.LoginAsync();

        var response = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, other.IndicatorId, other.ObjectiveId, other.EvidenceId, other.UnitId));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(other.Marker, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PlanSelector_ListsOnlyThePlansOfThePersonsInstitution()
    {
        var other = await OtherInstitution.CreateAsync(app);
        var own = await ValueTestPlan.CreateAsync(app);
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));

        var page = await client.GetDocumentAsync("/Plan");
        var national = await AccountTestData.TextAsync(await client.GetAsync("/Tablero/Nacional"));

        var options = page.QuerySelectorAll("select[name=plan] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(own.Code, options);
        Assert.DoesNotContain(other.PlanCode, options);
        Assert.DoesNotContain(other.Marker, national, StringComparison.OrdinalIgnoreCase);
    }
}
