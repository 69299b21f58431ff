using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Editing;
using PeiTracker.Web.Data;
using PeiTracker.Web.Notices;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Entry;

/// <summary>A conversation as the pages show it, oldest message first.</summary>
public sealed record ThreadView(int Id, int IndicatorId, int Year, PeriodKind Period, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy, uint Version, IReadOnlyList<MessageView> Messages)
{
    public bool IsOpen => ResolvedAt is null;

    public string PeriodLabel => $"{Labels.Of(Period)} {Year}";
}

public sealed record MessageView(long Id, ThreadMessageKind Kind, ThreadSide Side, string Author, string AuthorName, string Text, DateTimeOffset At, IReadOnlyList<AttachedFile> Files);

public sealed record AttachedFile(int Id, string FileName);

/// <summary>An account that may be named in a conversation: it can read it.</summary>
public sealed record Mentionable(string UserId, string Email, string Name, bool OnIndicatorPage);

/// <summary>
/// The conversations on a value (ADR 0022): who reads and writes them, replies with files and @mentions, and the
/// planning office's resolution; every message is saved through the <see cref="AuditedWriter"/> with its audit row and
/// its notices. Observations and validations reach the conversation through <see cref="ValueEntryService.ReviewAsync"/>.
/// </summary>
public sealed partial class ValueConversations(AppDbContext db, ValueEntryService entry, AuditedWriter writer, ValueNotices notices, TimeProvider clock)
{
    public const string FilesField = "Adjuntos";
    public const string MentionsField = "Mencionar";
    public const string NoOpenThread = "Este valor no tiene una conversación abierta: se abre cuando la OGPP observa el valor.";
    public const string ConflictMessage = "Alguien escribió en la conversación mientras usted redactaba: lea el mensaje nuevo y vuelva a enviar el suyo. No se guardó nada.";

    /// <summary>
    /// The unit's people (Registradores of a responsible unit) and the planning office (Planificador, Administrador)
    /// write; a Consulta of the same institution reads, as it reads every value of the plan. Other units' Registradores
    /// and the readers of other institutions (Sectorista, Ceplan) do not see conversations.
    /// </summary>
    public async Task<bool> CanReadAsync(ClaimsPrincipal user, Indicator indicator, CancellationToken cancellationToken = default)
    {
        if (await entry.CanEditAsync(user, indicator, cancellationToken))
        {
            return true;
        }

        return user.IsInRole(Roles.Consulta) && await OwnInstitutionAsync(user, indicator, cancellationToken);
    }

    /// <summary>The same rule for an indicator known by its responsible units and its plan's institution (the indicator page's cached sheet).</summary>
    public async Task<bool> CanReadAsync(ClaimsPrincipal user, IReadOnlyCollection<int> responsibleUnitIds, int planInstitutionId, CancellationToken cancellationToken = default) =>
        await entry.CanEditAsync(user, responsibleUnitIds, cancellationToken)
        || user.IsInRole(Roles.Consulta) && await OfInstitutionAsync(user, planInstitutionId, cancellationToken);

    /// <summary>Planning office roles read only their own institution's conversations, even when their scope reaches further.</summary>
    public async Task<bool> CanWriteAsync(ClaimsPrincipal user, Indicator indicator, CancellationToken cancellationToken = default) =>
        await entry.CanEditAsync(user, indicator, cancellationToken) && await OwnInstitutionAsync(user, indicator, cancellationToken);

    private async Task<bool> OwnInstitutionAsync(ClaimsPrincipal user, Indicator indicator, CancellationToken cancellationToken)
    {
        var planInstitution = indicator.Plan?.InstitutionId ?? await db.Plans.Where(p => p.Id == indicator.PlanId).Select(p => p.InstitutionId).SingleAsync(cancellationToken);
        return await OfInstitutionAsync(user, planInstitution, cancellationToken);
    }

