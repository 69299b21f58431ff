using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Progress;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Registro;

/// <summary>The planning office's saved observation reasons: managed on /Registro/Motivos, offered in "Por validar".</summary>
[Collection(AppCollection.Name)]
public class SavedReasonsTests(AppFixture app)
{
    private const string Page = "/Registro/Motivos";

    private static string Unique(string text) => $"{text} {Guid.NewGuid():N}"[..(text.Length + 9)];

    private Task<List<AuditEntry>> HistoryAsync(string text) =>
        app.QueryAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Kind == AuditKind.MotivoObservacion && ((a.Before ?? "").StartsWith(text) || (a.After ?? "").StartsWith(text)))
            .OrderBy(a => a.Id).ToListAsync());

    private Task<ObservationReason?> FindAsync(string text) =>
        app.QueryAsync(db => db.ObservationReasons.AsNoTracking().SingleOrDefaultAsync(r => r.Text == text));

    private static async Task<HttpResponseMessage> AddAsync(HttpClient client, string text) =>
        await client.PostPageFormAsync(Page, "#add-reason", ("Input.Text", text));

    private static string RowForm(int id, string handler) => $"tr[data-reason-id='{id}'] form[action*='handler={handler}']";

    [Fact]
    public async Task AddEditRemove_ByAPlanificador_EachIsRecordedWithItsTrueBeforeAndAfter()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var text = Unique("Falta medio de verificación");

        var added = await AddAsync(client, "  " + text + " ");
        var reason = await FindAsync(text);
        var listed = await client.GetDocumentAsync(Page);
        var edited = await client.PostPageFormAsync(Page, RowForm(reason!.Id, "Edit"), ("Input.Text", text + " firmado"));
        var removed = await client.PostPageFormAsync(Page, RowForm(reason.Id, "Remove"));
        var after = await client.GetDocumentAsync(removed.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains(listed.QuerySelectorAll("#reasons input.reason-text"), i => i.GetAttribute("value") == text);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Null(await FindAsync(text + " firmado"));
        Assert.Equal($"Motivo quitado: «{text} firmado». Los valores ya observados conservan su motivo.", after.QuerySelector(".alert-success")!.TextContent.Trim());
        var history = await HistoryAsync(text);
        Assert.Equal(
            [(null, text), (text, text + " firmado"), (text + " firmado", null)],
            history.Select(a => (a.Before, a.After)).ToArray());
        Assert.All(history, a => Assert.Equal((ObservationReason.Field, ObservationReason.Subject, (int?)null), (a.Field, a.Subject, a.PlanId)));
        Assert.All(history, a => Assert.NotNull(a.InstitutionId));
        Assert.Contains(after.QuerySelectorAll("#history tbody tr"), r => r.TextContent.Contains(text + " firmado", StringComparison.Ordinal) && r.TextContent.Contains("(quitado)", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> BadTexts() => new()
    {
        { "", ObservationReason.Required },
        { new string('x', 501), ObservationReason.TooLong },
    };

    [Theory]
    [MemberData(nameof(BadTexts))]
    public async Task Add_EmptyOrTooLong_ShowsTheMessageAndChangesNothing(string text, string message)
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var before = await DatabaseFingerprint.OfAsync(app.ConnectionString);

        var response = await AddAsync(client, text);
        var page = await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, page.QuerySelector("#new-text-error")!.TextContent.Trim());
        Assert.Equal(before, await DatabaseFingerprint.OfAsync(app.ConnectionString));
    }

    [Fact]
    public async Task Add_TextAlreadySavedInOtherCase_IsRefusedAndChangesNothing()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var text = Unique("El valor no coincide con la evidencia");
        await AddAsync(client, text);
        var before = await DatabaseFingerprint.OfAsync(app.ConnectionString);

        var response = await AddAsync(client, text.ToUpperInvariant());
        var page = await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(ObservationReason.Duplicate, page.QuerySelector("#new-text-error")!.TextContent.Trim());
        Assert.Equal(text.ToUpperInvariant(), page.QuerySelector("#new-text")!.TextContent);
        Assert.Equal(before, await DatabaseFingerprint.OfAsync(app.ConnectionString));
    }

    [Fact]
    public async Task Edit_FromAStaleForm_IsAConflictAndChangesNothing()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var text = Unique("Falta el acta");
        await AddAsync(client, text);
        var id = (await FindAsync(text))!.Id;
        var stale = await client.ReadFormAsync(Page, RowForm(id, "Edit"));
        await client.PostPageFormAsync(Page, RowForm(id, "Edit"), ("Input.Text", text + " A"));
        var before = await DatabaseFingerprint.OfAsync(app.ConnectionString);

        var response = await stale.PostAsync(client, ("Input.Text", text + " B"));
        var page = await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Web.Pages.Registro.MotivosModel.ConflictText, page.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal(before, await DatabaseFingerprint.OfAsync(app.ConnectionString));
        Assert.NotNull(await FindAsync(text + " A"));
    }

    [Theory]
    [InlineData("Edit")]
    [InlineData("Remove")]
    public async Task EditOrRemove_AnotherInstitutionsReason_IsNotFoundAndChangesNothing(string handler)
    {
        var other = await OtherInstitution.CreateAsync(app);
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var token = await AccountTestData.AntiforgeryTokenAsync(client, Page);
        var version = await app.QueryAsync(db => db.ObservationReasons.Where(r => r.Id == other.ObservationReasonId).Select(r => r.Version).SingleAsync());
        var before = await DatabaseFingerprint.OfAsync(app.ConnectionString);

        var response = await client.PostAsync($"{Page}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["reasonId"] = other.ObservationReasonId.ToString(CultureInfo.InvariantCulture),
            ["version"] = version.ToString(CultureInfo.InvariantCulture),
            ["Input.Text"] = "Cambiado desde otra entidad",
        }));
        var list = await client.GetStringAsync(Page);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(other.Marker, list, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await DatabaseFingerprint.OfAsync(app.ConnectionString));
    }

    /// <summary>A plan of its own followed only by year, with one value sent <paramref name="daysAgo"/> days ago per entry.</summary>
    private async Task<(ValueTestPlan Plan, ReportPeriod Open)> QueueAsync(params int[] daysAgo)
    {
        var plan = await ValueTestPlan.CreateAsync(app, daysAgo.Length);
        await app.QueryAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE plans SET semester_follow_up = false WHERE code = {plan.Code}"));
        var open = ReportPeriod.Open(DateOnly.FromDateTime(PeruTime.ToLima(DateTimeOffset.UtcNow).DateTime), semesterFollowUp: false);
        await app.QueryAsync(async db =>
        {
            for (var n = 0; n < daysAgo.Length; n++)
            {
                db.Values.Add(new IndicatorValue
                {
                    IndicatorId = plan.Indicators[n], Year = open.Year, Period = open.Kind, Value = 90m, Status = ValueStatus.Enviado,
                    CreatedBy = "registrador@test.local", CreatedAt = DateTimeOffset.UtcNow.AddDays(-daysAgo[n]),
                });
            }

            return await db.SaveChangesAsync();
        });
        return (plan, open);
    }

    private static string[] Codes(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("table.review-table tbody tr td:first-child .code").Select(c => c.TextContent).ToArray();

    [Fact]
    public async Task ReviewQueue_FilteredByAge_ShowsOnlyValuesSentMoreThanThoseDaysAgo()
    {
        var (plan, _) = await QueueAsync(1, 5, 10, 20);
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var url = $"/Registro/Revision?plan={plan.Code}";

        var all = await client.GetDocumentAsync(url);
        var byAge = new Dictionary<int, string[]>();
        foreach (var days in new[] { 3, 7, 15 })
        {
            byAge[days] = Codes(await client.GetDocumentAsync($"{url}&antiguedad={days}"));
        }

        var unknownAge = await client.GetDocumentAsync($"{url}&antiguedad=4");

        Assert.Equal(["IOEI.01.01", "IOEI.01.02", "IOEI.01.03", "IOEI.01.04"], Codes(all));
        Assert.Equal(["hace 1 día", "hace 5 días", "hace 10 días", "hace 20 días"], all.QuerySelectorAll("[data-testid=age]").Select(a => a.TextContent.Trim()).ToArray());
        Assert.Equal(["IOEI.01.02", "IOEI.01.03", "IOEI.01.04"], byAge[3]);
        Assert.Equal(["IOEI.01.03", "IOEI.01.04"], byAge[7]);
        Assert.Equal(["IOEI.01.04"], byAge[15]);
        // An age the filter does not offer filters nothing, and the list says so.
        Assert.Equal(Codes(all), Codes(unknownAge));
        Assert.Equal(["", "3", "7", "15"], all.QuerySelectorAll("#antiguedad option").Select(o => o.GetAttribute("value") ?? "").ToArray());
        Assert.Equal(("Enviado hace", "Más de 7 días"), (all.QuerySelector("label[for=antiguedad]")!.TextContent, all.QuerySelector("#antiguedad option[value='7']")!.TextContent));
    }

    [Fact]
    public async Task Observe_WithASavedReasonAndAnEmptyBox_UsesTheSavedTextAndKeepsTheFilters()
    {
        var (plan, open) = await QueueAsync(10);
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var text = Unique("Falta medio de verificación");
        await AddAsync(client, text);
        var saved = (await FindAsync(text))!;
        var url = $"/Registro/Revision?plan={plan.Code}&unidad={plan.UnitId}&antiguedad=7";
        var queue = await client.GetDocumentAsync(url);

        var response = await client.PostPageFormAsync(url, "form[action*='handler=Observe']",
            ("reason", ""), ("savedReasonId", saved.Id.ToString(CultureInfo.InvariantCulture)));
        var location = response.Headers.Location!.OriginalString;
        var after = await client.GetDocumentAsync(location);

        Assert.Contains(queue.QuerySelectorAll("select[name=savedReasonId] option"), o => o.GetAttribute("value") == saved.Id.ToString(CultureInfo.InvariantCulture) && o.GetAttribute("data-text") == text);
        Assert.Contains("antiguedad=7", location);
        Assert.Contains($"unidad={plan.UnitId}", location);
        Assert.Equal($"IOEI.01.01 · {open.Label}: valor observado; la unidad verá el motivo y podrá corregirlo.", after.QuerySelector(".alert-success")!.TextContent.Trim());
        var value = await app.QueryAsync(db => db.Values.AsNoTracking().SingleAsync(v => v.IndicatorId == plan.Indicators[0]));
        Assert.Equal((ValueStatus.Observado, text), (value.Status, value.ReviewNote));
    }

    [Fact]
    public async Task Observe_TypedReasonAndASavedOne_KeepsWhatWasTyped()
    {
        var (plan, _) = await QueueAsync(2);
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var text = Unique("Falta el informe");
        await AddAsync(client, text);
        var saved = (await FindAsync(text))!;

        await client.PostPageFormAsync($"/Registro/Revision?plan={plan.Code}", "form[action*='handler=Observe']",
            ("reason", text + ": adjunte el informe de la misión"), ("savedReasonId", saved.Id.ToString(CultureInfo.InvariantCulture)));

        var value = await app.QueryAsync(db => db.Values.AsNoTracking().SingleAsync(v => v.IndicatorId == plan.Indicators[0]));
        Assert.Equal(text + ": adjunte el informe de la misión", value.ReviewNote);
    }

    [Fact]
    public async Task Observe_EmptyBoxWithAnotherInstitutionsSavedReason_IsRefusedAndChangesNothing()
    {
        var other = await OtherInstitution.CreateAsync(app);
        var (plan, _) = await QueueAsync(2);
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var url = $"/Registro/Revision?plan={plan.Code}";
        var before = await DatabaseFingerprint.OfAsync(app.ConnectionString);

        var response = await client.PostPageFormAsync(url, "form[action*='handler=Observe']",
            ("reason", ""), ("savedReasonId", other.ObservationReasonId.ToString(CultureInfo.InvariantCulture)));
        var after = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);

        Assert.Contains("el motivo es obligatorio", after.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal(before, await DatabaseFingerprint.OfAsync(app.ConnectionString));
    }
}
