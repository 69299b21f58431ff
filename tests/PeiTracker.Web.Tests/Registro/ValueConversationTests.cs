using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Notices;
using PeiTracker.Web.Tests.Infrastructure;
using PeiTracker.Web.Tests.Notices;

namespace PeiTracker.Web.Tests.Registro;

/// <summary>
/// The conversation an observation opens on a value: the unit replies with files, either side mentions people of its
/// institution, the planning office resolves it; every message audited and told by e-mail through a real SMTP server.
/// </summary>
[Collection(MailCollection.Name)]
public class ValueConversationTests(MailFixture app)
{
    private const string Reason = "Adjunte el acta firmada por el director";
    private static readonly byte[] Pdf = "%PDF-1.4 acta firmada "u8.ToArray();

    private sealed record Observed(ValueTestPlan Plan, string Registrador, HttpClient Unit, string Planner, HttpClient Office, IndicatorValue Value)
    {
        public int IndicatorId => Plan.Indicators[0];

        public string ValueUrl => $"/Registro/Valor/{IndicatorId}?anio=2025&periodo=A";
    }

    /// <summary>A value the unit sent and a new Planificador observed, with every earlier notice already sent.</summary>
    private async Task<Observed> ObservedAsync()
    {
        var (plan, registrador, unit, value) = await app.SentValueAsync();
        var planner = await app.CreateUserAsync(Roles.Planificador);
        var office = await app.LoginAsync(planner);
        var review = await office.SubmitFormAsync($"/Registro/Revision?plan={plan.Code}",
            new Dictionary<string, string> { ["valueId"] = value.Id.ToString(), ["version"] = value.Version.ToString(), ["reason"] = Reason },
            "form[action*='handler=Observe']");
        Assert.Equal(HttpStatusCode.Redirect, review.StatusCode);
        await app.DispatchAsync();
        return new Observed(plan, registrador, unit, planner, office, await app.StoredValueAsync(plan));
    }

    /// <summary>Opens the value's page and posts its conversation form as a browser would (multipart, with its hidden fields).</summary>
    private static async Task<HttpResponseMessage> PostThreadAsync(HttpClient client, Observed o, string handler, string text, IEnumerable<string>? picked = null, (string Name, byte[] Content)? file = null)
    {
        var page = await client.GetDocumentAsync(o.ValueUrl);
        var form = page.QuerySelector("#thread-form") ?? throw new InvalidOperationException("The page has no conversation form.");
        var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll("input[type=hidden][name]"))
        {
            content.Add(new StringContent(hidden.GetAttribute("value") ?? ""), hidden.GetAttribute("name")!);
        }

        content.Add(new StringContent(text), "Mensaje");
        foreach (var id in picked ?? [])
        {
            content.Add(new StringContent(id), "Mencionar");
        }

        if (file is { } f)
        {
            content.Add(new ByteArrayContent(f.Content), "Adjuntos", f.Name);
        }

