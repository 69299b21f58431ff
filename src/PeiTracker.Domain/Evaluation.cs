namespace PeiTracker.Domain;

/// <summary>The planning office's narrative for one OEI in the Informe de evaluación of a period.</summary>
public class EvaluationNarrative
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public int ObjectiveId { get; set; }

    public int Year { get; set; }

    public PeriodKind Period { get; set; }

    public required string Text { get; set; }

    public required string UpdatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL's xmin: two people editing one OEI's analysis never silently overwrite each other.</summary>
    public uint Version { get; set; }
}

public enum CommitmentStatus
{
    Pendiente = 0,
    EnCurso = 1,
    Cumplido = 2,
}

/// <summary>A corrective commitment of the Matriz de compromisos: who will do what, by when.</summary>
public class Commitment
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public int Year { get; set; }

    public PeriodKind Period { get; set; }

    public int UnitId { get; set; }

    public OrganizationalUnit? Unit { get; set; }

    public int? IndicatorId { get; set; }

    public required string Action { get; set; }

    public DateOnly Deadline { get; set; }

    public CommitmentStatus Status { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
