using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Points;
using PeiTracker.Web.Data;
using PeiTracker.Web.Entry;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Imports;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Points;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Pages.Registro;

/// <summary>
/// Bulk entry of reporting points' figures by Excel: a point's Registrador (or the OGPP) downloads the pending
/// figures of the indicators collected by point for a period, one row per indicator and point, fills the variables,
/// uploads the file, reads a preview with every change and error, and confirms as drafts or sent to the responsible
/// unit. Every row goes through <see cref="PointEntryService"/>, the one write path of a point's figures (ADR 0019,
/// ADR 0020).
/// </summary>
[Authorize(Roles = $"{Roles.Administrador},{Roles.Planificador},{Roles.Registrador}")]
[UploadLimit(2 * BulkEntryImport.MaxFileBytes)]
[RequestSizeLimit(2 * BulkEntryImport.MaxFileBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = 2 * BulkEntryImport.MaxFileBytes)]
public class CargaPuntosModel(AppDbContext db, UserScope scope, TimeProvider clock, ValueEntryService entry, PointBulkImport import, PendingUploadStore uploads, IDataProtectionProvider protection) : PageModel
{
    public const string ChangedMessage =
        "Las cifras cambiaron desde la vista previa (otra persona guardó cambios). No se guardó nada: revise la nueva vista previa y confirme otra vez.";

    public const string TooManyMessage =
        "Son demasiadas filas para una planilla: elija un punto de registro arriba y descargue su planilla.";

    [BindProperty(SupportsGet = true, Name = "plan")]
    public string? PlanCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Anio { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Periodo { get; set; }

    /// <summary>The one point whose figures the planilla holds (null: every point the person enters for).</summary>
    [BindProperty(SupportsGet = true, Name = "punto")]
    public string? Punto { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? Token { get; set; }

    [BindProperty]
    public string? Fingerprint { get; set; }

    [BindProperty]
    public string? FileName { get; set; }

    /// <summary>"Guardar" or "Enviar".</summary>
    [BindProperty]
    public string? Accion { get; set; }

    public Domain.Plan? Plan { get; private set; }

    public ReportPeriod Period { get; private set; } = null!;

    /// <summary>The active points the person enters for (every one of the institution for the OGPP).</summary>
    public IReadOnlyList<ReportingPoint> Points { get; private set; } = [];

    /// <summary>Every point the person may choose from, for the filter.</summary>
    public IReadOnlyList<ReportingPoint> AllPoints { get; private set; } = [];

    /// <summary>How many indicators of the plan are collected by point.</summary>
    public int IndicatorCount { get; private set; }

    public string? PeriodProblem { get; private set; }

    public int PendingCount { get; private set; }

    public PointBulkPreview? Preview { get; private set; }

    public string? ConflictMessage { get; private set; }

    /// <summary>The query string of this page's plan, period and point.</summary>
    public string Query => $"plan={Plan!.Code}&anio={Period.Year}&periodo={Period.QueryValue}" + (Punto is { Length: > 0 } p ? "&punto=" + Uri.EscapeDataString(p) : "");

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? await PageAsync() : NotFound();

    public async Task<IActionResult> OnGetDescargarAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var items = await PendingAsync();
        if (PeriodProblem is not null || Points.Count == 0 || items.Count > BulkEntryImport.MaxRows)
        {
            return await PageAsync();
        }

        var scopeLabel = Punto is { Length: > 0 } ? Points[0].Label : string.Join(", ", Points.Select(p => p.Code));
        if (scopeLabel.Length > 200)
        {
            scopeLabel = $"{Points.Count} puntos de registro";
        }

        var fileName = $"cifras-{Plan!.Code}-{Period.Year}-{Period.QueryValue}" + (Punto is { Length: > 0 } ? "-" + Points[0].Code : "") + ".xlsx";
        await db.RecordAsync(clock, User, "Carga de cifras por punto (planilla)", $"{fileName}; {items.Count} fila(s)", Plan.Id);
        return File(PointBulkWorkbook.Build(Plan, Period.Year, Period.Kind, scopeLabel, items, protection, clock.GetUtcNow()), XlsxWriter.ContentType, fileName);
    }

    public async Task<IActionResult> OnPostCargarAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Elija el archivo .xlsx que completó.");
            return await PageAsync();
        }

