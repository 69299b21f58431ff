using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Notices;

/// <summary>
/// Who hears of a value's step in the review workflow, and what they read: a value sent goes to the planning
/// office (every active Planificador of the plan's institution); observed and
/// validated go to the active Registradores of the indicator's responsible units. A message of the value's
/// conversation goes to the other side, a mention to the person named, a resolution to the unit (ADR 0022). The
/// notices are handed to the <see cref="Writes.AuditedWriter"/>, which saves them with the change.
/// </summary>
public sealed class ValueNotices(AppDbContext db, NoticeRecipients people, MailSettings settings, TimeProvider clock)
{
    public async Task<IReadOnlyList<OutboxNotice>> ForAsync(NoticeKind kind, IndicatorValue value, Indicator indicator, string actor, string? reason, CancellationToken cancellationToken = default)
    {
        var plan = indicator.Plan ?? await db.Plans.AsNoTracking().SingleAsync(p => p.Id == indicator.PlanId, cancellationToken);
        var recipients = kind == NoticeKind.ValorEnviado ? await people.PlanningOfficeAsync(plan.InstitutionId, cancellationToken) : await RegistradoresAsync(indicator, cancellationToken);
        return await BuildAsync(kind, value, indicator, actor, reason, recipients, cancellationToken);
    }

    /// <summary>Notices of a conversation's message to the given people (the author is never among them).</summary>
    public Task<IReadOnlyList<OutboxNotice>> ForThreadAsync(NoticeKind kind, IndicatorValue value, Indicator indicator, string actor, string text, IEnumerable<NoticeRecipient> recipients, CancellationToken cancellationToken = default) =>
        BuildAsync(kind, value, indicator, actor, text, recipients.Where(r => r.Email != actor).DistinctBy(r => r.Email).ToList(), cancellationToken);

    /// <summary>The planning office of the indicator's institution: its active Planificadores.</summary>
    public async Task<List<NoticeRecipient>> PlanningOfficeAsync(Indicator indicator, CancellationToken cancellationToken = default)
    {
        var plan = indicator.Plan ?? await db.Plans.AsNoTracking().SingleAsync(p => p.Id == indicator.PlanId, cancellationToken);
        return await people.PlanningOfficeAsync(plan.InstitutionId, cancellationToken);
    }

    /// <summary>The active Registradores of the indicator's responsible units.</summary>
    public Task<List<NoticeRecipient>> RegistradoresAsync(Indicator indicator, CancellationToken cancellationToken = default) =>
        people.RegistradoresAsync([.. indicator.ResponsibleUnits.Select(u => u.UnitId)], cancellationToken);

    private async Task<IReadOnlyList<OutboxNotice>> BuildAsync(NoticeKind kind, IndicatorValue value, Indicator indicator, string actor, string? reason, IReadOnlyList<NoticeRecipient> recipients, CancellationToken cancellationToken)
    {
        if (recipients.Count == 0)
        {
            return [];
        }

        var unitIds = indicator.ResponsibleUnits.Select(u => u.UnitId).ToList();
        var plan = indicator.Plan ?? await db.Plans.AsNoTracking().SingleAsync(p => p.Id == indicator.PlanId, cancellationToken);
        var units = await db.OrganizationalUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).OrderBy(u => u.Acronym).Select(u => u.Acronym).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var facts = new ValueFacts(plan.Code, indicator.PublishedCode, indicator.Name, NoticeTemplates.PeriodLabel(value.Year, value.Period),
            NoticeTemplates.ValueNumber(value, indicator), units.Count == 0 ? "responsable" : string.Join(", ", units), actor, now, reason);
        var thread = kind is NoticeKind.ConversacionRespuesta or NoticeKind.ConversacionMencion or NoticeKind.ConversacionResuelta ? "#conversacion" : "";
        var valueForm = new Uri(settings.BaseUrl, $"Registro/Valor/{indicator.Id}?anio={value.Year}&periodo={PeriodText.ShortForm(value.Period)}{thread}");
        var indicatorPage = new Uri(settings.BaseUrl, $"Plan/Indicador/{indicator.Id}#conversaciones");
        var reviewQueue = new Uri(settings.BaseUrl, $"Registro/Revision?plan={Uri.EscapeDataString(plan.Code)}");
        var eventId = Guid.NewGuid();
        return recipients.Select(r =>
        {
            var link = kind == NoticeKind.ValorEnviado ? reviewQueue : r.OnIndicatorPage ? indicatorPage : valueForm;
            var (subject, body) = NoticeTemplates.Render(kind, facts, r.Name, link);
            return new OutboxNotice
            {
                EventId = eventId,
                Kind = kind,
                Recipient = r.Email,
                RecipientUserId = r.UserId,
                RecipientName = r.Name,
                Link = link.ToString(),
                Subject = subject,
                Body = body,
                IndicatorId = indicator.Id,
                CreatedAt = now,
                NextAttemptAt = now,
            };
        }).ToList();
    }
}