        return await client.PostAsync($"/Registro/Valor/{o.IndicatorId}?anio=2025&periodo=A&handler={handler}", content);
    }

    private Task<ValueThread> ThreadAsync(Observed o) =>
        app.QueryAsync(db => db.ValueThreads.AsNoTracking().Include(t => t.Messages).ThenInclude(m => m.Evidence).OrderBy(t => t.Id).LastAsync(t => t.ValueId == o.Value.Id));

    private Task<List<AuditEntry>> ConversationAuditAsync(Observed o) =>
        app.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.IndicatorId == o.IndicatorId && a.Kind == AuditKind.Conversacion).OrderBy(a => a.Id).ToListAsync());

    private static IElement[] Messages(IDocument page) => page.QuerySelectorAll("[data-testid=mensaje]").ToArray();

    [Fact]
    public async Task Observe_OpensAThreadWithTheReasonAsItsFirstMessage_ShownOnTheValuePage()
    {
        var o = await ObservedAsync();

        var thread = await ThreadAsync(o);
        var first = Assert.Single(thread.Messages);
        Assert.Equal((ThreadMessageKind.Observacion, ThreadSide.Ogpp, Reason, o.Planner), (first.Kind, first.Side, first.Text, first.Author));
        Assert.True(thread.ResolvedAt is null);
        var audit = Assert.Single(await ConversationAuditAsync(o));
        Assert.Equal((o.Planner, "Conversación del valor anual 2025", "Observación (OGPP): " + Reason), (audit.UserName, audit.Field, audit.After));
        Assert.Equal(app.Clock.GetUtcNow(), audit.At);

        var page = await o.Unit.GetDocumentAsync(o.ValueUrl);
        var shown = Assert.Single(Messages(page));
        Assert.Contains(Reason, shown.TextContent);
        Assert.Contains("Observación", shown.TextContent);
        Assert.Equal("Abierta", page.QuerySelector("[data-testid=estado-hilo]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Reply_ByTheUnitWithEvidence_KeepsTheFileAndMailsThePlanningOfficeOnly()
    {
        var o = await ObservedAsync();
        var otherPlanner = await app.CreateUserAsync(Roles.Planificador);

        var reply = await PostThreadAsync(o.Unit, o, "Reply", "Adjunto el acta firmada.", file: ("acta.pdf", Pdf));
        await app.DispatchAsync();

        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        var message = (await ThreadAsync(o)).Messages.OrderBy(m => m.Id).Last();
        Assert.Equal((ThreadMessageKind.Respuesta, ThreadSide.Unidad, "Adjunto el acta firmada.", o.Registrador), (message.Kind, message.Side, message.Text, message.Author));
        var file = Assert.Single(message.Evidence);
        Assert.Equal(("acta.pdf", o.Value.Id, "application/pdf"), (file.FileName, file.ValueId, file.ContentType));
        var audit = await ConversationAuditAsync(o);
        Assert.Equal("Respuesta (Unidad): Adjunto el acta firmada.", audit[^1].After);
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.IndicatorId == o.IndicatorId && a.Field == "Valor anual 2025 · evidencia" && a.After!.StartsWith("acta.pdf"))));

        foreach (var planner in new[] { o.Planner, otherPlanner })
        {
            var mail = Assert.Single(app.Smtp.To(planner), m => m.Subject!.StartsWith("Nuevo mensaje", StringComparison.Ordinal));
            Assert.Equal("Nuevo mensaje sobre el valor IOEI.01.01 · Anual 2025", mail.Subject);
            Assert.Contains("Adjunto el acta firmada.", mail.TextBody);
            Assert.Contains($"{MailFixture.PublicUrl}Registro/Valor/{o.IndicatorId}?anio=2025&periodo=A#conversacion", mail.TextBody);
        }

        Assert.DoesNotContain(app.Smtp.To(o.Registrador), m => m.Subject!.StartsWith("Nuevo mensaje", StringComparison.Ordinal));
        var page = await o.Office.GetDocumentAsync(o.ValueUrl);
        var shown = Messages(page)[^1];
        Assert.Contains("Adjunto el acta firmada.", shown.TextContent);
        Assert.Equal($"/Registro/Evidencia/{file.Id}", shown.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, (await o.Office.GetAsync($"/Registro/Evidencia/{file.Id}")).StatusCode);
    }

    [Fact]
    public async Task Reply_WithAFileThatIsNotWhatItsNameSays_IsRefusedAndNothingIsSaved()
    {
        var o = await ObservedAsync();

        var reply = await PostThreadAsync(o.Unit, o, "Reply", "Va el acta.", file: ("acta.pdf", "no es un pdf"u8.ToArray()));

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var page = await HttpClientExtensions.ParseAsync(await reply.Content.ReadAsStringAsync());
        Assert.StartsWith("acta.pdf:", page.QuerySelector("#adjuntos-error")!.TextContent.Trim());
        Assert.Equal("Va el acta.", page.QuerySelector("#mensaje")!.TextContent);
        Assert.Single((await ThreadAsync(o)).Messages);
        Assert.Single(await ConversationAuditAsync(o));
    }

    [Fact]
    public async Task Mention_OfAnAccountOfTheInstitution_MailsOnlyThatPerson()
    {
        var o = await ObservedAsync();
        var director = await app.CreateUserAsync(Roles.Consulta);
        var bystander = await app.CreateUserAsync(Roles.Consulta);

        var reply = await PostThreadAsync(o.Office, o, "Reply", $"@{director} ¿puede confirmar la firma del acta?");
        await app.DispatchAsync();

        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        var mail = Assert.Single(app.Smtp.To(director));
        Assert.Equal("Le mencionaron en la conversación del valor IOEI.01.01 · Anual 2025", mail.Subject);
        Assert.Contains("¿puede confirmar la firma del acta?", mail.TextBody);
        // A Consulta reads the conversation on the indicator's page, not on the value's form (which is the unit's and the OGPP's).
        Assert.Contains($"{MailFixture.PublicUrl}Plan/Indicador/{o.IndicatorId}#conversaciones", mail.TextBody);
        Assert.Empty(app.Smtp.To(bystander));
        Assert.Single(app.Smtp.To(o.Registrador), m => m.Subject!.StartsWith("Nuevo mensaje", StringComparison.Ordinal));
        Assert.Equal([director], await app.QueryAsync(db => db.OutboxNotices.Where(n => n.IndicatorId == o.IndicatorId && n.Kind == NoticeKind.ConversacionMencion).Select(n => n.Recipient).ToListAsync()));

        var directorPage = await (await app.LoginAsync(director)).GetDocumentAsync($"/Plan/Indicador/{o.IndicatorId}");
        Assert.Contains("¿puede confirmar la firma del acta?", directorPage.QuerySelector("[data-testid=conversaciones]")!.TextContent);
    }

    [Fact]
    public async Task Mention_PickedFromTheList_MailsThatAccount()
    {
        var o = await ObservedAsync();
        var colleague = await app.CreateUserAsync(Roles.Planificador);
        var colleagueId = await app.QueryAsync(db => db.Users.Where(u => u.Email == colleague).Select(u => u.Id).SingleAsync());
        var page = await o.Unit.GetDocumentAsync(o.ValueUrl);
        Assert.NotNull(page.QuerySelector($"#mencionar option[value='{colleagueId}']"));

        await PostThreadAsync(o.Unit, o, "Reply", "Le pido que lo revise usted.", [colleagueId]);
        await app.DispatchAsync();

        Assert.Single(app.Smtp.To(colleague), m => m.Subject!.StartsWith("Le mencionaron", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Smtp.To(colleague), m => m.Subject!.StartsWith("Nuevo mensaje", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mention_OfAnotherInstitutionsAccount_IsRefusedAsAnUnknownOne_AndNothingIsSaved()
    {
        var o = await ObservedAsync();
        var other = await OtherInstitution.CreateAsync(app);
        var stranger = await app.CreateUserAsync(Roles.Planificador, institutionId: other.InstitutionId);

        var reply = await PostThreadAsync(o.Office, o, "Reply", $"@{stranger} mire esto");
        var unknown = await PostThreadAsync(o.Office, o, "Reply", "@nadie-existe@test.local mire esto");
        await app.DispatchAsync();

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var text = await reply.Content.ReadAsStringAsync();
        Assert.Contains($"No se puede mencionar a {stranger}: solo se menciona a cuentas activas de su institución", WebUtility.HtmlDecode(text));
        Assert.Contains("No se puede mencionar a nadie-existe@test.local: solo se menciona a cuentas activas de su institución", WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()));
        Assert.Empty(app.Smtp.To(stranger));
        Assert.Single((await ThreadAsync(o)).Messages);
    }

    [Fact]
    public async Task Resolve_ClosesTheThread_MailsTheUnit_AndRefusesLaterReplies()
    {
        var o = await ObservedAsync();

        var resolve = await PostThreadAsync(o.Office, o, "Resolve", "Acta recibida; corrija el valor y reenvíelo.");
        await app.DispatchAsync();

        Assert.Equal(HttpStatusCode.Redirect, resolve.StatusCode);
        var thread = await ThreadAsync(o);
        Assert.Equal((app.Clock.GetUtcNow(), o.Planner), (thread.ResolvedAt, thread.ResolvedBy));
        Assert.Equal(ThreadMessageKind.Resolucion, thread.Messages.OrderBy(m => m.Id).Last().Kind);
        var audit = (await ConversationAuditAsync(o))[^1];
        Assert.Equal(("Conversación abierta", "Resolución (OGPP): Acta recibida; corrija el valor y reenvíelo."), (audit.Before, audit.After));
        var mail = Assert.Single(app.Smtp.To(o.Registrador), m => m.Subject!.StartsWith("Conversación resuelta", StringComparison.Ordinal));
        Assert.Equal("Conversación resuelta: IOEI.01.01 · Anual 2025", mail.Subject);
        Assert.Contains("Acta recibida; corrija el valor y reenvíelo.", mail.TextBody);

        var page = await o.Unit.GetDocumentAsync(o.ValueUrl);
        Assert.StartsWith("Resuelta el", page.QuerySelector("[data-testid=estado-hilo]")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("#thread-form"));
    }

    [Fact]
    public async Task Resolve_ByTheUnit_IsRefused()
    {
        var o = await ObservedAsync();
        var page = await o.Unit.GetDocumentAsync(o.ValueUrl);
        Assert.Null(page.QuerySelector("button[formaction*='handler=Resolve']"));

        var response = await PostThreadAsync(o.Unit, o, "Resolve", "Ya está.");

        Assert.Contains("Solo la OGPP resuelve una conversación", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Null((await ThreadAsync(o)).ResolvedAt);
    }

    [Fact]
    public async Task Validate_ResolvesTheOpenThread_AndANewObservationOpensANewOne()
    {
        var o = await ObservedAsync();
        var form = await OpenedValueForm.OpenAsync(o.Unit, o.IndicatorId, 2025, "A");
        Assert.Equal(HttpStatusCode.Redirect, (await form.SaveAsync("100", "Corregido con el acta", "Send")).StatusCode);
        var sent = await app.StoredValueAsync(o.Plan);

        await o.Office.SubmitFormAsync($"/Registro/Revision?plan={o.Plan.Code}",
            new Dictionary<string, string> { ["valueId"] = sent.Id.ToString(), ["version"] = sent.Version.ToString() }, "form[action*='handler=Validate']");

        var first = await ThreadAsync(o);
        Assert.NotNull(first.ResolvedAt);
        Assert.Equal("Valor validado.", first.Messages.OrderBy(m => m.Id).Last().Text);
        var threads = await app.QueryAsync(db => db.ValueThreads.CountAsync(t => t.ValueId == o.Value.Id));
        Assert.Equal(1, threads);
    }

    [Fact]
    public async Task ObserveAgain_WhileTheThreadIsOpen_AddsToIt_AfterItWasResolved_OpensANewOne()
    {
        var o = await ObservedAsync();
        async Task SendAndObserveAsync(string reason)
        {
            var form = await OpenedValueForm.OpenAsync(o.Unit, o.IndicatorId, 2025, "A");
            Assert.Equal(HttpStatusCode.Redirect, (await form.SaveAsync("100", "Corregido", "Send")).StatusCode);
            var sent = await app.StoredValueAsync(o.Plan);
            await o.Office.SubmitFormAsync($"/Registro/Revision?plan={o.Plan.Code}",
                new Dictionary<string, string> { ["valueId"] = sent.Id.ToString(), ["version"] = sent.Version.ToString(), ["reason"] = reason }, "form[action*='handler=Observe']");
        }

        await SendAndObserveAsync("Falta la firma del jefe");
        Assert.Equal(2, (await ThreadAsync(o)).Messages.Count);
        await PostThreadAsync(o.Office, o, "Resolve", "");
        await SendAndObserveAsync("Ahora falta el sello");

        var threads = await app.QueryAsync(db => db.ValueThreads.AsNoTracking().Include(t => t.Messages).Where(t => t.ValueId == o.Value.Id).OrderBy(t => t.Id).ToListAsync());
        Assert.Equal(2, threads.Count);
        Assert.Equal(["Adjunte el acta firmada por el director", "Falta la firma del jefe", "Conversación resuelta."], threads[0].Messages.OrderBy(m => m.Id).Select(m => m.Text));
        Assert.Equal("Ahora falta el sello", Assert.Single(threads[1].Messages).Text);
        Assert.Equal(4, Messages(await o.Unit.GetDocumentAsync(o.ValueUrl)).Length);
    }

    [Fact]
    public async Task Thread_AnotherInstitutionsPlanner_GetsNotFound_AndAnotherUnitsRegistradorDoesNotSeeIt()
    {
        var o = await ObservedAsync();
        var other = await OtherInstitution.CreateAsync(app);
        var stranger = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador, institutionId: other.InstitutionId));
        var token = await AccountTestData.AntiforgeryTokenAsync(stranger, "/Registro/Revision");

        var read = await stranger.GetAsync(o.ValueUrl);
        var write = await stranger.PostAsync($"/Registro/Valor/{o.IndicatorId}?anio=2025&periodo=A&handler=Reply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Anio"] = "2025", ["Periodo"] = "A", ["Mensaje"] = "intruso", ["ThreadVersion"] = (await ThreadAsync(o)).Version.ToString(),
        }));
        var indicatorPage = await stranger.GetAsync($"/Plan/Indicador/{o.IndicatorId}");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, write.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, indicatorPage.StatusCode);
        Assert.Single((await ThreadAsync(o)).Messages);

        var otherUnitId = await app.QueryAsync(db => db.IndicatorResponsibleUnits.Where(u => u.IndicatorId == o.Plan.OtherUnitIndicator).Select(u => u.UnitId).SingleAsync());
        var outsider = await app.CreateUserAsync(Roles.Registrador);
        await app.QueryAsync(async db =>
        {
            db.UserUnits.Add(new UserUnit { UserId = (await db.Users.SingleAsync(u => u.Email == outsider)).Id, UnitId = otherUnitId });
            return await db.SaveChangesAsync();
        });
        var outsiderClient = await app.LoginAsync(outsider);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsiderClient.GetAsync(o.ValueUrl)).StatusCode);
        var html = await (await outsiderClient.GetAsync($"/Plan/Indicador/{o.IndicatorId}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("data-testid=\"conversaciones\"", html);
        Assert.DoesNotContain("Observación (OGPP)", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task Thread_ShowsInTheIndicatorPagesHistoryForThePlanningOffice()
    {
        var o = await ObservedAsync();
        await PostThreadAsync(o.Unit, o, "Reply", "Enviamos el acta por mesa de partes.");

        var page = await o.Office.GetDocumentAsync($"/Plan/Indicador/{o.IndicatorId}");

        var section = page.QuerySelector("[data-testid=conversaciones]")!;
        Assert.Equal([Reason, "Enviamos el acta por mesa de partes."], section.QuerySelectorAll("[data-testid=mensaje] .notes").Select(e => e.TextContent));
        Assert.Contains(page.QuerySelectorAll(".history-table td"), td => td.TextContent == "Respuesta (Unidad): Enviamos el acta por mesa de partes.");
    }

    [Fact]
    public async Task Informe_CitesTheConversationsOfThePeriodsValuesAmongItsSources()
    {
        var marker = "Fuente " + Guid.NewGuid().ToString("N")[..8];
        var (code, year, period) = await app.QueryAsync(async db =>
        {
            var at = app.Clock.GetUtcNow();
            var indicator = await db.Indicators.Include(i => i.Values).Where(i => i.Plan!.Code == "MRE-PEI-2025-2030").OrderByDescending(i => i.Id).FirstAsync();
            var value = indicator.Values.FirstOrDefault(v => v.Year == 2025 && v.Period == PeriodKind.Anual);
            if (value is null)
            {
                value = new IndicatorValue { IndicatorId = indicator.Id, Year = 2025, Period = PeriodKind.Anual, Value = 1m, Status = ValueStatus.Validado, CreatedBy = "p@test.local", CreatedAt = at };
                indicator.Values.Add(value);
                await db.SaveChangesAsync();
            }

            value.Indicator = indicator;
            var thread = new ValueThread { ValueId = value.Id, OpenedAt = at, OpenedBy = "p@test.local", ResolvedAt = at, ResolvedBy = "p@test.local" };
            thread.Messages.Add(new ThreadMessage { Kind = ThreadMessageKind.Observacion, Side = ThreadSide.Ogpp, Author = "p@test.local", AuthorName = "Planificadora", Text = "Observación " + marker, At = at });
            thread.Messages.Add(new ThreadMessage { Kind = ThreadMessageKind.Resolucion, Side = ThreadSide.Ogpp, Author = "p@test.local", AuthorName = "Planificadora", Text = "Resuelto " + marker, At = at });
            db.ValueThreads.Add(thread);
            await db.SaveChangesAsync();
            return (value.Indicator!.PublishedCode, value.Year, value.Period);
        });
        var admin = await app.LoginAsync();

        var page = await admin.GetDocumentAsync($"/Reportes/Informe?anio={year}&periodo=A");

        var sources = page.QuerySelector("[data-testid=fuentes]")!;
        Assert.Contains(sources.QuerySelectorAll("h3"), h => h.TextContent.StartsWith(code, StringComparison.Ordinal));
        Assert.Equal(["Observación " + marker, "Resuelto " + marker], sources.QuerySelectorAll("[data-testid=mensaje] .notes").Select(e => e.TextContent).Where(t => t.EndsWith(marker, StringComparison.Ordinal)));
        Assert.Equal(PeriodKind.Anual, period);
    }
}
