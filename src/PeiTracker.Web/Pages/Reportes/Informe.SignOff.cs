using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Editing;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Pages.Reportes;

/// <summary>
/// The Informe's sign-off (ADR 0016): the head of the planning office approves it once its period is closed, which
/// freezes it; reopening (with a reason) ends the approval. Publishing makes the period's latest closed version
/// public on /Transparencia, with the approving office and the approval's date, and adds to that version the Informe
/// as a PDF that shows the approval (refused, with nothing written, when the server cannot print it).
/// </summary>
public partial class InformeModel
{
    /// <summary>The latest approval of the period (standing or reopened), if any.</summary>
    public InformeApproval? Approval { get; private set; }

    public bool Approved => Approval?.IsActive == true;

    public bool PeriodClosed { get; private set; }

    public bool HeadsPlanningOffice { get; private set; }

    /// <summary>The period's latest closed version (its snapshot), without figures or files.</summary>
    public PeriodSnapshot? LatestSnapshot { get; private set; }

    /// <summary>The period's publications, newest first.</summary>
    public IReadOnlyList<InformePublication> Publications { get; private set; } = [];

    public bool LatestPublished => LatestSnapshot is not null && Publications.Any(p => p.SnapshotId == LatestSnapshot.Id);

    private string ApprovalField => $"Aprobación del informe de evaluación {Period.Label}";

    public async Task<IActionResult> OnPostApproveAsync()
    {
        if (await RefuseWriteAsync(frozenToo: false, "#aprobacion") is { } refused)
        {
            return refused;
        }

        if (InformeSignOff.RefuseApproval(PeriodClosed, Approved, HeadsPlanningOffice) is { } refusal)
        {
            return Answer(WriteStatus.Refused, "", "#aprobacion", refusal);
        }

        var approver = await db.Users.AsNoTracking().Where(u => u.UserName == UserName).Select(u => u.FullName).SingleAsync();
        db.InformeApprovals.Add(new InformeApproval
        {
            PlanId = View.Plan.Id, Year = Period.Year, Period = Period.Kind, ApprovedBy = UserName, ApproverName = approver,
            ApprovingOffice = InformeSignOff.ApprovingOffice, ApprovedAt = clock.GetUtcNow(),
        });
        var status = await writer.SaveAsync(new AuditContext(UserName, View.Plan.Code, null, View.Plan.Id, null),
            [new FieldChange(AuditKind.Informe, ApprovalField, null, $"Aprobado por {approver}, {InformeSignOff.ApprovingOffice}")]);
        return Answer(status, "Informe aprobado: queda congelado hasta que se reabra.", "#aprobacion");
    }

    public async Task<IActionResult> OnPostReopenAsync(string? reason, uint version)
    {
        if (await RefuseWriteAsync(frozenToo: false, "#aprobacion") is { } refused)
        {
            return refused;
        }

        if (InformeSignOff.RefuseReopening(Approved, reason) is { } refusal)
        {
            return Answer(WriteStatus.Refused, "", "#aprobacion", refusal);
        }

        var approval = await db.InformeApprovals.SingleAsync(a => a.Id == Approval!.Id);
        writer.Expect(approval, version);
        approval.ReopenedAt = clock.GetUtcNow();
        approval.ReopenedBy = UserName;
        approval.ReopenReason = reason!.Trim();
        var status = await writer.SaveAsync(new AuditContext(UserName, View.Plan.Code, approval.ReopenReason, View.Plan.Id, null),
            [new FieldChange(AuditKind.Informe, ApprovalField, $"Aprobado por {approval.ApproverName}", "Reabierto")]);
        return Answer(status, "Informe reabierto: puede modificarse y debe aprobarse de nuevo.", "#aprobacion");
    }

