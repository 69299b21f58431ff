using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Notices;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Notices;

/// <summary>
/// Reminders by period deadlines and their escalation, against a real SMTP server on loopback, with the clock moved:
/// each fires on its day, to the people of the units that have not sent, once, whatever restarts or instances.
/// </summary>
[Collection(MailCollection.Name)]
public class ReminderSchedulerTests(MailFixture app)
{
    /// <summary>A deadline far enough ahead that the first reminder is still to come.</summary>
    private DateOnly FreshDeadline() => app.Today().AddDays(10);

    private async Task<List<string>> SubjectsToAsync(string email) => (await app.NoticesToAsync(email)).Select(n => n.Subject).ToList();

    /// <summary>A person's escalations (heads also get the weekly digest, whose week may start during a test).</summary>
    private async Task<List<OutboxNotice>> EscalationsToAsync(string email) => (await app.NoticesToAsync(email)).Where(n => n.Kind == NoticeKind.PlazoEscalado).ToList();

    private IEnumerable<MimeKit.MimeMessage> EscalationMailsTo(string email) => app.Smtp.To(email).Where(m => m.Subject!.StartsWith("Reporte atrasado", StringComparison.Ordinal));

    [Fact]
    public async Task Reminders_DaysBeforeAtAndAfterTheDeadline_FireOnTheirDaysOnlyToUnitsThatHaveNotSent()
    {
        await app.DrainOutboxAsync();
        var plan = await ReminderTestPlan.CreateAsync(app, FreshDeadline());
        var registradorA = await ReminderTestPlan.PersonAsync(app, Roles.Registrador, [plan.UnitA]);
        var registradorB = await ReminderTestPlan.PersonAsync(app, Roles.Registrador, [plan.UnitB]);
        await ReminderTestPlan.ValueAsync(app, plan.IndicatorB, ValueStatus.Enviado);
        // Unit A sent one of its two: it still owes the other, and hears only of that one.
        await ReminderTestPlan.ValueAsync(app, plan.IndicatorsA[0], ValueStatus.Validado);
        var period = $"Anual 2025: {plan.AcronymA}";

        app.MoveTo(plan.Due.AddDays(-8));
        await app.ScheduleAsync();
        Assert.Empty(await app.NoticesToAsync(registradorA));

        app.MoveTo(plan.Due.AddDays(-7));
        await app.ScheduleAsync();
        Assert.Equal([$"Faltan 7 días para reportar {period}"], await SubjectsToAsync(registradorA));

        // Later the same day, and the days in between: nothing new.
        app.MoveTo(plan.Due.AddDays(-7), hour: 20);
        await app.ScheduleAsync();
        app.MoveTo(plan.Due.AddDays(-3));
        await app.ScheduleAsync();
        Assert.Single(await app.NoticesToAsync(registradorA));

        app.MoveTo(plan.Due.AddDays(-1));
        await app.ScheduleAsync();
        app.MoveTo(plan.Due, hour: 7);
        await app.ScheduleAsync();
        Assert.Equal(2, (await app.NoticesToAsync(registradorA)).Count);
        app.MoveTo(plan.Due);
        await app.ScheduleAsync();
        app.MoveTo(plan.Due.AddDays(1));
        await app.ScheduleAsync();
        app.MoveTo(plan.Due.AddDays(2));
        await app.ScheduleAsync();

        Assert.Equal(
            [$"Faltan 7 días para reportar {period}", $"Falta 1 día para reportar {period}", $"Hoy vence el plazo para reportar {period}", $"Venció el plazo para reportar {period}"],
            await SubjectsToAsync(registradorA));
        Assert.Equal([NoticeKind.PlazoProximo, NoticeKind.PlazoProximo, NoticeKind.PlazoProximo, NoticeKind.PlazoVencido], (await app.NoticesToAsync(registradorA)).Select(n => n.Kind));
        Assert.Empty(await app.NoticesToAsync(registradorB));

        await app.DispatchAsync();
        var mails = app.Smtp.To(registradorA).ToList();
        Assert.Equal(4, mails.Count);
        var first = mails.Single(m => m.Subject!.StartsWith("Faltan 7", StringComparison.Ordinal)).TextBody!;
        Assert.Contains($"del plan {plan.Code} vence el {plan.Due:dd/MM/yyyy}, en 7 días", first);
        Assert.Contains("IOEI.01.02 «Indicador 2 de", first);
        Assert.DoesNotContain("IOEI.01.01", first);
        Assert.Contains($"{MailFixture.PublicUrl}Registro?plan={plan.Code}&anio=2025&periodo=A", first);
        Assert.Empty(app.Smtp.To(registradorB));
    }

