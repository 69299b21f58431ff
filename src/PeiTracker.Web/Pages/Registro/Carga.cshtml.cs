using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Entry;
using PeiTracker.Web.Data;
using PeiTracker.Web.Entry;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Imports;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Pages.Registro;

/// <summary>
/// Bulk entry by Excel (ADR 0020): a person downloads their pending indicators of a period as .xlsx, fills values or
/// variables, uploads the file, reads a preview with every change and every error (sheet, row, column), and confirms
/// as drafts or sent. The file waits in <see cref="PendingUploadStore"/> between preview and confirmation; every row
/// goes through <see cref="ValueEntryService"/>, the one write path of values.
/// </summary>
[Authorize(Roles = $"{Roles.Administrador},{Roles.Planificador},{Roles.Registrador}")]
[UploadLimit(2 * BulkEntryImport.MaxFileBytes)]
[RequestSizeLimit(2 * BulkEntryImport.MaxFileBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = 2 * BulkEntryImport.MaxFileBytes)]
public class CargaModel(AppDbContext db, UserScope scope, TimeProvider clock, ValueEntryService entry, BulkEntryImport import, PendingUploadStore uploads, IDataProtectionProvider protection) : PageModel
{
    public const string ChangedMessage =
        "Los valores cambiaron desde la vista previa (otra persona guardó cambios). No se guardó nada: revise la nueva vista previa y confirme otra vez.";

    [BindProperty(SupportsGet = true, Name = "plan")]
    public string? PlanCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Anio { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Periodo { get; set; }

    /// <summary>The unit whose indicators the planning office downloads (null: all).</summary>
    [BindProperty(SupportsGet = true)]
    public int? Unidad { get; set; }

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

    public bool IsPlanningOffice { get; private set; }

    public IReadOnlyList<(int Id, string Label)> Units { get; private set; } = [];

    /// <summary>Why the period takes no values now (not started, closed), or null.</summary>
    public string? PeriodProblem { get; private set; }

    public int PendingCount { get; private set; }

    public BulkPreview? Preview { get; private set; }

    public string? ConflictMessage { get; private set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        return await PageAsync();
    }

    public async Task<IActionResult> OnGetDescargarAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (PeriodProblem is not null)
        {
            return await PageAsync();
        }

        var items = await PendingAsync();
        var now = clock.GetUtcNow();
        var unit = Unidad is { } id ? Units.FirstOrDefault(u => u.Id == id).Label : null;
        var scopeLabel = IsPlanningOffice ? unit ?? "Todas las unidades orgánicas" : string.Join(", ", items.SelectMany(i => i.Indicator.ResponsibleUnits).Select(u => u.Unit!.Acronym).Distinct().Order(StringComparer.Ordinal).DefaultIfEmpty("Su unidad orgánica"));
        var fileName = $"carga-{Plan!.Code}-{Period.Year}-{Period.QueryValue}.xlsx";
        await db.RecordAsync(clock, User, "Carga de valores (planilla)", $"{fileName}; {items.Count} indicador(es)", Plan.Id);
        var bytes = BulkEntryWorkbook.Build(Plan, Period.Year, Period.Kind, scopeLabel, items, protection, now);
        return File(bytes, XlsxWriter.ContentType, fileName);
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

        FileName = PendingUploadStore.CleanFileName(Upload.FileName, "carga.xlsx");
        if (Upload.Length > BulkEntryImport.MaxFileBytes)
        {
            Preview = BulkPreview.Fail(BulkEntryImport.FileTooLargeMessage);
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

        var action = Accion == "Enviar" ? WorkflowAction.Enviar : WorkflowAction.Guardar;
        var content = uploads.Read(UserId, Token);
        if (content is null)
        {
            ConflictMessage = PendingUploadStore.ExpiredMessage;
            return await PageAsync();
        }

        Preview = await import.PreviewAsync(User, Plan!, Period.Year, Period.Kind, content, FileName);
        if (!Preview.CanConfirm || Preview.Fingerprint != Fingerprint)
        {
            // It was confirmable when previewed: whatever differs now was saved by someone in between.
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
        var sent = Preview.ToSave(action == WorkflowAction.Enviar).Count;
        TempData["Status"] = action == WorkflowAction.Enviar
            ? $"Carga de «{FileName}»: {sent} valor(es) guardado(s) y enviado(s) a la OGPP para su validación."
            : $"Carga de «{FileName}»: {sent} valor(es) guardado(s) como borrador. Recuerde enviarlos a la OGPP.";
        return Redirect($"/Registro?plan={Plan!.Code}&anio={Period.Year}&periodo={Period.QueryValue}");
    }

    /// <summary>The page, with the number of indicators the download would hold.</summary>
    private async Task<IActionResult> PageAsync()
    {
        PendingCount = PeriodProblem is null ? (await PendingAsync()).Count : 0;
        return Page();
    }

    /// <summary>The plan and the period asked for (or the one open now), what the person may choose, and why the period takes no values.</summary>
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
        Anio = Period.Year;
        Periodo = Period.QueryValue;
        IsPlanningOffice = User.IsInRole(Roles.Administrador) || User.IsInRole(Roles.Planificador);
        if (IsPlanningOffice)
        {
            Units = (await db.Indicators.AsNoTracking().Where(i => i.PlanId == Plan.Id).SelectMany(i => i.ResponsibleUnits).Select(u => new { u.Unit!.Id, u.Unit.Acronym, u.Unit.Name }).Distinct().ToListAsync())
                .OrderBy(u => u.Acronym, StringComparer.Ordinal).Select(u => (u.Id, $"{u.Acronym} · {u.Name}")).ToList();
        }

        PeriodProblem = await entry.PeriodProblemAsync(Plan, Period.Year, Period.Kind);
        return true;
    }

    /// <summary>
    /// The person's indicators without a value for the period, or with one in borrador or observado; not those
    /// collected by point, whose value is computed from the points' figures (/Registro/CargaPuntos).
    /// </summary>
    private async Task<List<BulkEntryWorkbook.Item>> PendingAsync()
    {
        var (year, kind) = (Period.Year, Period.Kind);
        IReadOnlySet<int>? units = IsPlanningOffice ? Unidad is { } unit ? new HashSet<int> { unit } : null : await scope.UnitIdsAsync(User);
        var indicators = await db.Indicators.AsNoTracking()
            .Where(i => i.PlanId == Plan!.Id && !i.CollectedByPoint)
            .Where(i => units == null || i.ResponsibleUnits.Any(u => units.Contains(u.UnitId)))
            .Include(i => i.Variables)
            .Include(i => i.ResponsibleUnits).ThenInclude(u => u.Unit)
            .Include(i => i.Values.Where(v => v.Year == year && v.Period == kind)).ThenInclude(v => v.Variables)
            .AsSplitQuery()
            .ToListAsync();
        return indicators
            .Select(i => new BulkEntryWorkbook.Item(i, i.Values.SingleOrDefault()))
            .Where(i => i.Value is null || i.Value.Status is ValueStatus.Borrador or ValueStatus.Observado)
            .OrderBy(i => i.Indicator.Key, StringComparer.Ordinal)
            .ToList();
    }
}
