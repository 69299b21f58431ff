using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Security;

/// <summary>
/// Cross-institution cases of the battery: people of the home institution, with valid sessions, anti-forgery tokens
/// and API tokens, aim every write at another institution's ids. Each is answered as for an id that does not exist
/// and the database fingerprint does not move.
/// </summary>
public partial class HostileInputTests
{
    public static TheoryData<string> InstitutionRolesThatWrite() => [Roles.Administrador, Roles.Planificador];

    [Theory]
    [MemberData(nameof(InstitutionRolesThatWrite))]
    public async Task EveryPostHandler_WithAnotherInstitutionsIds_ChangesNothingAndShowsNothingOfIt(string role)
    {
        var other = await OtherInstitution.CreateAsync(app);
        var client = await app.LoginAsync(await app.CreateUserAsync(role));
        var token = await AccountTestData.AntiforgeryTokenAsync(client, "/Cuenta/Tokens");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["valueId"] = other.ValueId.ToString(CultureInfo.InvariantCulture),
            ["version"] = other.ValueVersion.ToString(CultureInfo.InvariantCulture),
            ["reason"] = "Prueba entre entidades",
            ["closureId"] = other.ClosureId.ToString(CultureInfo.InvariantCulture),
            ["commitmentId"] = other.CommitmentId.ToString(CultureInfo.InvariantCulture),
            ["status"] = nameof(CommitmentStatus.Cumplido),
            ["objectiveId"] = other.ObjectiveId.ToString(CultureInfo.InvariantCulture),
            ["text"] = "Texto ajeno",
            ["unitId"] = other.UnitId.ToString(CultureInfo.InvariantCulture),
            ["reasonId"] = other.ObservationReasonId.ToString(CultureInfo.InvariantCulture),
            ["savedReasonId"] = other.ObservationReasonId.ToString(CultureInfo.InvariantCulture),
            ["action"] = "Compromiso ajeno",
            ["deadline"] = "2026-12-31",
            // Pages that act on the person's own default plan only (Periodos) must not get a valid write of their own from this post.
            ["year"] = "1999",
            ["period"] = "A",
            ["dueDate"] = "2026-02-28",
            ["note"] = "Cierre ajeno",
            ["plan"] = other.PlanCode,
            ["PlanCode"] = other.PlanCode,
            ["Valor"] = "60",
            ["Anio"] = "2025",
            ["Periodo"] = "A",
            ["Version"] = other.ValueVersion.ToString(CultureInfo.InvariantCulture),
            ["Reason"] = "Prueba entre entidades",
            ["Input.Reason"] = "Prueba entre entidades",
            ["Input.Name"] = "Renombrado por otra entidad",
            ["Input.Statement"] = "Enunciado cambiado por otra entidad",
            ["Input.Priority"] = "1",
            ["Input.UnitIds"] = other.UnitId.ToString(CultureInfo.InvariantCulture),
            ["Targets[2030]"] = "1",
        };
        var before = await FingerprintAsync();
        var failures = new List<string>();
        var posted = 0;

        foreach (var (template, handler) in await PostHandlersAsync())
        {
            var url = RouteTableTests.ConcreteFor(template, other) + (handler is null ? "" : "&handler=" + handler);
            var response = await client.PostAsync(url, new FormUrlEncodedContent(fields));
            posted++;
            var body = await response.Content.ReadAsStringAsync();
            var after = await FingerprintAsync();
            if ((int)response.StatusCode >= 500 || body.Contains(other.Marker, StringComparison.OrdinalIgnoreCase) || after != before)
            {
                failures.Add($"POST {url}: {(int)response.StatusCode}" +
                    (body.Contains(other.Marker, StringComparison.OrdinalIgnoreCase) ? ", showing the other institution's data" : "") +
                    (after != before ? ", and the database changed" : ""));
                before = after;
            }
        }

