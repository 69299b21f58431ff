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
public class CargaPuntosModel(AppDbContext db, UserScope scope, TimeProvider clock, ValueEntryService entry, PointBulkImport import, PendingUploadStore uploads, IDataProtectionProvider protection)
    : PlanillaPageModel<PointBulkPreview, PointBulkRow>(db, clock, entry, uploads)
{
    public const string FiguresChangedMessage =
        "Las cifras cambiaron desde la vista previa (otra persona guardó cambios). No se guardó nada: revise la nueva vista previa y confirme otra vez.";

    public const string TooManyMessage =
        "Son demasiadas filas para una planilla: elija un punto de registro arriba y descargue su planilla.";

    /// <summary>The one point whose figures the planilla holds (null: every point the person enters for).</summary>
    [BindProperty(SupportsGet = true, Name = "punto")]
    public string? Punto { get; set; }

    /// <summary>The active points the planilla holds: the chosen one, or every one the person enters for (the institution's for the OGPP).</summary>
    public IReadOnlyList<ReportingPoint> Points { get; private set; } = [];

    /// <summary>Every point the person may choose from, for the filter.</summary>
    public IReadOnlyList<ReportingPoint> AllPoints { get; private set; } = [];

    /// <summary>How many indicators of the plan are collected by point.</summary>
    public int IndicatorCount { get; private set; }

    /// <summary>The query string of this page's plan, period and point.</summary>
    public string Query => $"plan={Plan!.Code}&anio={Period.Year}&periodo={Period.QueryValue}" + (Punto is { Length: > 0 } p ? "&punto=" + Uri.EscapeDataString(p) : "");

    protected override string DefaultFileName => "cifras.xlsx";

    protected override string ChangedMessage => FiguresChangedMessage;

    public async Task<IActionResult> OnGetDescargarAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var items = PeriodProblem is null && Points.Count > 0 ? await PendingAsync() : [];
        if (items.Count == 0 || items.Count > BulkEntryImport.MaxRows)
        {
            return await PageAsync();
        }

        var scopeLabel = Punto is { Length: > 0 } ? Points[0].Label : string.Join(", ", Points.Select(p => p.Code));
        if (scopeLabel.Length > 200)
        {
            scopeLabel = $"{Points.Count} puntos de registro";
        }

        var fileName = $"cifras-{Plan!.Code}-{Period.Year}-{Period.QueryValue}" + (Punto is { Length: > 0 } ? "-" + Points[0].Code : "") + ".xlsx";
        await Db.RecordAsync(Clock, User, "Carga de cifras por punto (planilla)", $"{fileName}; {items.Count} fila(s)", Plan.Id);
        return File(PointBulkWorkbook.Build(Plan, Period.Year, Period.Kind, scopeLabel, items, protection, Clock.GetUtcNow()), XlsxWriter.ContentType, fileName);
    }

    protected override PointBulkPreview Fail(string message) => PointBulkPreview.Fail(message);

    protected override Task<PointBulkPreview> PreviewAsync(byte[] content) => import.PreviewAsync(User, Plan!, Period.Year, Period.Kind, content, FileName);

    protected override Task<string?> ConfirmAsync(PointBulkPreview preview, bool send) => import.ConfirmAsync(User, preview, send ? PointAction.Enviar : PointAction.Guardar);

    protected override IActionResult Confirmed(int saved, bool send)
    {
        TempData["Status"] = send
            ? $"Carga de «{FileName}»: {saved} fila(s) de cifras guardada(s) y enviada(s) a la unidad responsable para su revisión."
            : $"Carga de «{FileName}»: {saved} fila(s) de cifras guardada(s) como borrador. Recuerde enviarlas a la unidad responsable.";
        return Redirect($"/Registro/CargaPuntos?{Query}");
    }

    protected override async Task LoadChoicesAsync()
    {
        var planningOffice = User.IsInRole(Roles.Administrador) || User.IsInRole(Roles.Planificador);
        var mine = planningOffice ? null : await scope.PointIdsAsync(User);
        var (institutionId, planId) = (Plan!.InstitutionId, Plan.Id);
        AllPoints = await Db.ReportingPoints.AsNoTracking()
            .Where(p => p.InstitutionId == institutionId && p.IsActive && (mine == null || mine.Contains(p.Id)))
            .OrderBy(p => p.Code).ToListAsync();
        var chosen = (Punto ?? "").Trim().ToUpperInvariant();
        Punto = AllPoints.Any(p => p.Code == chosen) ? chosen : null;
        Points = Punto is null ? AllPoints : AllPoints.Where(p => p.Code == Punto).ToList();
        IndicatorCount = await Db.Indicators.CountAsync(i => i.PlanId == planId && i.CollectedByPoint);
    }

    protected override async Task<int> CountPendingAsync() => Points.Count == 0 ? 0 : (await PendingAsync()).Count;

    /// <summary>The rows of the planilla: each indicator collected by point × each chosen point, without figures or in borrador or observado.</summary>
    private async Task<List<PointBulkWorkbook.Item>> PendingAsync()
    {
        var (year, kind) = (Period.Year, Period.Kind);
        var indicators = await Db.Indicators.AsNoTracking()
            .Where(i => i.PlanId == Plan!.Id && i.CollectedByPoint)
            .Include(i => i.Variables)
            .ToListAsync();
        var indicatorIds = indicators.Select(i => i.Id).ToList();
        var pointIds = Points.Select(p => p.Id).ToList();
        var submissions = (await Db.PointSubmissions.AsNoTracking().Include(s => s.Figures)
                .Where(s => indicatorIds.Contains(s.IndicatorId) && pointIds.Contains(s.PointId) && s.Year == year && s.Period == kind)
                .ToListAsync())
            .ToDictionary(s => (s.IndicatorId, s.PointId));
        return indicators.OrderBy(i => i.Key, StringComparer.Ordinal)
            .SelectMany(i => Points.Select(p => new PointBulkWorkbook.Item(i, p, submissions.GetValueOrDefault((i.Id, p.Id)))))
            .Where(item => item.Submission is null || item.Submission.Status is PointSubmissionStatus.Borrador or PointSubmissionStatus.Observado)
            .ToList();
    }
}
