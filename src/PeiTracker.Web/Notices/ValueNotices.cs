using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Notices;

/// <summary>
/// Who hears of a value's step in the review workflow, and what they read: a value sent goes to the planning
/// office (every active Planificador of the plan's institution); observed and
/// validated go to the active Registradores of the indicator's responsible units. The notices are handed to the
/// <see cref="Writes.AuditedWriter"/>, which saves them with the change.
/// </summary>
public sealed class ValueNotices(AppDbContext db, NoticeRecipients people, MailSettings settings, TimeProvider clock)
{
    public async Task<IReadOnlyList<OutboxNotice>> ForAsync(NoticeKind kind, IndicatorValue value, Indicator indicator, string actor, string? reason, CancellationToken cancellationToken = default)
    {
        var unitIds = indicator.ResponsibleUnits.Select(u => u.UnitId).ToList();
        var plan = indicator.Plan ?? await db.Plans.AsNoTracking().SingleAsync(p => p.Id == indicator.PlanId, cancellationToken);
        var recipients = kind == NoticeKind.ValorEnviado ? await people.PlanningOfficeAsync(plan.InstitutionId, cancellationToken) : await people.RegistradoresAsync(unitIds, cancellationToken);
        if (recipients.Count == 0)
        {
            return [];
        }

        var units = await db.OrganizationalUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).OrderBy(u => u.Acronym).Select(u => u.Acronym).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var facts = new ValueFacts(plan.Code, indicator.PublishedCode, indicator.Name, NoticeTemplates.PeriodLabel(value.Year, value.Period),
            NoticeTemplates.ValueNumber(value, indicator), units.Count == 0 ? "responsable" : string.Join(", ", units), actor, now, reason);
        var link = kind == NoticeKind.ValorEnviado
            ? new Uri(settings.BaseUrl, $"Registro/Revision?plan={Uri.EscapeDataString(plan.Code)}")
            : new Uri(settings.BaseUrl, $"Registro/Valor/{indicator.Id}?anio={value.Year}&periodo={PeriodText.ShortForm(value.Period)}");
        var eventId = Guid.NewGuid();
        return recipients.Select(r =>
        {
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
