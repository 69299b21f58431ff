using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Progress;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Registro;

/// <summary>"Por validar", the planning office's landing page.</summary>
[Collection(AppCollection.Name)]
public class ReviewQueueTests(AppFixture app)
{
    /// <summary>A plan of its own followed only by year, so the open period is the previous year whatever today is.</summary>
    private async Task<(ValueTestPlan Plan, ReportPeriod Open)> AnnualPlanAsync(int indicators)
    {
        var plan = await ValueTestPlan.CreateAsync(app, indicators);
        await app.QueryAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE plans SET semester_follow_up = false WHERE code = {plan.Code}"));
        var open = ReportPeriod.Open(DateOnly.FromDateTime(PeruTime.ToLima(DateTimeOffset.UtcNow).DateTime), semesterFollowUp: false);
        return (plan, open);
    }

    private Task AddValueAsync(int indicatorId, ReportPeriod period, decimal value, ValueStatus status) =>
        app.QueryAsync(async db =>
        {
            db.Values.Add(new IndicatorValue { IndicatorId = indicatorId, Year = period.Year, Period = period.Kind, Value = value, Status = status, CreatedBy = "registrador@test.local", CreatedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task ReviewQueue_OpenPeriodPartlyReported_ShowsItsCompleteness()
    {
        var (plan, open) = await AnnualPlanAsync(indicators: 3);
        await AddValueAsync(plan.Indicators[0], open, 90m, ValueStatus.Validado);
        await AddValueAsync(plan.Indicators[1], open, 80m, ValueStatus.Enviado);
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));

        var document = await client.GetDocumentAsync($"/Registro/Revision?plan={plan.Code}");
        var card = document.QuerySelector("[data-testid=completitud]")!.TextContent;

        // Four indicators expect a value (three of the unit, one of another): two arrived, one is validated.
        Assert.Contains($"Completitud de {open.InSentence}", card);
        Assert.Contains("50.0 %", card);
        Assert.Contains("2 de 4 indicadores", card);
        Assert.Contains("1 validado(s), 1 por validar", card);
        Assert.Null(document.QuerySelector("[data-testid=administracion]"));
    }

    [Fact]
    public async Task ReviewQueue_Administrator_AlsoLeadsToAdministration()
    {
        var client = await app.LoginAsync();

        var document = await client.GetDocumentAsync("/Registro/Revision");

        var links = document.QuerySelectorAll("[data-testid=administracion] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/Administracion", links);
        Assert.Contains("/Administracion/Configuracion", links);
    }

    [Fact]
    public async Task ReviewQueue_SentValue_RowShowsWhatTheReviewerNeeds()
    {
        var (plan, open) = await AnnualPlanAsync(indicators: 2);
        await app.QueryAsync(async db =>
        {
            db.Values.Add(new IndicatorValue
            {
                IndicatorId = plan.Indicators[0], Year = open.Year, Period = open.Kind, Value = 180m, Status = ValueStatus.Enviado,
                Comment = "Se superó por la cumbre regional", DataSource = "Acta de la cumbre", CreatedBy = "ana.dga@test.local",
                CreatedAt = new DateTimeOffset(2026, 3, 2, 15, 30, 0, TimeSpan.Zero),
                Evidence = [new Evidence { FileName = "acta.pdf", ContentType = "application/pdf", Size = 4, Sha256 = new string('0', 64), Content = [1, 2, 3, 4], UploadedBy = "ana.dga@test.local", UploadedAt = DateTimeOffset.UtcNow }],
            });
            return await db.SaveChangesAsync();
        });
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));

        var document = await client.GetDocumentAsync($"/Registro/Revision?plan={plan.Code}");

        var cells = document.QuerySelectorAll("table.review-table tbody tr").Single().QuerySelectorAll("td").Select(c => System.Text.RegularExpressions.Regex.Replace(c.TextContent, @"\s+", " ").Trim()).ToList();
        Assert.StartsWith("IOEI.01.01 Indicador de prueba 1", cells[0]);
        Assert.Equal(("100.0", "180.0"), (cells[1], cells[2]));
        Assert.Equal("100.0 % (180.0 % sin tope) ● Verde", cells[3]);
        Assert.Equal("Se superó por la cumbre regional Medio de verificación: Acta de la cumbre acta.pdf", cells[4].Replace("Comentario: ", ""));
        Assert.StartsWith("ana.dga@test.local · 02/03/2026 10:30 · hace ", cells[5]);
        // Required in the browser by review.js; without it, an empty box may still take a saved reason on the server.
        Assert.NotNull(document.QuerySelector("textarea[name=reason][aria-required=true]"));
    }

    [Fact]
    public async Task ReviewQueue_FilteredByUnitOrState_ShowsOnlyThoseValues()
    {
        var (plan, open) = await AnnualPlanAsync(indicators: 2);
        await AddValueAsync(plan.Indicators[0], open, 90m, ValueStatus.Enviado);
        await AddValueAsync(plan.OtherUnitIndicator, open, 80m, ValueStatus.Enviado);
        await AddValueAsync(plan.Indicators[1], open, 70m, ValueStatus.Observado);
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        string[] Codes(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("table.review-table tbody tr td:first-child .code").Select(c => c.TextContent).ToArray();

        var all = await client.GetDocumentAsync($"/Registro/Revision?plan={plan.Code}");
        var unit = await client.GetDocumentAsync($"/Registro/Revision?plan={plan.Code}&unidad={plan.UnitId}");
        var observed = await client.GetDocumentAsync($"/Registro/Revision?plan={plan.Code}&estado=Observado");

        Assert.Equal(["IOEI.01.01", "IOEI.01.03"], Codes(all));
        Assert.Equal(["IOEI.01.01"], Codes(unit));
        Assert.Equal(["IOEI.01.02"], Codes(observed));
        Assert.Empty(observed.QuerySelectorAll("form[action*='handler=Validate']"));
    }

    [Fact]
    public async Task Validate_FromAFilteredQueue_NamesTheIndicatorAndKeepsTheFilter()
    {
        var (plan, open) = await AnnualPlanAsync(indicators: 1);
        await AddValueAsync(plan.Indicators[0], open, 90m, ValueStatus.Enviado);
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var url = $"/Registro/Revision?plan={plan.Code}&unidad={plan.UnitId}";

        var response = await client.SubmitFormAsync(url, new Dictionary<string, string>(), "form[action*='handler=Validate']");
        var after = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);

        Assert.Contains($"unidad={plan.UnitId}", response.Headers.Location!.OriginalString);
        Assert.Equal($"IOEI.01.01 · {open.Label}: valor validado; ya cuenta en el tablero.", after.QuerySelector(".alert-success")!.TextContent.Trim());
    }
}
