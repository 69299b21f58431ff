using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PeiTracker.Domain;
using PeiTracker.Domain.Points;
using PeiTracker.Web.Data;
using PeiTracker.Web.Imports;
using PeiTracker.Web.Points;
using PeiTracker.Web.Tests.Infrastructure;
using PeiTracker.Web.Tests.Registro;

namespace PeiTracker.Browser.Tests;

/// <summary>
/// A percentage collected by reporting point, in Chromium: the planning office marks the indicator on its formula page,
/// three consulates' own Registradores send their figures through the form, the API and the Excel planilla, the unit
/// accepts them, and the indicator page shows the value of the sums, its explanation, the breakdown table and the chart.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PointsJourneyTests(BrowserFixture app)
{
    /// <summary>A percentage of the plan whose 2025 value is not with the OGPP (the demo data send or validate some).</summary>
    private async Task<int> PercentageIndicatorAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Indicators
            .Where(i => i.Unit == UnitOfMeasure.Porcentaje && i.Targets.Any(t => t.Year == 2025) && !i.CollectedByPoint
                && !i.Values.Any(v => v.Year == 2025 && v.Period == PeriodKind.Anual))
            .OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
    }

    private const string Password = "Consulado2025pei";

    /// <summary>A Registrador of the ministry who enters only for <paramref name="pointCode"/>.</summary>
    private async Task<string> PointRegistradorAsync(string pointCode)
    {
        var email = $"registro.{pointCode.ToLowerInvariant()}.{Guid.NewGuid().ToString("N")[..8]}@rree.gob.pe";
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var institution = await HomeInstitution.EnsureAsync(db);
        var user = new AppUser { UserName = email, Email = email, FullName = "Registro " + pointCode, EmailConfirmed = true, InstitutionId = institution };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.Registrador);
        var point = await db.ReportingPoints.SingleAsync(p => p.Code == pointCode && p.InstitutionId == institution);
        db.UserReportingPoints.Add(new UserReportingPoint { UserId = user.Id, PointId = point.Id });
        await db.SaveChangesAsync();
        return email;
    }

    /// <summary>
    /// What "done" means for data by reporting point: each consulate's own Registrador enters its figures, Miami through
    /// the form, Madrid through the API with its token, Tokio through the Excel planilla; the unit accepts the three and
    /// the indicator page shows the value of the sums (108 / 120 × 100 = 90), its explanation, the table and the chart.
    /// </summary>
    [Fact]
    public async Task ThreeConsulates_ThroughTheFormTheApiAndExcel_GiveTheValueOfTheSumsWithItsBreakdownAndChart()
    {
        var id = await PercentageIndicatorAsync();
        var planner = await app.SignedInPageAsync();
        await planner.GotoAsync(app.BaseUrl + $"/Plan/Indicador/{id}/Formula");
        await planner.GetByLabel("Se registra por punto de registro").CheckAsync();
        await planner.Locator("#Input_Reason").FillAsync("Lo registran los consulados");
        await planner.GetByRole(AriaRole.Button, new() { Name = "Guardar fórmula" }).ClickAsync();

        // Miami: the form, from the Registrador's own pending list.
        var miami = await app.SignedInPageAsync(await PointRegistradorAsync("CG-MIAMI"), Password);
        await miami.GotoAsync(app.BaseUrl + "/Registro?anio=2025&periodo=A");
        await miami.Locator($"[data-testid=por-punto] a[href^='/Registro/Punto/{id}?punto=CG-MIAMI']").ClickAsync();
        await miami.Locator("#variable-A").FillAsync("36");
        await miami.Locator("#variable-B").FillAsync("40");
        await miami.GetByRole(AriaRole.Button, new() { Name = "Enviar a la unidad responsable" }).ClickAsync();
        await Assertions.Expect(miami.Locator("[data-testid=estado-punto]")).ToHaveTextAsync("Enviado a la unidad");

        // Madrid: the API, with a token the Registrador creates on its account page.
        var madrid = await app.SignedInPageAsync(await PointRegistradorAsync("CG-MADRID"), Password);
        await madrid.GotoAsync(app.BaseUrl + "/Cuenta/Tokens");
        await madrid.GetByLabel("Nombre del nuevo token").FillAsync("Sistema consular de Madrid");
        await madrid.GetByRole(AriaRole.Button, new() { Name = "Crear token" }).ClickAsync();
        var token = (await madrid.Locator(".new-token").TextContentAsync())!.Trim();
        using (var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) })
        {
            api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            var sent = await api.PostAsJsonAsync($"/api/v1/indicadores/{id}/valores",
                new { anio = 2025, periodo = "A", puntoDeRegistro = "CG-MADRID", variables = new Dictionary<string, string> { ["A"] = "50", ["B"] = "60" }, enviar = true });
            var answer = await sent.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(sent.IsSuccessStatusCode, answer.ToString());
            Assert.Equal(83.3m, Math.Round(answer.GetProperty("value").GetDecimal(), 1));
            Assert.Equal("Enviado", answer.GetProperty("status").GetString());
        }

        // Tokio: the Excel planilla of its points, downloaded, filled, previewed and sent.
        var tokio = await app.SignedInPageAsync(await PointRegistradorAsync("CG-TOKIO"), Password);
        await tokio.GotoAsync(app.BaseUrl + "/Registro?anio=2025&periodo=A");
        await tokio.GetByRole(AriaRole.Link, new() { Name = "Carga por Excel de puntos de registro" }).ClickAsync();
        await Assertions.Expect(tokio.Locator("h1")).ToContainTextAsync("Año 2025");
        var download = await tokio.RunAndWaitForDownloadAsync(() => tokio.GetByRole(AriaRole.Link, new() { Name = "Descargar la planilla (.xlsx)" }).ClickAsync());
        Assert.Equal("cifras-MRE-PEI-2025-2030-2025-A.xlsx", download.SuggestedFilename);
        var planilla = await File.ReadAllBytesAsync((await download.PathAsync())!);
        var cells = new XlsxReader(planilla, "Cifras 1");
        var row = Enumerable.Range(BulkEntryLayout.HeaderRow + 1, cells.LastRow - BulkEntryLayout.HeaderRow)
            .Single(r => cells.Text(r, PointBulkLayout.KeyColumn(2)).StartsWith($"{id}-", StringComparison.Ordinal));
        Assert.StartsWith("CG-TOKIO ·", cells.Text(row, PointBulkLayout.PointColumn));
        await tokio.Locator("#Upload").SetInputFilesAsync(new FilePayload
        {
            Name = "cifras-tokio.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = BulkEntryFiles.Fill(planilla, "Cifras 1", ($"G{row}", 22m), ($"H{row}", 20m), ($"I{row}", "Incluye la sección consular de Osaka")),
        });
        await tokio.GetByRole(AriaRole.Button, new() { Name = "Revisar la carga" }).ClickAsync();
        var previewRow = tokio.Locator($"tr.bulk-row[data-indicator='{id}']");
        await Assertions.Expect(previewRow.Locator(".outcome")).ToHaveTextAsync("Cifras nuevas");
        await Assertions.Expect(previewRow.Locator(".calculation")).ToHaveTextAsync("Cálculo del punto: A / B × 100 = 22 / 20 × 100 = 110");
        await BrowserFixture.ScreenshotAsync(tokio, "62-carga-puntos-vista-previa");
        var axe = await tokio.RunAxe(AccessibilityJourneyTests.Wcag21);
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id));
        await tokio.SetViewportSizeAsync(768, 1024);
        Assert.True(await tokio.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The points' preview scrolls sideways at 768 px.");
        await BrowserFixture.ScreenshotAsync(tokio, "63-carga-puntos-768");
        await tokio.SetViewportSizeAsync(1280, 900);
        await tokio.GetByRole(AriaRole.Button, new() { Name = "Guardar y enviar a la unidad responsable" }).ClickAsync();
        await Assertions.Expect(tokio.Locator(".alert-success")).ToContainTextAsync("1 fila(s) de cifras guardada(s) y enviada(s) a la unidad responsable");

        await planner.GotoAsync(app.BaseUrl + $"/Registro/Puntos/{id}?anio=2025&periodo=A");
        await BrowserFixture.ScreenshotAsync(planner, "60-revision-puntos");
        foreach (var code in new[] { "CG-MIAMI", "CG-MADRID", "CG-TOKIO" })
        {
            var reviewRow = planner.Locator("[data-testid=revision-puntos] tbody tr", new() { HasText = code });
            await reviewRow.GetByRole(AriaRole.Button, new() { Name = "Aceptar" }).ClickAsync();
            await Assertions.Expect(planner.Locator("[role=status]")).ToContainTextAsync(code + ": cifras aceptadas");
        }

        await planner.GotoAsync(app.BaseUrl + $"/Plan/Indicador/{id}?anio=2025&periodo=A");
        var breakdown = planner.Locator("[data-testid=desglose]");
        await Assertions.Expect(breakdown.Locator("[data-testid=desglose-total]")).ToContainTextAsync("A / B × 100 = 108 / 120 × 100 = 90");
        await Assertions.Expect(breakdown.Locator("[data-testid=desglose-puntos] tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(breakdown.Locator("[data-testid=desglose-puntos] tbody tr", new() { HasText = "CG-TOKIO" })).ToContainTextAsync("Asia · Japón");
        await Assertions.Expect(breakdown.Locator("[data-testid=desglose-grafico] rect.bar-accepted")).ToHaveCountAsync(3);
        Assert.Equal("90", await breakdown.Locator("[data-testid=desglose-grafico] line").GetAttributeAsync("data-value"));
        var bar = await breakdown.Locator("[data-testid=desglose-grafico] rect[data-point=CG-TOKIO]").BoundingBoxAsync();
        var shorter = await breakdown.Locator("[data-testid=desglose-grafico] rect[data-point=CG-MADRID]").BoundingBoxAsync();
        Assert.True(bar!.Width > shorter!.Width, "La barra de Tokio (110) debe ser más larga que la de Madrid (83.3).");
        await breakdown.ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(planner, "61-desglose-por-punto");
        Assert.Empty(app.ErrorsOf(planner).Concat(app.ErrorsOf(miami)).Concat(app.ErrorsOf(madrid)).Concat(app.ErrorsOf(tokio)));
    }
}
