using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Notices;

/// <summary>
/// Writes the notices nobody's change causes (ADR 0021): deadline reminders and escalations, commitments due and
/// overdue, Monday's digest for directors and each person's daily digest. A pass runs in one transaction under a
/// PostgreSQL advisory lock, so two instances never run one at the same time; each notice's event id is derived
/// from what it is about (plan, period, step, unit, or commitment, week, day), so a pass after a restart, or on
/// another instance, finds it written and writes nothing (the unique (event_id, recipient) index holds it too).
/// The dispatcher sends what it writes like any other notice.
/// </summary>
public sealed class ReminderScheduler(
    AppDbContext db,
    PlanProgressService progress,
    NoticeRecipients people,
    MailSettings settings,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<ReminderScheduler> logger)
{
    /// <summary>The advisory lock every instance's pass takes ("PEIREM").</summary>
    public const long LockKey = 0x5045_4952_454D;

    /// <summary>Lima's hour from which a day's reminders and digests go out (PEI_REMINDER_HOUR, default 8).</summary>
    private int Hour => Math.Clamp(configuration.GetValue("PEI_REMINDER_HOUR", 8), 0, 23);

    /// <summary>The hour of the daily digest (PEI_DIGEST_HOUR, default 7): it gathers what waited until then.</summary>
    private int DigestHour => Math.Clamp(configuration.GetValue("PEI_DIGEST_HOUR", 7), 0, 23);

    /// <summary>The reminders' day: Lima's date, which starts at <see cref="Hour"/> (before it, yesterday's reminders are the due ones).</summary>
    public static DateOnly DayOf(DateTimeOffset now, int hour) => DateOnly.FromDateTime(PeruTime.ToLima(now).AddHours(-hour).DateTime);

    /// <summary>Runs one pass; returns how many notices it wrote (0 when another instance holds the lock).</summary>
    public Task<int> RunAsync(CancellationToken cancellationToken = default) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var locked = (await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").ToListAsync(cancellationToken)).Single();
            if (!locked)
            {
                return 0;
            }

            var now = clock.GetUtcNow();
            var today = DayOf(now, Hour);
            var notices = new List<OutboxNotice>();
            await DeadlinesAsync(today, now, notices, cancellationToken);
            await CommitmentsAsync(today, now, notices, cancellationToken);
            await WeeklyAsync(today, now, notices, cancellationToken);
            var written = await WriteNewAsync(notices, cancellationToken);
            written += await DailyDigestsAsync(now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (written > 0)
            {
                logger.LogInformation("Scheduled notices written: {Count}.", written);
            }

            return written;
        });

    /// <summary>An event id from what the notice is about: the same facts give the same id in every instance and every run.</summary>
    public static Guid EventId(params object[] parts)
    {
        var text = string.Join('|', parts.Select(p => Convert.ToString(p, System.Globalization.CultureInfo.InvariantCulture)));
        return new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }

    private async Task<int> WriteNewAsync(List<OutboxNotice> notices, CancellationToken cancellationToken)
    {
        var eventIds = notices.Select(n => n.EventId).Distinct().ToList();
        var existing = (await db.OutboxNotices.IgnoreQueryFilters().AsNoTracking().Where(n => eventIds.Contains(n.EventId))
                .Select(n => new { n.EventId, n.Recipient }).ToListAsync(cancellationToken))
            .Select(n => (n.EventId, n.Recipient)).ToHashSet();
        var fresh = notices.Where(n => !existing.Contains((n.EventId, n.Recipient))).DistinctBy(n => (n.EventId, n.Recipient)).ToList();
        db.OutboxNotices.AddRange(fresh);
        await db.SaveChangesAsync(cancellationToken);
        return fresh.Count;
    }

    private static OutboxNotice Notice(NoticeKind kind, Guid eventId, NoticeRecipient to, (string Subject, string Body) text, Uri link, DateTimeOffset now, int? indicatorId = null) => new()
    {
        EventId = eventId,
        Kind = kind,
        Recipient = to.Email,
        RecipientUserId = to.UserId,
        RecipientName = to.Name,
        Subject = text.Subject.Length > 300 ? text.Subject[..300] : text.Subject,
        Body = text.Body,
        Link = link.ToString(),
        IndicatorId = indicatorId,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    private sealed record PlanRow(int Id, int InstitutionId, string Code, string Name, long DataVersion, bool OnlyValidated, PlanStatus Status, List<int> DaysBefore, int EscalationDays);

    private Task<List<PlanRow>> PlansAsync(IQueryable<Domain.Plan> plans, CancellationToken cancellationToken) =>
        plans.AsNoTracking().Where(p => p.Status != PlanStatus.Cerrado)
            .Select(p => new PlanRow(p.Id, p.InstitutionId, p.Code, p.Name, p.DataVersion, p.Settings.OnlyValidated, p.Status, p.ReminderDaysBefore, p.EscalationDaysLate))
            .ToListAsync(cancellationToken);

    private Task<PlanProgressView> ViewAsync(PlanRow plan, CancellationToken cancellationToken) =>
        progress.LoadAsync(new PlanStamp(plan.Id, plan.Code, plan.DataVersion, plan.OnlyValidated), !plan.OnlyValidated, cancellationToken);

    /// <summary>
    /// The units that have not sent every value the period expects of them (an indicator with a logro esperado for
    /// the period and no value sent or validated), with what each owes.
    /// </summary>
    public static IReadOnlyList<LateUnit> LateUnits(PlanProgressView view, ReportPeriod period) =>
        view.AllIndicators
            .Where(i => view.Of(i).For(period.Year, period.Kind).HasExpectation)
            .Where(i => !i.Values.Any(v => v.Year == period.Year && v.Period == period.Kind && v.Status is ValueStatus.Enviado or ValueStatus.Validado))
            .SelectMany(i => i.Units.Select(u => (Unit: u, Indicator: i)))
            .GroupBy(x => x.Unit.Id)
            .Select(g => new LateUnit(g.Key, g.First().Unit.Acronym, g.First().Unit.Name, g.Select(x => new OwedIndicator(x.Indicator.PublishedCode, x.Indicator.Name)).ToList()))
            .OrderBy(u => u.Acronym, StringComparer.Ordinal)
            .ToList();

    private async Task<HashSet<(int PlanId, int Year, PeriodKind Period)>> ClosedAsync(IReadOnlyCollection<int> planIds, CancellationToken cancellationToken) =>
        (await db.PeriodClosures.AsNoTracking().Where(c => planIds.Contains(c.PlanId) && c.ReopenedAt == null)
            .Select(c => new { c.PlanId, c.Year, c.Period }).ToListAsync(cancellationToken))
        .Select(c => (c.PlanId, c.Year, c.Period)).ToHashSet();

    private async Task DeadlinesAsync(DateOnly today, DateTimeOffset now, List<OutboxNotice> notices, CancellationToken cancellationToken)
    {
        var since = today.AddDays(-ReminderRules.MaxLateDays);
        var until = today.AddDays(ReminderRules.MaxDaysBefore);
        var deadlines = await db.PeriodDeadlines.AsNoTracking().Where(d => d.DueDate >= since && d.DueDate <= until).ToListAsync(cancellationToken);
        var planIds = deadlines.Select(d => d.PlanId).Distinct().ToList();
        var plans = await PlansAsync(db.Plans.Where(p => planIds.Contains(p.Id)), cancellationToken);
        var closed = await ClosedAsync(planIds, cancellationToken);
        foreach (var plan in plans)
        {
            var view = await ViewAsync(plan, cancellationToken);
            foreach (var deadline in deadlines.Where(d => d.PlanId == plan.Id && !closed.Contains((d.PlanId, d.Year, d.Period))))
            {
                var period = new ReportPeriod(deadline.Year, deadline.Period);
                var step = ReminderRules.CurrentStep(deadline.DueDate, plan.DaysBefore, today);
                var escalation = ReminderRules.Escalation(deadline.DueDate, plan.EscalationDays, today);
                if (step is null && escalation is null)
                {
                    continue;
                }

                var late = LateUnits(view, period);
                var periodLabel = NoticeTemplates.PeriodLabel(period.Year, period.Kind);
                var entry = new Uri(settings.BaseUrl, $"Registro?plan={Uri.EscapeDataString(plan.Code)}&anio={period.Year}&periodo={period.QueryValue}");
                foreach (var unit in late)
                {
                    if (step is not null)
                    {
                        var kind = step.Stage == ReminderStage.Vencido ? NoticeKind.PlazoVencido : NoticeKind.PlazoProximo;
                        var eventId = EventId("plazo", plan.Id, period.Year, period.Kind, step.Key, unit.UnitId);
                        notices.AddRange((await people.RegistradoresAsync([unit.UnitId], cancellationToken)).Select(to =>
                            Notice(kind, eventId, to, ReminderTemplates.Deadline(step, plan.Code, periodLabel, deadline.DueDate, unit, to.Name, entry), entry, now)));
                    }

                    if (escalation is not null)
                    {
                        var board = new Uri(settings.BaseUrl, $"Tablero/Unidades/{unit.UnitId}?plan={Uri.EscapeDataString(plan.Code)}&anio={period.Year}&periodo={period.QueryValue}");
                        var eventId = EventId("escalado", plan.Id, period.Year, period.Kind, escalation.Key, unit.UnitId);
                        notices.AddRange((await people.HeadsAsync([unit.UnitId], cancellationToken)).Select(to =>
                            Notice(NoticeKind.PlazoEscalado, eventId, to, ReminderTemplates.EscalationToHead(-escalation.DaysBefore, plan.Code, periodLabel, deadline.DueDate, unit, to.Name, board), board, now)));
                    }
                }

                if (escalation is not null && late.Count > 0)
                {
                    var periods = new Uri(settings.BaseUrl, "Registro/Periodos");
                    var eventId = EventId("escalado-oficina", plan.Id, period.Year, period.Kind, escalation.Key);
                    notices.AddRange((await people.PlanningOfficeAsync(plan.InstitutionId, cancellationToken)).Select(to =>
                        Notice(NoticeKind.PlazoEscalado, eventId, to, ReminderTemplates.EscalationToOffice(-escalation.DaysBefore, plan.Code, periodLabel, deadline.DueDate, late, to.Name, periods), periods, now)));
                }
            }
        }
    }

    private async Task CommitmentsAsync(DateOnly today, DateTimeOffset now, List<OutboxNotice> notices, CancellationToken cancellationToken)
    {
        var since = today.AddDays(-ReminderRules.MaxLateDays);
        var until = today.AddDays(ReminderRules.MaxDaysBefore);
        var commitments = await db.Commitments.AsNoTracking().Include(c => c.Unit)
            .Where(c => c.Status != CommitmentStatus.Cumplido && c.Deadline >= since && c.Deadline <= until)
            .ToListAsync(cancellationToken);
        var planIds = commitments.Select(c => c.PlanId).Distinct().ToList();
        var plans = (await PlansAsync(db.Plans.Where(p => planIds.Contains(p.Id)), cancellationToken)).ToDictionary(p => p.Id);
        var indicatorIds = commitments.Where(c => c.IndicatorId != null).Select(c => c.IndicatorId!.Value).ToList();
        var indicators = await db.Indicators.AsNoTracking().Where(i => indicatorIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => $"{i.PublishedCode} «{i.Name}»", cancellationToken);
        var actionIds = commitments.Where(c => c.ActionId != null).Select(c => c.ActionId!.Value).ToList();
        var actions = await db.Actions.AsNoTracking().Where(a => actionIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => $"{a.Code} «{a.Statement}»", cancellationToken);
        foreach (var commitment in commitments)
        {
            if (!plans.TryGetValue(commitment.PlanId, out var plan) || ReminderRules.CurrentStep(commitment.Deadline, plan.DaysBefore, today) is not { } step)
            {
                continue;
            }

            var kind = step.Stage == ReminderStage.Vencido ? NoticeKind.CompromisoVencido : NoticeKind.CompromisoPorVencer;
            var about = commitment.IndicatorId is { } i ? indicators.GetValueOrDefault(i) : commitment.ActionId is { } a ? actions.GetValueOrDefault(a) : null;
            var informePeriod = NoticeTemplates.PeriodLabel(commitment.Year, commitment.Period);
            var link = new Uri(settings.BaseUrl, $"Reportes/Informe?plan={Uri.EscapeDataString(plan.Code)}&anio={commitment.Year}&periodo={PeriodText.ShortForm(commitment.Period)}#compromisos");
            var unit = commitment.Unit is { } u ? $"{u.Name} ({u.Acronym})" : "la unidad responsable";
            var eventId = EventId("compromiso", commitment.Id, step.Key);
            var unitPeople = (await people.RegistradoresAsync([commitment.UnitId], cancellationToken)).Concat(await people.HeadsAsync([commitment.UnitId], cancellationToken));
            notices.AddRange(unitPeople.Select(to =>
                Notice(kind, eventId, to, ReminderTemplates.Commitment(step, plan.Code, informePeriod, unit, about, commitment.Action, commitment.Deadline, to.Name, link, planningOffice: false), link, now, commitment.IndicatorId)));
            notices.AddRange((await people.PlanningOfficeAsync(plan.InstitutionId, cancellationToken)).Select(to =>
                Notice(kind, eventId, to, ReminderTemplates.Commitment(step, plan.Code, informePeriod, unit, about, commitment.Action, commitment.Deadline, to.Name, link, planningOffice: true), link, now, commitment.IndicatorId)));
        }
    }

    /// <summary>Monday of the week <paramref name="day"/> is in.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>
    /// The week's digest, from Monday at the reminders' hour until Sunday: a week the app was down entirely has none
    /// (last week's figures are stale; this week's digest says where things stand now).
    /// </summary>
    private async Task WeeklyAsync(DateOnly today, DateTimeOffset now, List<OutboxNotice> notices, CancellationToken cancellationToken)
    {
        var week = WeekStart(today);
        var plans = await PlansAsync(db.Plans.Where(p => p.Status == PlanStatus.Vigente), cancellationToken);
        var deadlines = await db.PeriodDeadlines.AsNoTracking().Where(d => d.DueDate < today).ToListAsync(cancellationToken);
        var closed = await ClosedAsync(plans.Select(p => p.Id).ToList(), cancellationToken);
        var limaToday = DateOnly.FromDateTime(PeruTime.ToLima(now).DateTime);
        foreach (var institution in plans.GroupBy(p => p.InstitutionId))
        {
            var directors = await people.DirectorsAsync(institution.Key, cancellationToken);
            if (directors.Count == 0)
            {
                continue;
            }

            var sections = new List<WeeklyPlan>();
            foreach (var plan in institution.OrderBy(p => p.Code, StringComparer.Ordinal))
            {
                var view = await ViewAsync(plan, cancellationToken);
                var period = Pages.Tablero.IndexModel.DefaultPeriod(view, limaToday);
                var atRisk = Pages.Tablero.IndexModel.AtRiskOf(Pages.Tablero.IndexModel.RowsOf(view, period))
                    .Select(r => new WeeklyRisk(r.Indicator.PublishedCode, r.Indicator.Name, ProgressFormat.Label(r.Progress), ProgressFormat.Label(r.Projection.Class)))
                    .ToList();
                var late = deadlines.Where(d => d.PlanId == plan.Id && !closed.Contains((d.PlanId, d.Year, d.Period)))
                    .OrderBy(d => d.DueDate)
                    .SelectMany(d => LateUnits(view, new ReportPeriod(d.Year, d.Period)).Select(u => (NoticeTemplates.PeriodLabel(d.Year, d.Period), d.DueDate, u)))
                    .ToList();
                var query = $"Tablero?plan={Uri.EscapeDataString(plan.Code)}&anio={period.Year}&periodo={period.QueryValue}";
                sections.Add(new WeeklyPlan(plan.Code, plan.Name, period.Label, atRisk, late, new Uri(settings.BaseUrl, query)));
            }

            var link = new Uri(settings.BaseUrl, "Tablero");
            var eventId = EventId("semanal", institution.Key, week.DayNumber);
            notices.AddRange(directors.Select(to => Notice(NoticeKind.ResumenSemanal, eventId, to, ReminderTemplates.Weekly(week, sections, to.Name, link), link, now)));
        }
    }

    /// <summary>
    /// Each person's digest of the notices waiting for it (the dispatcher set them aside by the person's
    /// preference), once a day from <see cref="DigestHour"/>: everything that waited until then, in one e-mail.
    /// A notice set aside after a day's digest was written waits for the next one.
    /// </summary>
    private async Task<int> DailyDigestsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = DayOf(now, DigestHour);
        var cutoff = PeruTime.StartOf(day).AddHours(DigestHour);
        var waiting = await db.OutboxNotices.IgnoreQueryFilters()
            .Where(n => n.Status == NoticeStatus.EnResumen && n.RecipientUserId != null && n.CreatedAt < cutoff)
            .OrderBy(n => n.Id)
            .ToListAsync(cancellationToken);
        var link = new Uri(settings.BaseUrl, "Avisos");
        var written = 0;
        foreach (var group in waiting.GroupBy(n => n.RecipientUserId!))
        {
            var eventId = EventId("diario", group.Key, day.DayNumber);
            if (await db.OutboxNotices.IgnoreQueryFilters().AnyAsync(n => n.EventId == eventId, cancellationToken))
            {
                continue;
            }

            var first = group.First();
            var digest = Notice(NoticeKind.ResumenDiario, eventId, new NoticeRecipient(group.Key, first.Recipient, first.RecipientName),
                ReminderTemplates.Daily(day, group.ToList(), first.RecipientName, link), link, now);
            db.OutboxNotices.Add(digest);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var notice in group)
            {
                notice.Status = NoticeStatus.Resumido;
                notice.DigestId = digest.Id;
                notice.SentAt = now;
            }

            await db.SaveChangesAsync(cancellationToken);
            written++;
        }

        return written;
    }
}