        FileName = PendingUploadStore.CleanFileName(Upload.FileName, "cifras.xlsx");
        if (Upload.Length > BulkEntryImport.MaxFileBytes)
        {
            Preview = PointBulkPreview.Fail(BulkEntryImport.FileTooLargeMessage);
            return await PageAsync();
        }

        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer);
        var content = buffer.ToArray();
        Preview = await import.PreviewAsync(User, Plan!, Period.Year, Period.Kind, content, FileName);
        if (Preview.CanConfirm)
        {
            Token = uploads.Save(UserId, content);
            Fingerprint = Preview.Fingerprint;
        }

        return await PageAsync();
    }

    public async Task<IActionResult> OnPostConfirmarAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var action = Accion == "Enviar" ? PointAction.Enviar : PointAction.Guardar;
        var content = uploads.Read(UserId, Token);
        if (content is null)
        {
            ConflictMessage = PendingUploadStore.ExpiredMessage;
            return await PageAsync();
        }

        Preview = await import.PreviewAsync(User, Plan!, Period.Year, Period.Kind, content, FileName);
        if (!Preview.CanConfirm || Preview.Fingerprint != Fingerprint)
        {
            ConflictMessage = ChangedMessage;
            Fingerprint = Preview.Fingerprint;
            return await PageAsync();
        }

        if (await import.ConfirmAsync(User, Preview, action) is { } problem)
        {
            ConflictMessage = problem;
            Preview = await import.PreviewAsync(User, Plan!, Period.Year, Period.Kind, content, FileName);
            Fingerprint = Preview.Fingerprint;
            return await PageAsync();
        }

        uploads.Delete(UserId, Token);
        var saved = Preview.ToSave(action == PointAction.Enviar).Count;
        TempData["Status"] = action == PointAction.Enviar
            ? $"Carga de «{FileName}»: {saved} fila(s) de cifras guardada(s) y enviada(s) a la unidad responsable para su revisión."
            : $"Carga de «{FileName}»: {saved} fila(s) de cifras guardada(s) como borrador. Recuerde enviarlas a la unidad responsable.";
        return Redirect($"/Registro/CargaPuntos?{Query}");
    }

    private async Task<IActionResult> PageAsync()
    {
        PendingCount = PeriodProblem is null && Points.Count > 0 ? (await PendingAsync()).Count : 0;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var code = await db.ResolveCodeAsync(PlanCode);
        Plan = code is null ? null : await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Code == code);
        if (Plan is null)
        {
            return false;
        }

        PlanCode = Plan.Code;
        Period = ReportPeriod.ForPlan(Plan, Anio, Periodo, clock, out var note);
        ViewData[ReportPeriod.NoteKey] = note;
        (Anio, Periodo) = (Period.Year, Period.QueryValue);
        var planningOffice = User.IsInRole(Roles.Administrador) || User.IsInRole(Roles.Planificador);
        var mine = planningOffice ? null : await scope.PointIdsAsync(User);
        var institutionId = Plan.InstitutionId;
        var points = await db.ReportingPoints.AsNoTracking()
            .Where(p => p.InstitutionId == institutionId && p.IsActive && (mine == null || mine.Contains(p.Id)))
            .OrderBy(p => p.Code).ToListAsync();
        var chosen = (Punto ?? "").Trim().ToUpperInvariant();
        Punto = points.Any(p => p.Code == chosen) ? chosen : null;
        Points = Punto is null ? points : points.Where(p => p.Code == Punto).ToList();
        AllPoints = points;
        IndicatorCount = await db.Indicators.CountAsync(i => i.PlanId == Plan.Id && i.CollectedByPoint);
        PeriodProblem = await entry.PeriodProblemAsync(Plan, Period.Year, Period.Kind);
        return true;
    }

    /// <summary>The rows of the planilla: each indicator collected by point × each chosen point, without figures or in borrador or observado.</summary>
    private async Task<List<PointBulkWorkbook.Item>> PendingAsync()
    {
        var (year, kind) = (Period.Year, Period.Kind);
        var indicators = await db.Indicators.AsNoTracking()
            .Where(i => i.PlanId == Plan!.Id && i.CollectedByPoint)
            .Include(i => i.Variables)
            .ToListAsync();
        var indicatorIds = indicators.Select(i => i.Id).ToList();
        var pointIds = Points.Select(p => p.Id).ToList();
        var submissions = (await db.PointSubmissions.AsNoTracking().Include(s => s.Figures)
                .Where(s => indicatorIds.Contains(s.IndicatorId) && pointIds.Contains(s.PointId) && s.Year == year && s.Period == kind)
                .ToListAsync())
            .ToDictionary(s => (s.IndicatorId, s.PointId));
        return indicators.OrderBy(i => i.Key, StringComparer.Ordinal)
            .SelectMany(i => Points.Select(p => new PointBulkWorkbook.Item(i, p, submissions.GetValueOrDefault((i.Id, p.Id)))))
            .Where(item => item.Submission is null || item.Submission.Status is PointSubmissionStatus.Borrador or PointSubmissionStatus.Observado)
            .ToList();
    }
}