        Assert.True(posted > 15, $"Only {posted} POST handlers found");
        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("Validate")]
    [InlineData("Observe")]
    public async Task ReviewHandler_ValueOfAnotherInstitution_IsNotFoundAndChangesNothing(string handler)
    {
        var other = await OtherInstitution.CreateAsync(app);
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var token = await AccountTestData.AntiforgeryTokenAsync(client, "/Registro/Revision");
        var before = await FingerprintAsync();

        var response = await client.PostAsync($"/Registro/Revision?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["valueId"] = other.ValueId.ToString(CultureInfo.InvariantCulture),
            ["version"] = other.ValueVersion.ToString(CultureInfo.InvariantCulture),
            ["reason"] = "Corrija el valor",
        }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await FingerprintAsync());
        Assert.Equal(ValueStatus.Enviado, await app.QueryAsync(db => db.Values.Where(v => v.Id == other.ValueId).Select(v => v.Status).SingleAsync()));
    }

    [Fact]
    public async Task ApiToken_OfOneInstitution_OnAnotherInstitutionsPlanAndIndicators_IsNotFoundAndChangesNothing()
    {
        var other = await OtherInstitution.CreateAsync(app);
        var (_, _, api) = await (await ValueTestPlan.CreateAsync(app)).RegistradorAsync(app);
        var before = await FingerprintAsync();

        var plans = await (await api.GetAsync("/api/v1/planes")).Content.ReadAsStringAsync();
        var reads = new[]
        {
            await api.GetAsync($"/api/v1/indicadores/{other.IndicatorId}"),
            await api.GetAsync($"/api/v1/planes/{other.PlanCode}/indicadores"),
            await api.GetAsync($"/api/v1/planes/{other.PlanCode}/avance?anio=2025"),
        };
        var write = await api.PostAsJsonAsync($"/api/v1/indicadores/{other.IndicatorId}/valores", new { anio = 2025, periodo = "A", valor = "70", comentario = "Ajeno", version = other.ValueVersion });

        Assert.DoesNotContain(other.PlanCode, plans, StringComparison.Ordinal);
        Assert.All(reads, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, write.StatusCode);
        foreach (var response in reads.Append(write))
        {
            Assert.DoesNotContain(other.Marker, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task Evidence_OfAnotherInstitution_IsNotFoundToDownloadAndAnUploadToItsIndicatorChangesNothing()
    {
        var other = await OtherInstitution.CreateAsync(app);
        var admin = await app.LoginAsync();
        var token = await AccountTestData.AntiforgeryTokenAsync(admin, "/Cuenta/Tokens");
        var before = await FingerprintAsync();

        var download = await admin.GetAsync($"/Registro/Evidencia/{other.EvidenceId}");
        var file = new ByteArrayContent("%PDF-1.4 ajeno"u8.ToArray());
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"Evidencias\"", FileNameStar = "ajeno.pdf" };
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var upload = await admin.PostAsync($"/Registro/Valor/{other.IndicatorId}?anio=2025&periodo=A&handler=Save", new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(other.ValueVersion.ToString(CultureInfo.InvariantCulture)), "Version" },
            { new StringContent("80"), "Valor" },
            { new StringContent("2025"), "Anio" },
            { new StringContent("A"), "Periodo" },
            { new StringContent("Informe"), "MedioVerificacion" },
            file,
        });

        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
        Assert.Equal(before, await FingerprintAsync());
    }

    [Theory]
    [InlineData(Roles.Sectorista)]
    [InlineData(Roles.Ceplan)]
    public async Task CrossInstitutionReader_SeesTheOtherInstitutionsDashboardButEveryWriteIsRefused(string role)
    {
        var other = await OtherInstitution.CreateAsync(app);
        var sameSector = await app.QueryAsync(async db =>
        {
            var institution = new Institution { PliegoCode = "C" + other.Marker[^9..], Name = "Sede del sector " + other.Marker, Sector = other.Sector, GovernmentLevel = "Nacional" };
            db.Institutions.Add(institution);
            await db.SaveChangesAsync();
            return institution.Id;
        });
        var client = await app.LoginAsync(await app.CreateUserAsync(role, institutionId: sameSector));
        var token = await AccountTestData.AntiforgeryTokenAsync(client, "/Cuenta/Tokens");
        var before = await FingerprintAsync();

        var dashboard = await client.GetAsync($"/Tablero?plan={other.PlanCode}");
        var indicator = await client.GetAsync($"/Plan/Indicador/{other.IndicatorId}");
        var denied = new[]
        {
            await client.GetAsync($"/Registro/Valor/{other.IndicatorId}"),
            await client.GetAsync($"/Plan/Indicador/{other.IndicatorId}/Editar"),
            await client.GetAsync($"/Registro/Evidencia/{other.EvidenceId}"),
            await client.GetAsync("/Auditoria"),
            await client.PostAsync("/Registro/Revision?handler=Validate", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["valueId"] = other.ValueId.ToString(CultureInfo.InvariantCulture),
                ["version"] = other.ValueVersion.ToString(CultureInfo.InvariantCulture),
            })),
            await client.PostAsync("/Cuenta/Tokens?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Name"] = "Lectura" })),
        };

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains(other.Marker, await dashboard.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, indicator.StatusCode);
        Assert.All(denied, r => Assert.True(
            r.StatusCode == HttpStatusCode.Forbidden || (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.OriginalString.Contains("/Cuenta/AccesoDenegado", StringComparison.Ordinal)),
            $"{r.RequestMessage!.Method} {r.RequestMessage.RequestUri}: {(int)r.StatusCode} {r.Headers.Location}"));
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task Sectorista_InstitutionOfAnotherSector_DoesNotExistForThem()
    {
        var other = await OtherInstitution.CreateAsync(app);
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Sectorista));

        var response = await client.GetAsync($"/Plan/Indicador/{other.IndicatorId}");
        var national = await AccountTestData.TextAsync(await client.GetAsync("/Tablero/Nacional"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(other.Marker, national, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Every Razor Pages POST handler, as (route template, handler name).</summary>
    private async Task<List<(string Template, string? Handler)>> PostHandlersAsync()
    {
        var services = app.Factory.Services;
        var loader = services.GetRequiredService<PageLoader>();
        var pages = services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>()
            .Where(p => p.AttributeRouteInfo?.Template is not null && !p.ViewEnginePath.StartsWith("/Cuenta/", StringComparison.Ordinal) && p.ViewEnginePath != "/Error")
            .DistinctBy(p => p.ViewEnginePath)
            .ToList();
        var handlers = new List<(string, string?)>();
        foreach (var page in pages)
        {
            var compiled = await loader.LoadAsync(page, Microsoft.AspNetCore.Http.EndpointMetadataCollection.Empty);
            handlers.AddRange(compiled.HandlerMethods
                .Where(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
                .Select(h => (page.AttributeRouteInfo!.Template!, h.Name)));
        }

        return handlers;
    }
}
