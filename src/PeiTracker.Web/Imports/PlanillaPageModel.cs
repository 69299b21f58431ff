using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Web.Data;
using PeiTracker.Web.Entry;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Imports;

/// <summary>
/// The round trip of a planilla page (ADR 0020, ADR 0024), one for the unit's values (/Registro/Carga) and one for the
/// reporting points' figures (/Registro/CargaPuntos): the plan and period asked for, the upload that previews (the
/// file then waits in <see cref="PendingUploadStore"/>), and the confirmation, which re-reads the file against the
/// database as it is then and saves only what the preview showed, all rows or none.
/// </summary>
public abstract class PlanillaPageModel<TPreview, TRow>(AppDbContext db, TimeProvider clock, ValueEntryService entry, PendingUploadStore uploads) : PageModel
    where TPreview : BulkPreviewOf<TRow>
    where TRow : IBulkRow
{
    [BindProperty(SupportsGet = true, Name = "plan")]
    public string? PlanCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Anio { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Periodo { get; set; }

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

    /// <summary>Why the period takes no values now (not started, closed), or null.</summary>
    public string? PeriodProblem { get; private set; }

    /// <summary>How many rows the download would hold.</summary>
    public int PendingCount { get; private set; }

    public TPreview? Preview { get; private set; }

    public string? ConflictMessage { get; private set; }

    protected AppDbContext Db => db;

    protected TimeProvider Clock => clock;

    /// <summary>The name a file without one is shown with ("carga.xlsx").</summary>
    protected abstract string DefaultFileName { get; }

    /// <summary>What a confirmation says when the data changed since the preview.</summary>
    protected abstract string ChangedMessage { get; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? await PageAsync() : NotFound();

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

        FileName = PendingUploadStore.CleanFileName(Upload.FileName, DefaultFileName);
        if (Upload.Length > BulkEntryImport.MaxFileBytes)
        {
            Preview = Fail(BulkEntryImport.FileTooLargeMessage);
            return await PageAsync();
        }

        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer);
        var content = buffer.ToArray();
        Preview = await PreviewAsync(content);
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

        var send = Accion == "Enviar";
        var content = uploads.Read(UserId, Token);
        if (content is null)
        {
            ConflictMessage = PendingUploadStore.ExpiredMessage;
            return await PageAsync();
        }

        Preview = await PreviewAsync(content);
        if (!Preview.CanConfirm || Preview.Fingerprint != Fingerprint)
        {
            // It was confirmable when previewed: whatever differs now was saved by someone in between.
            ConflictMessage = ChangedMessage;
            Fingerprint = Preview.Fingerprint;
            return await PageAsync();
        }

        if (await ConfirmAsync(Preview, send) is { } problem)
        {
            ConflictMessage = problem;
            Preview = await PreviewAsync(content);
            Fingerprint = Preview.Fingerprint;
            return await PageAsync();
        }

        uploads.Delete(UserId, Token);
        return Confirmed(Preview.ToSave(send).Count, send);
    }

    /// <summary>A preview that holds only this problem (the file could not be read).</summary>
    protected abstract TPreview Fail(string message);

    /// <summary>Reads the upload against the database as it is now, saving nothing.</summary>
    protected abstract Task<TPreview> PreviewAsync(byte[] content);

    /// <summary>Saves the previewed rows, as drafts or sent; null when everything was saved, otherwise why not.</summary>
    protected abstract Task<string?> ConfirmAsync(TPreview preview, bool send);

    /// <summary>Where a confirmed upload leads, with what it says.</summary>
    protected abstract IActionResult Confirmed(int saved, bool send);

    /// <summary>What the page offers to choose from besides the period (units, points), read after the plan.</summary>
    protected abstract Task LoadChoicesAsync();

    /// <summary>How many rows the download would hold now.</summary>
    protected abstract Task<int> CountPendingAsync();

    /// <summary>The page, with the number of rows the download would hold.</summary>
    protected async Task<IActionResult> PageAsync()
    {
        PendingCount = PeriodProblem is null ? await CountPendingAsync() : 0;
        return Page();
    }

    /// <summary>The plan and the period asked for (or the one open now), the page's choices, and why the period takes no values.</summary>
    protected async Task<bool> LoadAsync()
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
        await LoadChoicesAsync();
        PeriodProblem = await entry.PeriodProblemAsync(Plan, Period.Year, Period.Kind);
        return true;
    }
}