    [Fact]
    public async Task Escalation_DaysLate_GoesToTheUnitsHeadAndThePlanningOfficeOfItsInstitutionOnly()
    {
        await app.DrainOutboxAsync();
        var plan = await ReminderTestPlan.CreateAsync(app, FreshDeadline());
        var registradorA = await ReminderTestPlan.PersonAsync(app, Roles.Registrador, [plan.UnitA]);
        var headA = await ReminderTestPlan.PersonAsync(app, Roles.Consulta, [plan.UnitA], headsUnit: true);
        var headB = await ReminderTestPlan.PersonAsync(app, Roles.Consulta, [plan.UnitB], headsUnit: true);
        var notHead = await ReminderTestPlan.PersonAsync(app, Roles.Consulta, [plan.UnitA]);
        var planner = await app.CreateUserAsync(Roles.Planificador);
        var other = await OtherInstitution.CreateAsync(app);
        var otherPlanner = await app.CreateUserAsync(Roles.Planificador, institutionId: other.InstitutionId);
        await ReminderTestPlan.ValueAsync(app, plan.IndicatorB, ValueStatus.Enviado);

        app.MoveTo(plan.Due.AddDays(2));
        await app.ScheduleAsync();
        Assert.Empty(await EscalationsToAsync(headA));
        Assert.DoesNotContain(await app.NoticesToAsync(planner), n => n.Body.Contains(plan.Code, StringComparison.Ordinal));

        app.MoveTo(plan.Due.AddDays(3));
        await app.ScheduleAsync();
        await app.ScheduleAsync();

        var toHead = Assert.Single(await EscalationsToAsync(headA));
        Assert.Equal((NoticeKind.PlazoEscalado, $"Reporte atrasado 3 días: {plan.AcronymA} · Anual 2025"), (toHead.Kind, toHead.Subject));
        Assert.Contains("IOEI.01.01", toHead.Body);
        Assert.Contains("IOEI.01.02", toHead.Body);
        var toOffice = Assert.Single(await app.NoticesToAsync(planner), n => n.Body.Contains(plan.Code, StringComparison.Ordinal));
        Assert.Equal((NoticeKind.PlazoEscalado, $"Unidades con reporte atrasado 3 días: Anual 2025 · {plan.Code}"), (toOffice.Kind, toOffice.Subject));
        Assert.Contains($"Unidad A", toOffice.Body);
        Assert.DoesNotContain($"({plan.AcronymB})", toOffice.Body);
        Assert.Empty(await EscalationsToAsync(headB));
        Assert.Empty(await EscalationsToAsync(notHead));
        Assert.DoesNotContain(await app.NoticesToAsync(otherPlanner), n => n.Body.Contains(plan.Code, StringComparison.Ordinal));
        Assert.DoesNotContain(await app.NoticesToAsync(registradorA), n => n.Kind == NoticeKind.PlazoEscalado);

        await app.DispatchAsync();
        Assert.Single(EscalationMailsTo(headA));
        Assert.Single(app.Smtp.To(planner), m => m.TextBody!.Contains(plan.Code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reminders_AppDownForDays_SendsOnlyTheLatestDueOneAndNoneOnceTheDeadlineIsLongPast()
    {
        await app.DrainOutboxAsync();
        var plan = await ReminderTestPlan.CreateAsync(app, FreshDeadline());
        var registrador = await ReminderTestPlan.PersonAsync(app, Roles.Registrador, [plan.UnitA]);

        // Down from before the 7-day reminder until the day before the deadline: the 1-day one goes, not both.
        app.MoveTo(plan.Due.AddDays(-1));
        await app.ScheduleAsync();
        Assert.Equal([$"Falta 1 día para reportar Anual 2025: {plan.AcronymA}"], await SubjectsToAsync(registrador));

        var late = await ReminderTestPlan.CreateAsync(app, app.Today().AddDays(-ReminderRules.MaxLateDays - 1));
        var lateRegistrador = await ReminderTestPlan.PersonAsync(app, Roles.Registrador, [late.UnitA]);
        await app.ScheduleAsync();
        Assert.Empty(await app.NoticesToAsync(lateRegistrador));
    }

    [Fact]
    public async Task Scheduler_RestartedAfterAPass_WritesAndSendsNothingTwice()
    {
        await app.DrainOutboxAsync();
        var plan = await ReminderTestPlan.CreateAsync(app, FreshDeadline());
        var registrador = await ReminderTestPlan.PersonAsync(app, Roles.Registrador, [plan.UnitA]);
        app.MoveTo(plan.Due.AddDays(-7));
        await app.ScheduleAsync();
        await app.DispatchAsync();

        // A new instance of the app (a restart) runs its first passes the same day.
        await using var restarted = app.Factory.WithWebHostBuilder(_ => { });
        await ReminderTestClock.ScheduleAsync(restarted.Services);
        await NoticeTestData.DispatchAsync(restarted.Services);
        app.MoveTo(plan.Due.AddDays(-6));
        await ReminderTestClock.ScheduleAsync(restarted.Services);
        await NoticeTestData.DispatchAsync(restarted.Services);

        Assert.Single(await app.NoticesToAsync(registrador));
        Assert.Single(app.Smtp.To(registrador));
    }

    [Fact]
    public async Task TwoInstances_SchedulersAndDispatchersOnOneDatabase_NeverSendTheSameNotice()
    {
        await app.DrainOutboxAsync();
        var plan = await ReminderTestPlan.CreateAsync(app, FreshDeadline());
        var people = new List<string>();
        for (var n = 0; n < 6; n++)
        {
            people.Add(await ReminderTestPlan.PersonAsync(app, Roles.Registrador, [plan.UnitA]));
            people.Add(await ReminderTestPlan.PersonAsync(app, Roles.Registrador, [plan.UnitB]));
        }

        await using var second = app.Factory.WithWebHostBuilder(_ => { });
        app.Smtp.Latency = TimeSpan.FromMilliseconds(10);
        try
        {
            foreach (var day in new[] { -7, -1, 0 })
            {
                app.MoveTo(plan.Due.AddDays(day));
                // Each instance's scheduler and dispatcher, with their own scopes, DbContexts and connections, at once.
                await Task.WhenAll(
                    Task.Run(() => ReminderTestClock.ScheduleAsync(app.Factory.Services)),
                    Task.Run(() => ReminderTestClock.ScheduleAsync(second.Services)),
                    Task.Run(() => NoticeTestData.DispatchAsync(app.Factory.Services)),
                    Task.Run(() => NoticeTestData.DispatchAsync(second.Services)));
                await Task.WhenAll(
                    Task.Run(() => NoticeTestData.DispatchAsync(app.Factory.Services)),
                    Task.Run(() => NoticeTestData.DispatchAsync(second.Services)));
            }
        }
        finally
        {
            app.Smtp.Latency = TimeSpan.Zero;
        }

        Assert.All(people, person =>
        {
            var subjects = app.Smtp.To(person).Select(m => m.Subject).ToList();
            Assert.Equal(3, subjects.Count);
            Assert.Equal(subjects.Distinct().Count(), subjects.Count);
        });
        Assert.All(people, person => Assert.Equal(3, app.NoticesToAsync(person).Result.Count(n => n.Status == NoticeStatus.Enviado)));
    }

    [Fact]
    public async Task Reminders_SmtpServerDown_WaitAndAreSentOnceWhenItReturns()
    {
        await app.DrainOutboxAsync();
        var plan = await ReminderTestPlan.CreateAsync(app, FreshDeadline());
        var registrador = await ReminderTestPlan.PersonAsync(app, Roles.Registrador, [plan.UnitA]);
        var head = await ReminderTestPlan.PersonAsync(app, Roles.Consulta, [plan.UnitA], headsUnit: true);

        await app.Smtp.StopAsync();
        try
        {
            app.MoveTo(plan.Due.AddDays(-7));
            await app.ScheduleAsync();
            await app.DispatchAsync();
            app.MoveTo(plan.Due.AddDays(3));
            await app.ScheduleAsync();
            await app.DispatchAsync();
            Assert.All((await app.NoticesToAsync(registrador)).Concat(await app.NoticesToAsync(head)), n => Assert.Equal(NoticeStatus.Pendiente, n.Status));
        }
        finally
        {
            await app.Smtp.StartAsync();
        }

        await app.DrainOutboxAsync();
        await app.ScheduleAsync();
        await app.DrainOutboxAsync();

        Assert.Equal(2, app.Smtp.To(registrador).Count());
        Assert.Single(EscalationMailsTo(head));
        Assert.All((await app.NoticesToAsync(registrador)).Concat(await app.NoticesToAsync(head)), n => Assert.Equal(NoticeStatus.Enviado, n.Status));
    }

    [Fact]
    public async Task Commitments_DueAndOverdue_GoToTheUnitAndThePlanningOfficeUntilFulfilled()
    {
        await app.DrainOutboxAsync();
        var plan = await ReminderTestPlan.CreateAsync(app, FreshDeadline());
        var registrador = await ReminderTestPlan.PersonAsync(app, Roles.Registrador, [plan.UnitA]);
        var registradorB = await ReminderTestPlan.PersonAsync(app, Roles.Registrador, [plan.UnitB]);
        var planner = await app.CreateUserAsync(Roles.Planificador);
        var commitmentId = await app.QueryAsync(async db =>
        {
            var commitment = new Commitment
            {
                PlanId = plan.PlanId, Year = 2025, Period = PeriodKind.Anual, UnitId = plan.UnitA, IndicatorId = plan.IndicatorsA[0],
                Recommendation = "Mejorar el registro", Action = "Publicar el registro mensual", Deadline = plan.Due.AddDays(5),
                CreatedBy = "prueba", CreatedAt = app.Clock.GetUtcNow(),
            };
            db.Commitments.Add(commitment);
            await db.SaveChangesAsync();
            return commitment.Id;
        });

        app.MoveTo(plan.Due.AddDays(-2));
        await app.ScheduleAsync();
        app.MoveTo(plan.Due.AddDays(6));
        await app.ScheduleAsync();
        await app.QueryAsync(db => db.Commitments.Where(c => c.Id == commitmentId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CommitmentStatus.Cumplido)));
        app.MoveTo(plan.Due.AddDays(7));
        await app.ScheduleAsync();

        var toUnit = (await app.NoticesToAsync(registrador)).Where(n => n.Kind is NoticeKind.CompromisoPorVencer or NoticeKind.CompromisoVencido).ToList();
        Assert.Equal([NoticeKind.CompromisoPorVencer, NoticeKind.CompromisoVencido], toUnit.Select(n => n.Kind));
        Assert.StartsWith("Compromiso por vencer en 7 días: Unidad A", toUnit[0].Subject);
        Assert.StartsWith("Compromiso vencido: Unidad A", toUnit[1].Subject);
        Assert.Contains("Publicar el registro mensual", toUnit[1].Body);
        Assert.Contains("IOEI.01.01 «Indicador 1 de", toUnit[1].Body);
        Assert.Contains($"{MailFixture.PublicUrl}Reportes/Informe?plan={plan.Code}&anio=2025&periodo=A#compromisos", toUnit[1].Body);
        Assert.Equal(2, (await app.NoticesToAsync(planner)).Count(n => n.Body.Contains("Publicar el registro mensual", StringComparison.Ordinal)));
        Assert.DoesNotContain(await app.NoticesToAsync(registradorB), n => n.Kind is NoticeKind.CompromisoPorVencer or NoticeKind.CompromisoVencido);
    }

    [Fact]
    public async Task WeeklyDigest_Monday_ListsTheIndicatorsAtRiskTheDashboardShowsAndTheLateUnits()
    {
        await app.DrainOutboxAsync();
        var plan = await ReminderTestPlan.CreateAsync(app, app.Today().AddDays(-1), PlanStatus.Vigente);
        // Far behind its target (at risk by the projection), on target (met), and unit B's never sent (late).
        await ReminderTestPlan.ValueAsync(app, plan.IndicatorsA[0], ValueStatus.Validado, 11m);
        await ReminderTestPlan.ValueAsync(app, plan.IndicatorsA[1], ValueStatus.Validado, 100m);
        var director = await app.CreateUserAsync(Roles.Consulta);
        var head = await ReminderTestPlan.PersonAsync(app, Roles.Registrador, [plan.UnitB], headsUnit: true);
        var registrador = await ReminderTestPlan.PersonAsync(app, Roles.Registrador, [plan.UnitA]);
        var other = await OtherInstitution.CreateAsync(app);
        var otherDirector = await app.CreateUserAsync(Roles.Consulta, institutionId: other.InstitutionId);
        var monday = ReminderScheduler.WeekStart(app.Today()).AddDays(7);

        var week = $"Semana del {monday:dd/MM/yyyy}.";
        Task<List<OutboxNotice>> WeeklyToAsync(string email) =>
            app.NoticesToAsync(email).ContinueWith(t => t.Result.Where(n => n.Kind == NoticeKind.ResumenSemanal && n.Body.Contains(week, StringComparison.Ordinal)).ToList(), TaskScheduler.Default);

        // Before 08:00 on Monday it is still last week's (a person new since then gets that one).
        app.MoveTo(monday, hour: 7);
        await app.ScheduleAsync();
        Assert.Empty(await WeeklyToAsync(director));
        app.MoveTo(monday);
        await app.ScheduleAsync();
        app.MoveTo(monday.AddDays(2));
        await app.ScheduleAsync();

        var digest = Assert.Single(await WeeklyToAsync(director));
        Assert.Single(await WeeklyToAsync(head));
        Assert.DoesNotContain(await app.NoticesToAsync(registrador), n => n.Kind == NoticeKind.ResumenSemanal);
        Assert.DoesNotContain(await app.NoticesToAsync(otherDirector), n => n.Body.Contains(plan.Code, StringComparison.Ordinal));
        var section = digest.Body[digest.Body.IndexOf($"Plan {plan.Code}", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("Tablero: ", StringComparison.Ordinal)];

        var dashboard = await (await app.LoginAsync()).GetDocumentAsync($"/Tablero?plan={plan.Code}");
        var shownAtRisk = dashboard.QuerySelectorAll("#riesgo ~ ul li .code").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["IOEI.01.01"], shownAtRisk);
        var listed = Regex.Matches(section, @"- (IOEI\.\d\d\.\d\d) «").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(shownAtRisk, listed);
        Assert.Contains("IOEI.01.01 «Indicador 1 de", section);
        Assert.Contains("semáforo Rojo; proyección En riesgo", section);
        Assert.Contains($"Unidades con reporte atrasado:\n- Unidad B", section);
        Assert.DoesNotContain($"({plan.AcronymA})", section);

        await app.DispatchAsync();
        Assert.Single(app.Smtp.To(director), m => m.Subject!.StartsWith("Resumen semanal: ", StringComparison.Ordinal) && m.TextBody!.Contains(week, StringComparison.Ordinal));
    }
}
