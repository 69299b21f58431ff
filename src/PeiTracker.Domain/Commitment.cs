using PeiTracker.Domain.Editing;

namespace PeiTracker.Domain;

/// <summary>What the planning office records; <see cref="CommitmentState.Vencido"/> is never stored, it follows from the deadline.</summary>
public enum CommitmentStatus
{
    Pendiente = 0,
    EnCurso = 1,
    Cumplido = 2,
}

/// <summary>What a reader sees: the recorded status, or vencido when an open commitment's deadline has passed.</summary>
public enum CommitmentState
{
    Pendiente = 0,
    EnCurso = 1,
    Cumplido = 2,
    Vencido = 3,
}

/// <summary>
/// A commitment of the Matriz de compromisos: taken in one period's Informe from one of its recommendations, it
/// names the unit that answers for it, the indicator or AEI it is about and a deadline, and it stays in every
/// later period's Matriz until it is fulfilled.
/// </summary>
public class Commitment
{
    public const int MaxTextLength = 2000;

    public int Id { get; set; }

    public int PlanId { get; set; }

    /// <summary>The period whose Informe took the commitment.</summary>
    public int Year { get; set; }

    public PeriodKind Period { get; set; }

    public int UnitId { get; set; }

    public OrganizationalUnit? Unit { get; set; }

    public int? IndicatorId { get; set; }

    /// <summary>The AEI the commitment is about, when it is not one indicator.</summary>
    public int? ActionId { get; set; }

    /// <summary>The recommendation of the Informe the commitment answers.</summary>
    public required string Recommendation { get; set; }

    public required string Action { get; set; }

    public DateOnly Deadline { get; set; }

    public CommitmentStatus Status { get; set; }

    /// <summary>The day it was marked cumplido; the Matriz of periods that start later no longer carries it.</summary>
    public DateOnly? CompletedOn { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>PostgreSQL's xmin: two follow-ups of one commitment never silently overwrite each other.</summary>
    public uint Version { get; set; }

    public List<CommitmentNote> Notes { get; set; } = [];

    public CommitmentState StateOn(DateOnly today) => StateOf(Status, Deadline, today);

    /// <summary>Vencido is an open commitment whose deadline day has passed; the deadline day itself is still on time.</summary>
    public static CommitmentState StateOf(CommitmentStatus status, DateOnly deadline, DateOnly today) => status switch
    {
        CommitmentStatus.Cumplido => CommitmentState.Cumplido,
        _ when deadline < today => CommitmentState.Vencido,
        CommitmentStatus.EnCurso => CommitmentState.EnCurso,
        _ => CommitmentState.Pendiente,
    };

    public static string Label(CommitmentState state) => state switch
    {
        CommitmentState.EnCurso => "En curso",
        CommitmentState.Cumplido => "Cumplido",
        CommitmentState.Vencido => "Vencido",
        _ => "Pendiente",
    };

    public static string Label(CommitmentStatus status) => Label((CommitmentState)status);

    /// <summary>
    /// Whether the Matriz de compromisos of a period lists the commitment: taken in that period or an earlier one
    /// (a period ending no later), and not fulfilled before the period began.
    /// </summary>
    public bool IsCarriedInto(int year, PeriodKind period) => IsCarried(Year, Period, CompletedOn, year, period);

    public static bool IsCarried(int fromYear, PeriodKind fromPeriod, DateOnly? completedOn, int year, PeriodKind period) =>
        PeriodClosing.EndOf(fromYear, fromPeriod) <= PeriodClosing.EndOf(year, period) && (completedOn is null || completedOn >= Start(year, period));

    private static DateOnly Start(int year, PeriodKind period) => new(year, period == PeriodKind.SegundoSemestre ? 7 : 1, 1);

    /// <summary>
    /// Checks a new commitment before it is added: every field present and within its length, exactly one of an
    /// indicator or an AEI. Reports the one change people read in the history.
    /// </summary>
    public EditResult Validate(string periodLabel, string unitLabel, string subjectLabel)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(Recommendation) || Recommendation.Trim().Length > MaxTextLength)
        {
            errors[nameof(Recommendation)] = "Indique la recomendación del informe de la que nace el compromiso (hasta 2000 caracteres).";
        }

        if (string.IsNullOrWhiteSpace(Action) || Action.Trim().Length > MaxTextLength)
        {
            errors[nameof(Action)] = "Indique la acción que la unidad se compromete a realizar (hasta 2000 caracteres).";
        }

        if ((IndicatorId is null) == (ActionId is null))
        {
            errors["Subject"] = "Elija el indicador o la AEI del compromiso (uno de los dos).";
        }

        if (errors.Count > 0)
        {
            return EditResult.Refused(errors);
        }

        Recommendation = Recommendation.Trim();
        Action = Action.Trim();
        return EditResult.Applied([new FieldChange(AuditKind.Informe, $"Compromiso {periodLabel}", null,
            $"{unitLabel} · {subjectLabel}: {Action} (plazo {Deadline:dd/MM/yyyy}). Recomendación: {Recommendation}")]);
    }

    /// <summary>Records the new status; cumplido remembers the day, so later periods stop carrying it.</summary>
    public EditResult ChangeStatus(CommitmentStatus to, DateOnly today)
    {
        if (!Enum.IsDefined(to))
        {
            return EditResult.Refused(nameof(Status), "Elija uno de los estados: pendiente, en curso o cumplido.");
        }

        if (to == Status)
        {
            return EditResult.Applied([]);
        }

        var before = Label(Status);
        Status = to;
        CompletedOn = to == CommitmentStatus.Cumplido ? today : null;
        return EditResult.Applied([new FieldChange(AuditKind.Informe, "Estado del compromiso", before, Label(to))]);
    }

    /// <summary>A follow-up note: appended, never edited, so the notes are the commitment's history.</summary>
    public EditResult AddNote(string? text, string writtenBy, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > MaxTextLength)
        {
            return EditResult.Refused(nameof(CommitmentNote.Text), "La nota de seguimiento no puede estar vacía ni superar 2000 caracteres.");
        }

        var note = new CommitmentNote { PlanId = PlanId, Text = text.Trim(), WrittenBy = writtenBy, WrittenAt = at };
        Notes.Add(note);
        return EditResult.Applied([new FieldChange(AuditKind.Informe, "Seguimiento del compromiso", null, note.Text)]);
    }
}

/// <summary>A follow-up note on a commitment.</summary>
public class CommitmentNote
{
    public int Id { get; set; }

    public int CommitmentId { get; set; }

    /// <summary>The commitment's plan, for the institution filter.</summary>
    public int PlanId { get; set; }

    public required string Text { get; set; }

    public required string WrittenBy { get; set; }

    public DateTimeOffset WrittenAt { get; set; }
}
