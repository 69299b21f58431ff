namespace PeiTracker.Domain.Points;

/// <summary>Review state of a reporting point's figures: borrador, enviado a la unidad, aceptado, observado.</summary>
public enum PointSubmissionStatus
{
    Borrador = 0,
    Enviado = 1,
    Aceptado = 2,
    Observado = 3,
}

/// <summary>
/// What one reporting point counted for one indicator and period: the figures of the formula's variables, sent to
/// the indicator's responsible unit, which accepts or observes them. Kept apart from <see cref="IndicatorValue"/>, so
/// no figure query changes: the indicator's value is the formula evaluated on the sums of the accepted points'
/// figures (<see cref="PointAggregate"/>), written as the unit's value by the one entry path.
/// </summary>
public class PointSubmission
{
    public const int MaxCommentLength = 2000;
    public const int MaxReviewNoteLength = 1000;

    public int Id { get; set; }

    public int PointId { get; set; }

    public ReportingPoint? Point { get; set; }

    public int IndicatorId { get; set; }

    public Indicator? Indicator { get; set; }

    public int Year { get; set; }

    public PeriodKind Period { get; set; }

    public PointSubmissionStatus Status { get; set; }

    public string? Comment { get; set; }

    /// <summary>Why the unit observed the figures; cleared when they are accepted.</summary>
    public string? ReviewNote { get; set; }

    public List<PointSubmissionFigure> Figures { get; set; } = [];

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public string? ReviewedBy { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    /// <summary>PostgreSQL's xmin, used for optimistic concurrency.</summary>
    public uint Version { get; set; }

    /// <summary>The figures by variable code.</summary>
    public IReadOnlyDictionary<string, decimal> FigureMap => Figures.ToDictionary(f => f.Code, f => f.Figure, StringComparer.Ordinal);

    /// <summary>The figures as the history shows them: "A = 36; B = 40".</summary>
    public static string? DescribeFigures(IEnumerable<PointSubmissionFigure> figures) => Indicator.DescribeFigurePairs(figures.Select(f => (f.Code, f.Figure)));
}

/// <summary>The figure a reporting point entered for one variable of the formula.</summary>
public class PointSubmissionFigure
{
    public int Id { get; set; }

    public int SubmissionId { get; set; }

    public PointSubmission? Submission { get; set; }

    public required string Code { get; set; }

    public decimal Figure { get; set; }
}

/// <summary>
/// borrador → enviado (point) → aceptado or observado (responsible unit) → corrected and sent again. An accepted
/// submission is final: its figures are in the indicator's value.
/// </summary>
public static class PointWorkflow
{
    public static Entry.WorkflowResult<PointSubmissionStatus> Apply(PointSubmissionStatus? current, PointAction action) => (action, current) switch
    {
        (PointAction.Guardar, null or PointSubmissionStatus.Borrador) => Entry.WorkflowResult<PointSubmissionStatus>.Ok(PointSubmissionStatus.Borrador),
        (PointAction.Guardar, PointSubmissionStatus.Observado) => Entry.WorkflowResult<PointSubmissionStatus>.Ok(PointSubmissionStatus.Observado),
        (PointAction.Enviar, null or PointSubmissionStatus.Borrador or PointSubmissionStatus.Observado) => Entry.WorkflowResult<PointSubmissionStatus>.Ok(PointSubmissionStatus.Enviado),
        (PointAction.Guardar or PointAction.Enviar, PointSubmissionStatus.Enviado) =>
            Entry.WorkflowResult<PointSubmissionStatus>.Refused("Las cifras ya fueron enviadas a la unidad responsable: no pueden modificarse mientras las revisa."),
        (PointAction.Guardar or PointAction.Enviar, PointSubmissionStatus.Aceptado) =>
            Entry.WorkflowResult<PointSubmissionStatus>.Refused("Las cifras ya fueron aceptadas por la unidad responsable: no pueden modificarse."),
        (PointAction.Aceptar, PointSubmissionStatus.Enviado) => Entry.WorkflowResult<PointSubmissionStatus>.Ok(PointSubmissionStatus.Aceptado),
        (PointAction.Observar, PointSubmissionStatus.Enviado) => Entry.WorkflowResult<PointSubmissionStatus>.Ok(PointSubmissionStatus.Observado),
        (PointAction.Aceptar or PointAction.Observar, PointSubmissionStatus.Aceptado) =>
            Entry.WorkflowResult<PointSubmissionStatus>.Refused("Las cifras ya fueron aceptadas."),
        (PointAction.Aceptar or PointAction.Observar, _) =>
            Entry.WorkflowResult<PointSubmissionStatus>.Refused("Solo se aceptan u observan cifras que el punto de registro envió."),
        _ => Entry.WorkflowResult<PointSubmissionStatus>.Refused("Acción no permitida."),
    };
}

public enum PointAction
{
    Guardar = 0,
    Enviar = 1,
    Aceptar = 2,
    Observar = 3,
}
