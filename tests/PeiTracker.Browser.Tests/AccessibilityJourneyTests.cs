using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Data.Seed;
using PeiTracker.Web.Notices;

namespace PeiTracker.Browser.Tests;

/// <summary>
/// axe-core (WCAG 2.1 A and AA rules) on every kind of page each role opens, with the demo data: no serious or
/// critical violation anywhere.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AccessibilityJourneyTests(BrowserFixture app)
{
    internal static readonly AxeRunOptions Wcag21 = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    /// <summary>Ids of real rows of the demo plan, so each page kind opens with content.</summary>
    internal sealed record Ids(int Objective, int Action, int Unit, int Indicator, int UnitIndicatorSent, int UnitIndicatorOpen, string UserId, int Point);

    internal static async Task<Ids> IdsAsync(BrowserFixture app)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var dga = await db.OrganizationalUnits.SingleAsync(u => u.Acronym == "DGA");
        var dgaIndicators = db.Indicators.Where(i => i.ResponsibleUnits.Any(u => u.UnitId == dga.Id) && i.Targets.Count > 0).OrderBy(i => i.Id);
        return new Ids(
            await db.Objectives.OrderBy(o => o.Priority).Select(o => o.Id).FirstAsync(),
            await db.Actions.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(),
            dga.Id,
            await db.Values.Where(v => v.Year == 2025 && v.Period == PeriodKind.Anual && v.Value != null).OrderBy(v => v.IndicatorId).Select(v => v.IndicatorId).FirstAsync(),
            await dgaIndicators.Where(i => i.Values.Any(v => v.Year == 2025 && v.Period == PeriodKind.Anual)).Select(i => i.Id).FirstAsync(),
            await dgaIndicators.Select(i => i.Id).FirstAsync(),
            await db.Users.Where(u => u.Email == "demo.registrador@peitracker.local").Select(u => u.Id).SingleAsync(),
            await db.ReportingPoints.OrderBy(p => p.Code).Select(p => p.Id).FirstAsync());
    }

    public static TheoryData<string> Roles => [Web.Data.Roles.Consulta, Web.Data.Roles.Registrador, Web.Data.Roles.Planificador, Web.Data.Roles.Administrador];

    internal static IEnumerable<string> PagesOf(string role, Ids ids) => role switch
    {
        Web.Data.Roles.Consulta =>
        [
            "/Tablero?anio=2025&periodo=A", $"/Tablero/Objetivo/{ids.Objective}?anio=2025&periodo=A", $"/Tablero/Accion/{ids.Action}", "/Tablero/Unidades",
            $"/Tablero/Unidades/{ids.Unit}", "/Tablero/Nacional", "/Plan", $"/Plan/Indicador/{ids.Indicator}", "/Plan/Validacion", "/Registro", "/Reportes",
            "/Cuenta/Contrasena", "/Cuenta/Tokens", "/Cuenta/AccesoDenegado", "/Avisos", "/Avisos/Preferencias",
        ],
        Web.Data.Roles.Registrador =>
        [
            "/Registro", $"/Registro/Valor/{ids.UnitIndicatorOpen}?anio=2026&periodo=S1", $"/Registro/Valor/{ids.UnitIndicatorSent}?anio=2025&periodo=A",
            $"/Registro/Valor/{ids.UnitIndicatorOpen}?anio=2027&periodo=A", "/Tablero", $"/Plan/Indicador/{ids.UnitIndicatorSent}",
            "/Registro/Carga?anio=2026&periodo=S2", "/Avisos/Preferencias",
        ],
        Web.Data.Roles.Planificador =>
        [
            "/Registro/Revision", "/Registro/Periodos", "/Registro?anio=2025&periodo=A", "/Plan", $"/Plan/Indicador/{ids.Indicator}/Editar", $"/Plan/Indicador/{ids.Indicator}/Metas",
            $"/Plan/Objetivo/{ids.Objective}/Editar", $"/Plan/Accion/{ids.Action}/Editar", "/Plan/Matriz", "/Auditoria", "/Reportes/Informe", "/Reportes/Seguimiento",
            $"/Reportes/Fichas?oei={ids.Objective}", "/Registro/Motivos", "/Registro/Completitud", "/Registro/Completitud?anio=0", "/Registro/Carga?anio=2025&periodo=A", $"/Registro/Punto/{ids.Indicator}?anio=2025&periodo=A",
            $"/Registro/Puntos/{ids.Indicator}?anio=2025&periodo=A", $"/Plan/Indicador/{ids.Indicator}/Formula",
        ],
        _ => ["/Registro/Revision", "/Administracion", "/Administracion/Nuevo", $"/Administracion/Editar/{ids.UserId}", "/Administracion/Configuracion",
            "/Administracion/Unidades", $"/Administracion/Unidad/{ids.Unit}", "/Administracion/Puntos", $"/Administracion/Punto/{ids.Point}", "/Administracion/Avisos"],
    };

    /// <summary>
    /// The pages anyone may open: sign-in, the transparency portal, and an e-mail's unsubscribe link (asking for the
    /// confirmation of a kind that can be switched off, and explaining one that cannot).
    /// </summary>
    internal static async Task<string[]> PublicPagesAsync(BrowserFixture app)
    {
        var ids = await IdsAsync(app);
        var tokens = app.Factory.Services.GetRequiredService<UnsubscribeTokens>();
        return ["/Cuenta/Ingresar", "/Transparencia",
            "/Avisos/Baja?t=" + Uri.EscapeDataString(tokens.For(ids.UserId, NoticeKind.PlazoProximo)),
            "/Avisos/Baja?t=" + Uri.EscapeDataString(tokens.For(ids.UserId, NoticeKind.PlazoEscalado))];
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryPageKindOfTheRole_Axe_HasNoSeriousOrCriticalViolation(string role)
    {
        var ids = await IdsAsync(app);
        var page = await app.SignedInPageAsync($"demo.{role.ToLowerInvariant()}@peitracker.local", DemoDataSeeder.DemoPassword);
        var found = new List<string>();

        foreach (var path in PagesOf(role, ids))
        {
            var response = await page.GotoAsync(app.BaseUrl + path);
            Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
            var result = await page.RunAxe(Wcag21);
            found.AddRange(result.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{path}: {v.Id} ({v.Impact}) en {string.Join(" | ", v.Nodes.Select(n => n.Html.Length > 140 ? n.Html[..140] : n.Html).Distinct())}"));
        }

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }

    [Fact]
    public async Task PublicPages_Axe_HaveNoSeriousOrCriticalViolation()
    {
        var context = await app.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var found = new List<string>();

        // The public pages (a published period's page is checked in TransparencyJourneyTests).
        foreach (var path in await PublicPagesAsync(app))
        {
            await page.GotoAsync(app.BaseUrl + path);
            var result = await page.RunAxe(Wcag21);
            found.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{path}: {v.Id}"));
        }

        Assert.Empty(found);
    }
}