    public async Task<IActionResult> OnPostPublishAsync()
    {
        if (await RefuseWriteAsync(frozenToo: false, "#aprobacion") is { } refused)
        {
            return refused;
        }

        if (InformeSignOff.RefusePublication(PeriodClosed, LatestSnapshot?.TakenAt, LatestPublished, Approved ? Approval!.ApprovedAt : null) is { } refusal)
        {
            return Answer(WriteStatus.Refused, "", "#aprobacion", refusal);
        }

        if (!HttpContext.RequestServices.GetRequiredService<ChromiumPdf>().IsAvailable)
        {
            return Answer(WriteStatus.Refused, "", "#aprobacion", NoPdfMessage);
        }

        // The page is printed as it shows now, approval included (InformePublicationFilter), then CompletePublicationAsync writes.
        ForPublication = true;
        return Page();
    }

    /// <summary>
    /// Writes the publication with the Informe as printed for it (null: the PDF queue was full, nothing is written), and
    /// appends the PDF to the closed version it publishes: snapshot files are insert-only, never edited (ADR 0015).
    /// </summary>
    public async Task<string> CompletePublicationAsync(byte[]? informe)
    {
        ForPublication = false;
        if (informe is null)
        {
            return RedirectAnswer(WriteStatus.Refused, "", PdfRenderQueue.BusyMessage);
        }

        db.Add(PeriodSnapshotBuilder.InformeFile(LatestSnapshot!, View.Plan.Code, informe));
        db.InformePublications.Add(new InformePublication
        {
            SnapshotId = LatestSnapshot!.Id, PlanId = View.Plan.Id, ApprovalId = Approval!.Id, ApprovingOffice = Approval.ApprovingOffice,
            ApprovedAt = Approval.ApprovedAt, PublishedBy = UserName, PublishedAt = clock.GetUtcNow(),
        });
        var status = await writer.SaveAsync(new AuditContext(UserName, View.Plan.Code, null, View.Plan.Id, null),
            [new FieldChange(AuditKind.Informe, $"Publicación {Period.Label}", null, $"Versión {LatestSnapshot.Version} publicada en Transparencia")]);
        return RedirectAnswer(status, $"Versión {LatestSnapshot.Version} del periodo publicada en Transparencia.");
    }

    private string RedirectAnswer(WriteStatus status, string saved, string? refusal = null) =>
        ((RedirectResult)Answer(status, saved, "#aprobacion", refusal)).Url;

    public const string NoPdfMessage =
        "No se publicó nada: el Informe se publica también como PDF, con su huella SHA-256, y el servidor no tiene Chromium para generarlo. Pida a soporte que lo instale (paquete chromium) y vuelva a publicar.";

    /// <summary>Set while the page is printed for publication: the public file names the approving office, never a person (ADR 0016).</summary>
    public bool ForPublication { get; private set; }

    /// <summary>Who approved, as the page prints it: the person and the office, or only the office in the published file.</summary>
    public string ApprovedBy(InformeApproval approval) => ForPublication ? approval.ApprovingOffice : $"{approval.ApproverName} ({approval.ApprovingOffice})";

    private async Task LoadSignOffAsync()
    {
        var plan = View.Plan.Id;
        Approval = await db.InformeApprovals.AsNoTracking().Where(a => a.PlanId == plan && a.Year == Period.Year && a.Period == Period.Kind)
            .OrderByDescending(a => a.Id).FirstOrDefaultAsync();
        PeriodClosed = await db.PeriodClosures.AsNoTracking().AnyAsync(c => c.PlanId == plan && c.Year == Period.Year && c.Period == Period.Kind && c.ReopenedAt == null);
        LatestSnapshot = await db.PeriodSnapshots.AsNoTracking().Where(s => s.PlanId == plan && s.Year == Period.Year && s.Period == Period.Kind)
            .OrderByDescending(s => s.Id).FirstOrDefaultAsync();
        Publications = await db.InformePublications.AsNoTracking().Include(p => p.Snapshot)
            .Where(p => p.PlanId == plan && p.Snapshot!.Year == Period.Year && p.Snapshot.Period == Period.Kind)
            .OrderByDescending(p => p.Id).ToListAsync();
        // The flag counts only while the account is a Planificador: a head moved to another role no longer approves.
        HeadsPlanningOffice = User.IsInRole(Data.Roles.Planificador) && await db.Users.AsNoTracking().AnyAsync(u => u.UserName == UserName && u.HeadsPlanningOffice);
    }
}
