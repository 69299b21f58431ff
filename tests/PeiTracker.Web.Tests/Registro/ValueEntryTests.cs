using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Registro;

[Collection(AppCollection.Name)]
public class ValueEntryTests(AppFixture app)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF");

    private async Task<(Indicator Indicator, HttpClient Client, string Email)> RegistradorForAsync(int n)
    {
        var indicator = await app.IndicatorWithFullDataAsync(n);
        var unitId = await app.QueryAsync(db => db.IndicatorResponsibleUnits.Where(u => u.IndicatorId == indicator.Id).Select(u => u.UnitId).FirstAsync());
        var email = await app.CreateUserAsync(Roles.Registrador);
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var user = await db.Users.SingleAsync(u => u.Email == email);
            db.UserUnits.Add(new UserUnit { UserId = user.Id, UnitId = unitId });
            await db.SaveChangesAsync();
        }

        return (indicator, await app.LoginAsync(email), email);
    }

    private static string Url(Indicator indicator, int year = 2025, string period = "A") => $"/Registro/Valor/{indicator.Id}?anio={year}&periodo={period}";

    /// <summary>
    /// Posts the entry form as the page holds it; a read-only page (sent, validated, closed or future period) offers no
    /// form, so the post then carries the period and the stored version itself, as someone posting by hand would.
    /// </summary>
    private async Task<HttpResponseMessage> PostValueAsync(HttpClient client, Indicator indicator, string handler, string value, string? comment = null, (string Name, byte[] Content)? file = null, int year = 2025)
    {
        var page = await client.GetDocumentAsync(Url(indicator, year));
        var stored = await StoredAsync(indicator, year);
        var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(value), "Valor" },
            { new StringContent(comment ?? ""), "Comentario" },
            { new StringContent("Informe anual de la unidad"), "MedioVerificacion" },
            { new StringContent(page.QuerySelector("input[name=Version]")?.GetAttribute("value") ?? stored?.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""), "Version" },
            { new StringContent(page.QuerySelector("input[name=Anio]")?.GetAttribute("value") ?? year.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Anio" },
            { new StringContent(page.QuerySelector("input[name=Periodo]")?.GetAttribute("value") ?? "A"), "Periodo" },
        };
        if (file is { } f)
        {
            form.Add(new ByteArrayContent(f.Content), "Evidencias", f.Name);
        }

        // Post where the page's button posts (as a browser does), so the period must travel in the form itself.
        var action = page.QuerySelector($"button[formaction*='handler={handler}']")?.GetAttribute("formaction")
            ?? $"/Registro/Valor/{indicator.Id}?handler={handler}";
        return await client.PostAsync(action, form);
    }

    private Task<IndicatorValue?> StoredAsync(Indicator indicator, int year = 2025) =>
        app.QueryAsync(db => db.Values.Include(v => v.Evidence).SingleOrDefaultAsync(v => v.IndicatorId == indicator.Id && v.Year == year && v.Period == PeriodKind.Anual));

    private static string Target(Indicator indicator) => indicator.TargetFor(2025)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Registrador_OwnUnit_SendsAValueWithEvidence_AllSavedTogetherWithAudit()
    {
        var (indicator, client, email) = await RegistradorForAsync(9);

        var response = await PostValueAsync(client, indicator, "Send", Target(indicator), file: ("acta.pdf", Pdf));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await StoredAsync(indicator);
        Assert.Equal(ValueStatus.Enviado, stored!.Status);
        Assert.Equal(indicator.TargetFor(2025), stored.Value);
        Assert.Equal("acta.pdf", Assert.Single(stored.Evidence).FileName);
        var audit = await app.QueryAsync(db => db.AuditEntries.Where(a => a.IndicatorId == indicator.Id && a.Kind == AuditKind.Valor).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal(email, a.UserName));
    }

    [Fact]
    public async Task Registrador_OtherUnitsIndicator_IsRefusedOnPageAndPost()
    {
        var (mine, client, _) = await RegistradorForAsync(10);
        var units = await app.QueryAsync(db => db.IndicatorResponsibleUnits.Where(u => u.IndicatorId == mine.Id).Select(u => u.UnitId).ToListAsync());
        var otherId = await app.QueryAsync(db => db.Indicators.OrderByDescending(i => i.Id)
            .Where(i => i.Targets.Count == 6 && !i.Values.Any() && !i.ResponsibleUnits.Any(u => units.Contains(u.UnitId))).Select(i => i.Id).FirstAsync());
        var other = await app.QueryAsync(db => db.Indicators.Include(i => i.Targets).SingleAsync(i => i.Id == otherId));

        var page = await client.GetAsync(Url(other));
        var token = await client.AntiforgeryTokenAsync(Url(mine));
        var post = await client.PostAsync($"/Registro/Valor/{other.Id}?anio=2025&periodo=A&handler=Send",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Valor"] = "1" }));

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("pertenece a", await page.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.Null(await StoredAsync(other));
    }

    [Theory]
    [InlineData("95,5", "Use punto como separador decimal")]
    [InlineData("abc", "Escriba un número")]
    [InlineData("", "Escriba el valor obtenido")]
    public async Task Value_BadNumber_IsRefusedWithSpanishMessageAndNothingSaved(string input, string message)
    {
        var (indicator, client, _) = await RegistradorForAsync(17);
        var before = await app.QueryAsync(db => db.Values.CountAsync(v => v.IndicatorId == indicator.Id));

        var response = await PostValueAsync(client, indicator, "Save", input);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.QueryAsync(db => db.Values.CountAsync(v => v.IndicatorId == indicator.Id)));
    }

    [Fact]
    public async Task Value_PointDecimal_IsReadExactly()
    {
        var (indicator, client, _) = await RegistradorForAsync(11);
        var value = indicator.Unit is UnitOfMeasure.Numero or UnitOfMeasure.Cantidad ? "95" : "95.5";

        await PostValueAsync(client, indicator, "Save", value, comment: "Valor de prueba");

        Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), (await StoredAsync(indicator))!.Value);
    }

    [Fact]
    public async Task Value_ThatTurnsTheIndicatorRed_RequiresAComment()
    {
        var (indicator, client, _) = await RegistradorForAsync(12);
        var low = indicator.Direction == Direction.Descendente ? (indicator.TargetFor(2025)!.Value * 10m + 10m) : 0m;

        var response = await PostValueAsync(client, indicator, "Send", low.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Contains("explique la desviación", await response.Content.ReadAsStringAsync());
        Assert.Null(await StoredAsync(indicator));
    }

    [Fact]
    public async Task Evidence_ContentNotMatchingItsExtension_IsRefusedAndNothingSaved()
    {
        var (indicator, client, _) = await RegistradorForAsync(13);

        var response = await PostValueAsync(client, indicator, "Send", Target(indicator), file: ("informe.pdf", Encoding.UTF8.GetBytes("<script>alert(1)</script>")));

        Assert.Contains("no corresponde a su extensión", await response.Content.ReadAsStringAsync());
        Assert.Null(await StoredAsync(indicator));
    }

    [Fact]
    public async Task Value_FuturePeriod_IsRefused()
    {
        var (indicator, client, _) = await RegistradorForAsync(18);

        var response = await PostValueAsync(client, indicator, "Save", "1", "x", year: 2029);

        Assert.Contains("aún no empieza", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Workflow_SendObserveCorrectValidate_AndIllegalMovesAreRefused()
    {
        var (indicator, unitClient, _) = await RegistradorForAsync(14);
        var planner = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        await PostValueAsync(unitClient, indicator, "Send", Target(indicator));
        var value = (await StoredAsync(indicator))!;

        // The unit cannot validate its own value, even by posting directly.
        var token = await unitClient.AntiforgeryTokenAsync("/Registro");
        var selfValidation = await unitClient.PostAsync("/Registro/Revision?handler=Validate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["valueId"] = value.Id.ToString(), ["version"] = value.Version.ToString(),
        }));
        Assert.StartsWith("/Cuenta/AccesoDenegado", selfValidation.Headers.Location!.OriginalString);

        // Observing needs a reason.
        await planner.SubmitFormAsync("/Registro/Revision", new Dictionary<string, string> { ["valueId"] = value.Id.ToString(), ["version"] = value.Version.ToString(), ["reason"] = "" }, $"form[action*='handler=Observe']");
        Assert.Equal(ValueStatus.Enviado, (await StoredAsync(indicator))!.Status);

        await planner.SubmitFormAsync("/Registro/Revision", new Dictionary<string, string> { ["valueId"] = value.Id.ToString(), ["version"] = value.Version.ToString(), ["reason"] = "Adjunte el acta firmada" }, $"form[action*='handler=Observe']");
        var observed = (await StoredAsync(indicator))!;
        Assert.Equal(ValueStatus.Observado, observed.Status);
        Assert.Contains("Adjunte el acta firmada", await (await unitClient.GetAsync("/Registro")).Content.ReadAsStringAsync());

        await PostValueAsync(unitClient, indicator, "Send", Target(indicator), file: ("acta.pdf", Pdf));
        var resent = (await StoredAsync(indicator))!;
        Assert.Equal(ValueStatus.Enviado, resent.Status);

        await planner.SubmitFormAsync("/Registro/Revision", new Dictionary<string, string> { ["valueId"] = resent.Id.ToString(), ["version"] = resent.Version.ToString() }, $"form[action*='handler=Validate']");
        var validated = (await StoredAsync(indicator))!;
        Assert.Equal(ValueStatus.Validado, validated.Status);

        // A validated value cannot be changed by the unit.
        var change = await PostValueAsync(unitClient, indicator, "Save", Target(indicator), "cambio");
        Assert.Contains("ya fue validado", await change.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ClosedPeriod_RefusesNewValues_UntilReopenedWithAReason()
    {
        var (indicator, unitClient, _) = await RegistradorForAsync(15);
        var planner = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        await planner.SubmitFormAsync("/Registro/Periodos?handler=Confirm&year=2025&period=A", new Dictionary<string, string>(), "form[action*='handler=Close']");

        var refused = await PostValueAsync(unitClient, indicator, "Save", Target(indicator));

        Assert.Contains("está cerrado", await refused.Content.ReadAsStringAsync());
        Assert.Null(await StoredAsync(indicator));

        var closureId = await app.QueryAsync(db => db.PeriodClosures.Where(c => c.Year == 2025 && c.Period == PeriodKind.Anual && c.ReopenedAt == null).Select(c => c.Id).SingleAsync());
        await planner.SubmitFormAsync("/Registro/Periodos", new Dictionary<string, string> { ["reason"] = "Corrección solicitada por CEPLAN" }, $"form[action*='handler=Reopen']:has(input[name=closureId][value='{closureId}'])");
        var accepted = await PostValueAsync(unitClient, indicator, "Save", Target(indicator));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
    }

    [Fact]
    public async Task ConcurrentSaves_SecondGetsAConflictShowingWhatTheFirstSaved()
    {
        var (indicator, first, _) = await RegistradorForAsync(16);
        var planner = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        await PostValueAsync(first, indicator, "Save", Target(indicator), "primer borrador");
        var stalePage = await planner.GetDocumentAsync(Url(indicator));
        await PostValueAsync(first, indicator, "Save", Target(indicator), "segundo borrador del primero");

        var form = new MultipartFormDataContent
        {
            { new StringContent(stalePage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(Target(indicator)), "Valor" },
            { new StringContent("versión de la OGPP"), "Comentario" },
            { new StringContent(stalePage.QuerySelector("input[name=Version]")!.GetAttribute("value")!), "Version" },
        };
        var response = await planner.PostAsync($"/Registro/Valor/{indicator.Id}?anio=2025&periodo=A&handler=Save", form);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Otra persona guardó este valor", html);
        Assert.Contains("segundo borrador del primero", html);
        Assert.Equal("segundo borrador del primero", (await StoredAsync(indicator))!.Comment);
    }

    [Fact]
    public async Task Consulta_CannotOpenTheEntryForm()
    {
        var indicator = await app.IndicatorWithFullDataAsync(9);
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));

        var response = await client.GetAsync(Url(indicator));

        Assert.StartsWith("/Cuenta/AccesoDenegado", response.Headers.Location!.OriginalString);
    }
}
