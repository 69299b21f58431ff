namespace PeiTracker.Domain;

/// <summary>
/// A reporting period the planning office has closed: nothing in it changes until it is reopened,
/// with a reason. Reopening deletes nothing: it records who reopened and why.
/// </summary>
public class PeriodClosure
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public int Year { get; set; }

    public PeriodKind Period { get; set; }

    public required string ClosedBy { get; set; }

    public DateTimeOffset ClosedAt { get; set; }

    public string? ClosingNote { get; set; }

    public string? ReopenedBy { get; set; }

    public DateTimeOffset? ReopenedAt { get; set; }

    public string? ReopenReason { get; set; }

    public bool IsClosed => ReopenedAt is null;
}

/// <summary>The date by which units must report a period, set by the planning office.</summary>
public class PeriodDeadline
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public int Year { get; set; }

    public PeriodKind Period { get; set; }

    public DateOnly DueDate { get; set; }
}
