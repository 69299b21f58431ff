namespace PeiTracker.Domain;

/// <summary>
/// The head of the planning office's approval of a period's Informe de evaluación: who and when. While it
/// stands the Informe is frozen; reopening it (with a reason) ends the approval and keeps it on record.
/// </summary>
public class InformeApproval
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public int Year { get; set; }

    public PeriodKind Period { get; set; }

    /// <summary>The approver's account (internal; the public page shows only <see cref="ApprovingOffice"/>).</summary>
    public required string ApprovedBy { get; set; }

    public required string ApproverName { get; set; }

    public required string ApprovingOffice { get; set; }

    public DateTimeOffset ApprovedAt { get; set; }

    public string? ReopenedBy { get; set; }

    public DateTimeOffset? ReopenedAt { get; set; }

    public string? ReopenReason { get; set; }

    public uint Version { get; set; }

    public bool IsActive => ReopenedAt is null;
}

/// <summary>
/// One version of a period's snapshot made public on /Transparencia, with the approval it rests on. Never edited:
/// republishing after a reopening adds another row for the newer version.
/// </summary>
public class InformePublication
{
    public int Id { get; set; }

    public int SnapshotId { get; set; }

    public PeriodSnapshot? Snapshot { get; set; }

    public int PlanId { get; set; }

    public int ApprovalId { get; set; }

    public required string ApprovingOffice { get; set; }

    public DateTimeOffset ApprovedAt { get; set; }

    public required string PublishedBy { get; set; }

    public DateTimeOffset PublishedAt { get; set; }
}

/// <summary>The rules of the Informe's sign-off and publication, each answering the Spanish refusal or null.</summary>
public static class InformeSignOff
{
    public const string ApprovingOffice = "Oficina General de Planeamiento y Presupuesto (OGPP)";

    public const string FrozenMessage = "El informe está aprobado: para modificarlo, reábralo indicando el motivo.";

    public static string? RefuseApproval(bool periodClosed, bool alreadyApproved, bool approverHeadsPlanningOffice) =>
        !approverHeadsPlanningOffice ? "Solo la jefatura de la oficina de planeamiento aprueba el informe de evaluación."
        : alreadyApproved ? "El informe de este periodo ya está aprobado."
        : !periodClosed ? "Cierre el periodo antes de aprobar su informe: se aprueba sobre las cifras reportadas."
        : null;

    public static string? RefuseEdit(bool approved) => approved ? FrozenMessage : null;

    public static string? RefuseReopening(bool approved, string? reason) =>
        !approved ? "El informe de este periodo no está aprobado."
        : string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 1000 ? "Indique el motivo de la reapertura (hasta 1000 caracteres)."
        : null;

    /// <summary>
    /// A period is published once per closing: closed, its latest version not public yet, and approved after
    /// that closing (an approval given before a reopening does not vouch for the figures closed since).
    /// </summary>
    public static string? RefusePublication(bool periodClosed, DateTimeOffset? latestSnapshotAt, bool latestPublished, DateTimeOffset? approvedAt) =>
        !periodClosed || latestSnapshotAt is null ? "Solo se publica un periodo cerrado."
        : latestPublished ? "Esta versión del periodo ya está publicada."
        : approvedAt is null ? "Falta la aprobación del informe por la jefatura de la oficina de planeamiento."
        : approvedAt < latestSnapshotAt ? "El informe se aprobó antes del último cierre del periodo: reábralo y apruébelo de nuevo."
        : null;
}
