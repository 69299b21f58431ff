using System.Net;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Pages.Registro;
using PeiTracker.Web.Tests.Infrastructure;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Tests.Registro;

/// <summary>Closing a period of the default plan through its confirmation page; every test leaves the period open again.</summary>
[Collection(AppCollection.Name)]
public class PeriodClosingPageTests(AppFixture app)
{
    private const string Periods = "/Registro/Periodos";

    private Task<int> OpenClosuresAsync() => app.QueryAsync(db => db.PeriodClosures.CountAsync(c => c.ReopenedAt == null));

    private async Task<string> PostCloseAsync(HttpClient client, string year, string period, string note = "Cierre")
    {
        var token = await client.AntiforgeryTokenAsync(Periods);
        var response = await client.PostAsync($"{Periods}?handler=Close", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["year"] = year, ["period"] = period, ["note"] = note,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return WebUtility.HtmlDecode(await AccountTestData.TextAsync(await client.GetAsync(response.Headers.Location!)));
    }

    [Theory]
    [InlineData("2030", "A", "No se puede cerrar el año 2030 antes de que termine: termina el 31/12/2030.")]
    [InlineData("1900", "A", "El año 1900 está fuera del plan (2025-2030): no hay periodo que cerrar.")]
    [InlineData("2147483647", "A", "El año 2147483647 está fuera del plan (2025-2030): no hay periodo que cerrar.")]
    [InlineData("2025", "ZZ", PeriodText.InvalidMessage)]
    public async Task Close_PeriodThatCannotBeClosed_IsRefusedInSpanishAndClosesNothing(string year, string period, string message)
    {
        var client = await app.LoginAsync();
        var before = await OpenClosuresAsync();

        var page = await PostCloseAsync(client, year, period);

        Assert.Contains(message, page);
        Assert.Equal(before, await OpenClosuresAsync());
    }

    [Fact]
    public async Task Confirm_PeriodNotEnded_RedirectsWithTheReasonAndThePageOffersNoClose()
    {
        var client = await app.LoginAsync();

        var response = await client.GetAsync($"{Periods}?handler=Confirm&year=2030&period=A");
        var list = await client.GetDocumentAsync(Periods);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = list.QuerySelectorAll("table.periods-table tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == "Año 2030");
        Assert.Null(row.QuerySelector("a[href*='handler=Confirm']"));
        Assert.Contains("antes de que termine", row.TextContent);
    }

    [Fact]
    public async Task Close_NoteLongerThanAnyReason_IsRefusedAndClosesNothing()
    {
        var client = await app.LoginAsync();
        var before = await OpenClosuresAsync();

        var page = await PostCloseAsync(client, "2025", "S2", new string('x', ChangeReason.MaxLength + 1));

        Assert.Contains(PeriodosModel.NoteTooLongMessage, page);
        Assert.Equal(before, await OpenClosuresAsync());
    }

    [Fact]
    public async Task Close_ThroughTheConfirmation_ListsOpenValuesByUnitAndMarksThemNotPresented()
    {
        // II semestre 2025: one indicator's value sent, another's observed, for the confirmation to list.
        var (sent, observed) = await app.QueryAsync(async db =>
        {
            var indicators = await db.Indicators.Include(i => i.ResponsibleUnits).ThenInclude(u => u.Unit)
                .Where(i => i.Plan!.Code == "MRE-PEI-2025-2030" && i.Targets.Any(t => t.Year == 2025) && !i.Values.Any(v => v.Year == 2025 && v.Period == PeriodKind.SegundoSemestre))
                .OrderBy(i => i.Key).Take(2).ToListAsync();
            indicators[0].Values.Add(new IndicatorValue { Year = 2025, Period = PeriodKind.SegundoSemestre, Value = 1m, Status = ValueStatus.Enviado, CreatedBy = "prueba", CreatedAt = DateTimeOffset.UtcNow });
            indicators[1].Values.Add(new IndicatorValue { Year = 2025, Period = PeriodKind.SegundoSemestre, Value = 1m, Status = ValueStatus.Observado, ReviewNote = "Falta el medio", CreatedBy = "prueba", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            return (indicators[0], indicators[1]);
        });
        var planner = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        try
        {
            var confirmation = await planner.GetDocumentAsync($"{Periods}?handler=Confirm&year=2025&period=S2");

            var section = confirmation.QuerySelector("[data-testid=confirmar-cierre]")!;
            Assert.Contains("¿Cerrar II semestre 2025?", section.TextContent);
            var unit = sent.ResponsibleUnits[0].Unit!.Acronym;
            Assert.Contains(section.QuerySelectorAll("h3"), h => h.TextContent.StartsWith(unit + " · ", StringComparison.Ordinal));
            string StateOf(string code) => section.QuerySelectorAll("tr").First(r => r.QuerySelector("td.code")?.TextContent == code).Children[2].TextContent;
            Assert.Equal("Enviado, pendiente de validación → no presentado", StateOf(sent.PublishedCode));
            Assert.Equal("Observado → no presentado", StateOf(observed.PublishedCode));

            var closed = await planner.SubmitFormAsync($"{Periods}?handler=Confirm&year=2025&period=S2", new Dictionary<string, string> { ["note"] = "Consolidado para CEPLAN" }, "form[action*='handler=Close']");

            Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
            var audit = await app.QueryAsync(db => db.AuditEntries.Where(a => a.Kind == AuditKind.Periodo && a.Subject == "II semestre 2025").OrderByDescending(a => a.Id).FirstAsync());
            Assert.Equal(("Abierto", "Consolidado para CEPLAN"), (audit.Before, audit.Reason));
            Assert.Matches(@"^Cerrado; \d+ indicador\(es\) no presentado\(s\); versión reportada \d+$", audit.After);
            var registro = await planner.GetDocumentAsync("/Registro?anio=2025&periodo=S2");
            var row = registro.QuerySelectorAll("table.entry-table tbody tr").Single(r => r.QuerySelector("td.code")!.TextContent == sent.PublishedCode);
            Assert.Equal("No presentado (periodo cerrado; estaba enviado)", row.QuerySelector("td.not-presented")!.TextContent);
            Assert.Equal("Ver", row.QuerySelector("a")!.TextContent);
            Assert.NotNull(registro.QuerySelector("[data-testid=periodo-cerrado]"));
            var queue = await planner.GetDocumentAsync("/Registro/Revision");
            Assert.DoesNotContain(sent.PublishedCode + " ", queue.QuerySelector("main")!.TextContent.Replace("\n", " ", StringComparison.Ordinal) + " ");
            var form = await planner.GetDocumentAsync($"/Registro/Valor/{observed.Id}?anio=2025&periodo=S2");
            Assert.Contains("No presentado (periodo cerrado)", form.QuerySelector("main")!.TextContent);
            Assert.Null(form.QuerySelector("input[name=Valor]"));
            Assert.NotNull(form.QuerySelector("[data-testid=valor-leido]"));
            Assert.Null(form.QuerySelector("form[action*='handler=Withdraw']"));
        }
        finally
        {
            await app.QueryAsync(async db =>
            {
                await db.PeriodClosures.Where(c => c.Year == 2025 && c.Period == PeriodKind.SegundoSemestre).ExecuteDeleteAsync();
                return await db.Values.Where(v => (v.IndicatorId == sent.Id || v.IndicatorId == observed.Id) && v.Year == 2025 && v.Period == PeriodKind.SegundoSemestre).ExecuteDeleteAsync();
            });
        }
    }
}
