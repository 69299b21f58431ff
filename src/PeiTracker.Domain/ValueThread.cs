using PeiTracker.Domain.Editing;

namespace PeiTracker.Domain;

/// <summary>Who wrote a message of a value's conversation.</summary>
public enum ThreadSide
{
    /// <summary>The planning office (OGPP): Planificador or Administrador.</summary>
    Ogpp = 0,

    /// <summary>The responsible unit: its Registradores.</summary>
    Unidad = 1,
}

public enum ThreadMessageKind
{
    /// <summary>The planning office observed the value: the reason, which opens (or continues) the conversation.</summary>
    Observacion = 0,

    /// <summary>A reply of either side.</summary>
    Respuesta = 1,

    /// <summary>The planning office closed the conversation, in words or by validating the value.</summary>
    Resolucion = 2,
}

/// <summary>
/// The conversation an observation opens on one value (indicator, year, period): the reason is its first message,
/// the unit and the planning office reply, and the planning office resolves it (validating the value resolves it too).
/// An observation while a conversation is open adds to it; one after it was resolved opens a new one, so each round of
/// review reads as its own conversation (ADR 0022). Messages are never edited: a correction is a new message.
/// </summary>
public class ValueThread
{
    public const int MaxText = 2000;

    public const string TextField = "Mensaje";

    public int Id { get; set; }

    public int ValueId { get; set; }

    public IndicatorValue? Value { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public required string OpenedBy { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }

    public List<ThreadMessage> Messages { get; set; } = [];

    /// <summary>PostgreSQL's xmin: a reply or a resolution written on a conversation someone else wrote in meanwhile is a conflict.</summary>
    public uint Version { get; set; }

    public bool IsOpen => ResolvedAt is null;

    /// <summary>"Conversación del valor anual 2025", as the history names it.</summary>
    public static string Field(int year, PeriodKind period) => $"Conversación del valor {Labels.InSentence(period)} {year}";

    /// <summary>The conversation an observation writes into: the open one, or a new one after every earlier one was resolved.</summary>
    public static (ValueThread Thread, FieldChange Change) Observe(IndicatorValue value, ValueThread? open, string author, string authorName, string reason, DateTimeOffset at)
    {
        var thread = open ?? new ValueThread { ValueId = value.Id, Value = value, OpenedAt = at, OpenedBy = author };
        var message = thread.Add(ThreadMessageKind.Observacion, ThreadSide.Ogpp, author, authorName, reason, at);
        return (thread, message.Change(value.Year, value.Period, open is null ? "Conversación abierta" : null));
    }

    /// <summary>A reply: refused on a resolved conversation, or with no text and no file, or with text the form cannot keep.</summary>
    public EditResult Reply(int year, PeriodKind period, ThreadSide side, string author, string authorName, string? text, int files, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            return EditResult.Refused(TextField, "La conversación ya fue resuelta: no admite respuestas. Si hay algo nuevo, la OGPP puede observar el valor otra vez.");
        }

        var clean = text?.Trim() ?? "";
        if (clean.Length == 0 && files == 0)
        {
            return EditResult.Refused(TextField, "Escriba un mensaje o adjunte un archivo.");
        }

        if (clean.Length > MaxText)
        {
            return EditResult.Refused(TextField, $"El mensaje no puede superar los {MaxText} caracteres.");
        }

        if (HasControlCharacters(clean))
        {
            return EditResult.Refused(TextField, "El texto contiene caracteres no permitidos (caracteres de control): bórrelos y vuelva a intentarlo.");
        }

        var message = Add(ThreadMessageKind.Respuesta, side, author, authorName, clean.Length == 0 ? "(adjunta archivos)" : clean, at);
        return EditResult.Applied([message.Change(year, period, null)]);
    }

    /// <summary>The planning office closes the conversation, with a closing note or the fact that the value was validated.</summary>
    public EditResult Resolve(int year, PeriodKind period, string author, string authorName, string? note, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            return EditResult.Refused(TextField, "La conversación ya estaba resuelta.");
        }

        var clean = string.IsNullOrWhiteSpace(note) ? "Conversación resuelta." : note.Trim();
        if (clean.Length > MaxText || HasControlCharacters(clean))
        {
            return EditResult.Refused(TextField, clean.Length > MaxText ? $"El mensaje no puede superar los {MaxText} caracteres." : "El texto contiene caracteres no permitidos (caracteres de control): bórrelos y vuelva a intentarlo.");
        }

        var message = Add(ThreadMessageKind.Resolucion, ThreadSide.Ogpp, author, authorName, clean, at);
        ResolvedAt = at;
        ResolvedBy = author;
        return EditResult.Applied([message.Change(year, period, "Conversación abierta")]);
    }

    private ThreadMessage Add(ThreadMessageKind kind, ThreadSide side, string author, string authorName, string text, DateTimeOffset at)
    {
        var message = new ThreadMessage { Thread = this, Kind = kind, Side = side, Author = author, AuthorName = authorName, Text = text, At = at };
        Messages.Add(message);
        return message;
    }

    private static bool HasControlCharacters(string text) => text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
}

/// <summary>One message of a value's conversation: who, when, which side, what; with the files attached to it (evidence of the value).</summary>
public class ThreadMessage
{
    public long Id { get; set; }

    public int ThreadId { get; set; }

    public ValueThread? Thread { get; set; }

    public ThreadMessageKind Kind { get; set; }

    public ThreadSide Side { get; set; }

    /// <summary>The account's user name (its e-mail), as the audit trail names people.</summary>
    public required string Author { get; set; }

    public required string AuthorName { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset At { get; set; }

    public List<Evidence> Evidence { get; set; } = [];

    public static string Label(ThreadMessageKind kind) => kind switch
    {
        ThreadMessageKind.Observacion => "Observación",
        ThreadMessageKind.Respuesta => "Respuesta",
        _ => "Resolución",
    };

    public static string Label(ThreadSide side) => side == ThreadSide.Ogpp ? "OGPP" : "Unidad";

    /// <summary>The audit row of the message: the history reads who wrote what, and when the conversation opened or closed.</summary>
    internal FieldChange Change(int year, PeriodKind period, string? before) =>
        new(AuditKind.Conversacion, ValueThread.Field(year, period), before, $"{Label(Kind)} ({Label(Side)}): {Text}");
}
