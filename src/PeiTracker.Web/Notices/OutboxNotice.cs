using PeiTracker.Domain;
using PeiTracker.Domain.Editing;
using PeiTracker.Web.Infrastructure;

namespace PeiTracker.Web.Notices;

public enum NoticeKind
{
    /// <summary>A unit sent a value: the planning office reviews it.</summary>
    ValorEnviado = 0,

    /// <summary>The planning office returned a value with a reason: the unit corrects it.</summary>
    ValorObservado = 1,

    /// <summary>The planning office accepted a value.</summary>
    ValorValidado = 2,

    /// <summary>A period's deadline is near or today, and the unit has not sent its values (ADR 0021).</summary>
    PlazoProximo = 3,

    /// <summary>The deadline passed and the unit has not sent its values.</summary>
    PlazoVencido = 4,

    /// <summary>The unit is some days late: its head and the planning office hear of it.</summary>
    PlazoEscalado = 5,

    /// <summary>A commitment of the Matriz de compromisos is due soon or today.</summary>
    CompromisoPorVencer = 6,

    /// <summary>A commitment's deadline passed and it is not fulfilled.</summary>
    CompromisoVencido = 7,

    /// <summary>Monday's digest for directors: indicators at risk and late units.</summary>
    ResumenSemanal = 8,

    /// <summary>One e-mail with the day's notices of the kinds a person receives as a daily digest.</summary>
    ResumenDiario = 9,

    /// <summary>A message in a value's conversation: the other side (the unit's Registradores or the planning office) reads it.</summary>
    ConversacionRespuesta = 20,

    /// <summary>Someone was named (@correo) in a message of a value's conversation.</summary>
    ConversacionMencion = 21,

    /// <summary>The planning office resolved a value's conversation: the unit hears of it.</summary>
    ConversacionResuelta = 22,
}

/// <summary>How a person receives a kind of notice by e-mail (in the app every notice shows under the bell).</summary>
public enum NoticeDelivery
{
    Inmediato = 0,

    ResumenDiario = 1,

    Ninguno = 2,
}

public enum NoticeStatus
{
    /// <summary>Waiting to be sent, or to be tried again after a failure.</summary>
    Pendiente = 0,

    /// <summary>Accepted by the SMTP server.</summary>
    Enviado = 1,

    /// <summary>Refused for good by the SMTP server (an unknown mailbox): only an administrator's resend tries again.</summary>
    Fallido = 2,

    /// <summary>Not e-mailed: its recipient receives this kind in the app only (preference "ninguno").</summary>
    Omitido = 3,

    /// <summary>Waiting for its recipient's daily digest (preference "resumen diario").</summary>
    EnResumen = 4,

    /// <summary>Went out inside a daily digest (<see cref="OutboxNotice.DigestId"/>).</summary>
    Resumido = 5,
}

/// <summary>
/// One notice to one person, written in the same transaction as the change it tells about, so a change is never
/// saved without its notice nor a notice without its change. The background worker e-mails it later; the app shows
/// it under the person's bell until they mark it read. The text is rendered when the change happens, so it says
/// what was true then.
/// </summary>
public class OutboxNotice
{
    public long Id { get; set; }

    /// <summary>The change that caused it; with <see cref="Recipient"/> unique, so one event never mails a person twice.</summary>
    public Guid EventId { get; set; }

    public NoticeKind Kind { get; set; }

    public required string Recipient { get; set; }

    /// <summary>The account it is for, whose bell and notices page show it; none for an address outside the app.</summary>
    public string? RecipientUserId { get; set; }

    public required string RecipientName { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public int? IndicatorId { get; set; }

    /// <summary>Where the person acts on it (absolute, as in the e-mail).</summary>
    public string? Link { get; set; }

    /// <summary>When the person marked it read in the app; the e-mail's delivery is <see cref="Status"/>.</summary>
    public DateTimeOffset? ReadAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public NoticeStatus Status { get; set; }

    /// <summary>Failed tries since it was written or last resent.</summary>
    public int Attempts { get; set; }

    /// <summary>When the worker may try it (again): the backoff after a failure.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The daily digest that carried it, when its recipient receives its kind as a digest.</summary>
    public long? DigestId { get; set; }

    /// <summary>How many times an administrator asked for it again.</summary>
    public int Resends { get; set; }

    /// <summary>PostgreSQL's xmin, so a resend never overwrites a send that happened meanwhile.</summary>
    public uint Version { get; set; }

    public static string Label(NoticeKind kind) => kind switch
    {
        NoticeKind.ValorEnviado => "Valor enviado",
        NoticeKind.ValorObservado => "Valor observado",
        NoticeKind.ValorValidado => "Valor validado",
        NoticeKind.PlazoProximo => "Plazo de reporte próximo",
        NoticeKind.PlazoVencido => "Plazo de reporte vencido",
        NoticeKind.PlazoEscalado => "Unidad con reporte atrasado",
        NoticeKind.CompromisoPorVencer => "Compromiso por vencer",
        NoticeKind.CompromisoVencido => "Compromiso vencido",
        NoticeKind.ResumenSemanal => "Resumen semanal para directivos",
        NoticeKind.ResumenDiario => "Resumen diario de avisos",
        NoticeKind.ConversacionRespuesta => "Respuesta en una conversación",
        NoticeKind.ConversacionMencion => "Mención en una conversación",
        NoticeKind.ConversacionResuelta => "Conversación resuelta",
        _ => kind.ToString(),
    };

    /// <summary>The state as the outbox page shows it (the three original states read as their names).</summary>
    public static string Label(NoticeStatus status) => status switch
    {
        NoticeStatus.Omitido => "Omitido (solo en la aplicación)",
        NoticeStatus.EnResumen => "En espera del resumen diario",
        NoticeStatus.Resumido => "Enviado en el resumen diario",
        _ => status.ToString(),
    };

    /// <summary>
    /// Kinds a person cannot switch off nor defer: a value returned to the unit must be corrected, and an escalation
    /// exists because the reminders were not enough. They are always e-mailed at once.
    /// </summary>
    public static bool IsLocked(NoticeKind kind) => kind is NoticeKind.ValorObservado or NoticeKind.PlazoEscalado;

    /// <summary>The kinds a person chooses how to receive (the daily digest is how the others arrive, not a choice of its own).</summary>
    public static IReadOnlyList<NoticeKind> Choosable { get; } = Enum.GetValues<NoticeKind>().Where(k => k != NoticeKind.ResumenDiario).ToList();

    /// <summary>
    /// An administrator asks for the notice again: it becomes due now, with its tries counted afresh. Reported as
    /// one change for the history: the state it had and the resend.
    /// </summary>
    public FieldChange Resend(DateTimeOffset now)
    {
        var before = $"{Status} ({Attempts} intento(s) fallido(s){(SentAt is { } sent ? ", enviado " + PeruTime.Format(sent) : "")})";
        Status = NoticeStatus.Pendiente;
        Attempts = 0;
        LastError = null;
        NextAttemptAt = now;
        Resends++;
        return new FieldChange(AuditKind.Aviso, $"Aviso «{Subject}»", before, $"Pendiente (reenvío {Resends})");
    }

    /// <summary>
    /// The Message-ID every copy carries: a copy sent twice (a crash between the server's acceptance and the
    /// commit) is one message to a mail client; an administrator's resend is a new one.
    /// </summary>
    public string MessageId => $"aviso-{Id}.{Resends}@peitracker";
}