    private Task<bool> OfInstitutionAsync(ClaimsPrincipal user, int institutionId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().AnyAsync(u => u.UserName == user.Identity!.Name && u.InstitutionId == institutionId, cancellationToken);

    public static bool IsPlanningOffice(ClaimsPrincipal user) => user.IsInRole(Roles.Administrador) || user.IsInRole(Roles.Planificador);

    /// <summary>The conversations of an indicator's values (of one period when given), oldest first.</summary>
    public async Task<IReadOnlyList<ThreadView>> ThreadsAsync(int indicatorId, int? year = null, PeriodKind? period = null, CancellationToken cancellationToken = default) =>
        await ThreadsQuery(db.ValueThreads.Where(t => t.Value!.IndicatorId == indicatorId && (year == null || t.Value.Year == year) && (period == null || t.Value.Period == period)))
            .ToListAsync(cancellationToken);

    public static IQueryable<ThreadView> ThreadsQuery(IQueryable<ValueThread> threads) =>
        threads.AsNoTracking().OrderBy(t => t.Value!.Year).ThenBy(t => t.Value!.Period).ThenBy(t => t.Id)
            .Select(t => new ThreadView(t.Id, t.Value!.IndicatorId, t.Value.Year, t.Value.Period, t.OpenedAt, t.ResolvedAt, t.ResolvedBy, t.Version,
                t.Messages.OrderBy(m => m.Id).Select(m => new MessageView(m.Id, m.Kind, m.Side, m.Author, m.AuthorName, m.Text, m.At,
                    m.Evidence.OrderBy(e => e.Id).Select(e => new AttachedFile(e.Id, e.FileName)).ToList())).ToList()));

    /// <summary>
    /// The accounts a message may name: active accounts of the indicator's institution that can read the conversation
    /// (its planning office and Consulta, and the Registradores of its responsible units).
    /// </summary>
    public async Task<IReadOnlyList<Mentionable>> MentionablesAsync(Indicator indicator, CancellationToken cancellationToken = default)
    {
        var planInstitution = indicator.Plan?.InstitutionId ?? await db.Plans.Where(p => p.Id == indicator.PlanId).Select(p => p.InstitutionId).SingleAsync(cancellationToken);
        var unitIds = indicator.ResponsibleUnits.Select(u => u.UnitId).ToList();
        string[] office = [Roles.Administrador, Roles.Planificador];
        var rows = await (from user in db.Users.AsNoTracking()
                          join userRole in db.UserRoles on user.Id equals userRole.UserId
                          join role in db.Roles on userRole.RoleId equals role.Id
                          where user.IsActive && user.Email != null && user.InstitutionId == planInstitution
                                && (office.Contains(role.Name!) || role.Name == Roles.Consulta || (role.Name == Roles.Registrador && user.Units.Any(x => unitIds.Contains(x.UnitId))))
                          select new { user.Id, user.Email, user.FullName, Role = role.Name })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Id)
            .Select(g => new Mentionable(g.Key, g.First().Email!, g.First().FullName, g.All(r => r.Role == Roles.Consulta)))
            .OrderBy(m => m.Name, StringComparer.CurrentCulture).ThenBy(m => m.Email, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>"@ana.perez@pliego.gob.pe" in a message: the addresses named.</summary>
    public static IReadOnlyList<string> MentionedAddresses(string? text) =>
        text is null ? [] : MentionPattern().Matches(text).Select(m => m.Groups[1].Value.TrimEnd('.', ',', ';', ':')).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    [GeneratedRegex(@"(?<![\w.@])@([\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+)", RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();

    /// <summary>
    /// A reply of the unit or the planning office in the value's open conversation, with files (checked as the
    /// value's evidence is) and mentions (addresses in the text, and accounts picked by id).
    /// </summary>
    public async Task<WriteResult<ThreadMessage>> ReplyAsync(ClaimsPrincipal user, int indicatorId, int year, PeriodKind period, string? text,
        IReadOnlyList<(string FileName, byte[] Content)> files, IReadOnlyList<string> pickedUserIds, uint version, CancellationToken cancellationToken = default)
    {
        var (indicator, value, thread, refusal) = await OpenThreadAsync(user, indicatorId, year, period, version, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var userName = user.Identity!.Name!;
        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string>();
        var attached = ValueEntryService.AcceptFiles(files, userName, now, FilesField, errors);
        var mentioned = await ResolveMentionsAsync(indicator!, text, pickedUserIds, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return WriteResult<ThreadMessage>.Invalid(errors);
        }

        var side = IsPlanningOffice(user) ? ThreadSide.Ogpp : ThreadSide.Unidad;
        var result = thread!.Reply(year, period, side, userName, await entry.DisplayNameAsync(userName, cancellationToken), text, attached.Count, now);
        if (!result.IsValid)
        {
            return WriteResult<ThreadMessage>.Invalid(result.Errors);
        }

        var message = thread.Messages[^1];
        foreach (var file in attached)
        {
            file.ValueId = value!.Id;
            message.Evidence.Add(file);
        }

        var valueField = $"Valor {Labels.InSentence(period)} {year}";
        writer.Expect(thread, version);
        var otherSide = side == ThreadSide.Ogpp ? await notices.RegistradoresAsync(indicator!, cancellationToken) : await notices.PlanningOfficeAsync(indicator!, cancellationToken);
        var mentionedEmails = mentioned.Select(m => m.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        writer.Notify(await notices.ForThreadAsync(NoticeKind.ConversacionRespuesta, value!, indicator!, userName, message.Text, otherSide.Where(r => !mentionedEmails.Contains(r.Email)), cancellationToken));
        writer.Notify(await notices.ForThreadAsync(NoticeKind.ConversacionMencion, value!, indicator!, userName, message.Text,
            mentioned.Select(m => new NoticeRecipient(m.UserId, m.Email, m.Name, m.OnIndicatorPage)), cancellationToken));
        return await SaveAsync(userName, indicator!, [.. result.Changes, .. attached.Select(f => ValueEntryService.EvidenceChange(valueField, f))], message, cancellationToken);
    }

    /// <summary>The planning office closes the value's open conversation; the unit's Registradores hear of it.</summary>
    public async Task<WriteResult<ThreadMessage>> ResolveAsync(ClaimsPrincipal user, int indicatorId, int year, PeriodKind period, string? note, uint version, CancellationToken cancellationToken = default)
    {
        if (!IsPlanningOffice(user))
        {
            return WriteResult<ThreadMessage>.Refused("Solo la OGPP resuelve una conversación; la unidad responde en ella.");
        }

        var (indicator, value, thread, refusal) = await OpenThreadAsync(user, indicatorId, year, period, version, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var userName = user.Identity!.Name!;
        var result = thread!.Resolve(year, period, userName, await entry.DisplayNameAsync(userName, cancellationToken), note, clock.GetUtcNow());
        if (!result.IsValid)
        {
            return WriteResult<ThreadMessage>.Invalid(result.Errors);
        }

        var message = thread.Messages[^1];
        writer.Expect(thread, version);
        writer.Notify(await notices.ForThreadAsync(NoticeKind.ConversacionResuelta, value!, indicator!, userName, message.Text, await notices.RegistradoresAsync(indicator!, cancellationToken), cancellationToken));
        return await SaveAsync(userName, indicator!, result.Changes, message, cancellationToken);
    }

    private async Task<WriteResult<ThreadMessage>> SaveAsync(string userName, Indicator indicator, IReadOnlyList<FieldChange> changes, ThreadMessage message, CancellationToken cancellationToken)
    {
        var status = await writer.SaveAsync(new AuditContext(userName, indicator.Key, null, indicator.PlanId, indicator.Id), changes, cancellationToken);
        return status == WriteStatus.Saved ? WriteResult<ThreadMessage>.Saved(message) : WriteResult<ThreadMessage>.Conflict(ConflictMessage, null);
    }

    /// <summary>The indicator, value and open conversation a write is about, or why it cannot be written.</summary>
    private async Task<(Indicator? Indicator, IndicatorValue? Value, ValueThread? Thread, WriteResult<ThreadMessage>? Refusal)> OpenThreadAsync(
        ClaimsPrincipal user, int indicatorId, int year, PeriodKind period, uint version, CancellationToken cancellationToken)
    {
        var indicator = await entry.LoadAsync(indicatorId, cancellationToken);
        if (indicator is null)
        {
            return (null, null, null, WriteResult<ThreadMessage>.NotFound(ValueEntryService.UnknownIndicator));
        }

        if (!await CanWriteAsync(user, indicator, cancellationToken))
        {
            return (indicator, null, null, WriteResult<ThreadMessage>.Refused(ValueEntryService.OtherUnitMessage));
        }

        if (await entry.IsClosedAsync(indicator.Plan!, year, period, cancellationToken))
        {
            return (indicator, null, null, WriteResult<ThreadMessage>.Refused($"El periodo {Labels.InSentence(period)} {year} está cerrado por la OGPP: su conversación ya no admite mensajes salvo que se reabra."));
        }

        var value = indicator.Values.SingleOrDefault(v => v.Year == year && v.Period == period);
        var thread = value is null ? null : await db.ValueThreads.Include(t => t.Messages).SingleOrDefaultAsync(t => t.ValueId == value.Id && t.ResolvedAt == null, cancellationToken);
        if (thread is null)
        {
            return (indicator, value, null, WriteResult<ThreadMessage>.Refused(NoOpenThread));
        }

        return thread.Version != version
            ? (indicator, value, thread, WriteResult<ThreadMessage>.Conflict(ConflictMessage, null))
            : (indicator, value, thread, null);
    }

    /// <summary>
    /// The accounts named: every address must be an account that can read the conversation, in the indicator's
    /// institution; anyone else is refused with one message that does not tell whether the address exists elsewhere.
    /// </summary>
    private async Task<List<Mentionable>> ResolveMentionsAsync(Indicator indicator, string? text, IReadOnlyList<string> pickedUserIds, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var addresses = MentionedAddresses(text);
        if (addresses.Count == 0 && pickedUserIds.Count == 0)
        {
            return [];
        }

        var readers = await MentionablesAsync(indicator, cancellationToken);
        var unknown = addresses.Where(a => !readers.Any(r => string.Equals(r.Email, a, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0 || pickedUserIds.Any(id => readers.All(r => r.UserId != id)))
        {
            errors[MentionsField] = unknown.Count > 0
                ? $"No se puede mencionar a {string.Join(", ", unknown)}: solo se menciona a cuentas activas de su institución que pueden leer esta conversación (la unidad responsable, la OGPP y Consulta)."
                : "Elija a quién mencionar de la lista: solo cuentas activas de su institución que pueden leer esta conversación.";
            return [];
        }

        return readers.Where(r => pickedUserIds.Contains(r.UserId) || addresses.Contains(r.Email, StringComparer.OrdinalIgnoreCase)).ToList();
    }
}
