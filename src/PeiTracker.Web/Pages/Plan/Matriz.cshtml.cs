using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Imports;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Pages.Plan;

/// <summary>
/// Excel round trip of the Matriz del PEI: the planning office uploads a corrected matrix, sees every
/// changed cell and every error, and only then confirms. The upload waits in a temporary file
/// (<see cref="PendingUploadStore"/>); confirming re-applies it to the current database (the same
/// domain operation as the forms) and saves nothing if the changes differ from the ones previewed.
/// Downloading is MatrizDescargar.
/// </summary>
[Authorize(Policy = Policies.EditPlan)]
[UploadLimit(2 * MatrizPeiImporter.MaxFileBytes)]
[RequestSizeLimit(2 * MatrizPeiImporter.MaxFileBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = 2 * MatrizPeiImporter.MaxFileBytes)]
public class MatrizModel(AppDbContext db, TimeProvider clock, PendingUploadStore uploads, AuditedWriter writer) : PageModel
{
    public const string ExpiredMessage =
        "La carga ya no está disponible: ya se guardó, se descartó o pasaron más de 24 horas. Vuelva a cargar el archivo.";

    public const string ChangedMessage =
        "Los datos del plan cambiaron desde la vista previa (otra persona guardó cambios). No se guardó nada: revise la nueva vista previa y confirme otra vez.";

    [BindProperty(SupportsGet = true, Name = "plan")]
    public string? PlanCode { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Token { get; set; }

    /// <summary>The previewed change list's hash, posted back with the confirmation.</summary>
    [BindProperty]
    public string? Fingerprint { get; set; }

    [BindProperty]
    public string? FileName { get; set; }

    public PlanInfo Plan { get; private set; } = null!;

    public int CurrentYear { get; private set; }

    public MatrizPreview? Preview { get; private set; }

    public string? ConflictMessage { get; private set; }

    public sealed record PlanInfo(int Id, string Code, string Name, int FirstYear, int LastYear)
    {
        public IReadOnlyList<int> Years => Enumerable.Range(FirstYear, LastYear - FirstYear + 1).ToList();
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task<IActionResult> OnGetAsync() => await LoadPlanAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostCargarAsync()
    {
        if (!await LoadPlanAsync())
        {
            return NotFound();
        }

        ValidateReason();
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Elija el archivo .xlsx de la matriz.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        FileName = PendingUploadStore.CleanFileName(Upload!.FileName, "matriz.xlsx");
        if (Upload.Length > MatrizPeiImporter.MaxFileBytes)
        {
            Preview = new MatrizPreview { Errors = [new MatrizIssue("", null, null, MatrizPeiImporter.FileTooLargeMessage)] };
            return Page();
        }

        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer);
        var content = buffer.ToArray();
        Preview = MatrizPeiImporter.Apply(content, FileName, Plan.Years, await IndicatorsAsync(tracked: false), CurrentYear, Reason!.Trim());
        if (Preview.CanApply)
        {
            Token = uploads.Save(UserId, content);
            Fingerprint = Preview.Fingerprint;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostConfirmarAsync()
    {
        if (!await LoadPlanAsync())
        {
            return NotFound();
        }

        ValidateReason();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var content = uploads.Read(UserId, Token);
        if (content is null)
        {
            ConflictMessage = ExpiredMessage;
            return Page();
        }

        var indicators = await IndicatorsAsync(tracked: true);
        var reason = Reason!.Trim();
        Preview = MatrizPeiImporter.Apply(content, FileName, Plan.Years, indicators, CurrentYear, reason);
        if (!Preview.CanApply)
        {
            db.ChangeTracker.Clear();
            uploads.Delete(UserId, Token);
            return Page();
        }

        if (Preview.Fingerprint != Fingerprint)
        {
            db.ChangeTracker.Clear();
            ConflictMessage = ChangedMessage;
            Fingerprint = Preview.Fingerprint;
            return Page();
        }

        var byId = indicators.ToDictionary(i => i.Id);
        var auditReason = $"{reason} (carga de la Matriz del PEI: {FileName})";
        var batches = new List<AuditedChanges>();
        foreach (var changes in Preview.Changes.GroupBy(c => c.IndicatorId))
        {
            // The preview just read these versions; the check covers the moment between that read and the save.
            var indicator = byId[changes.Key];
            writer.Expect(indicator, indicator.Version);
            batches.Add(new AuditedChanges(
                new AuditContext(User.Identity!.Name!, indicator.Key, auditReason, indicator.PlanId, indicator.Id),
                changes.Select(c => c.Change).ToList()));
        }

        return await writer.SaveAsync(batches) switch
        {
            WriteStatus.Conflict => await ConflictAsync(content),
            _ => Saved(),
        };
    }

    private async Task<IActionResult> ConflictAsync(byte[] content)
    {
        ConflictMessage = ChangedMessage;
        Preview = MatrizPeiImporter.Apply(content, FileName, Plan.Years, await IndicatorsAsync(tracked: false), CurrentYear, Reason!.Trim());
        Fingerprint = Preview.Fingerprint;
        return Page();
    }

    private RedirectToPageResult Saved()
    {
        uploads.Delete(UserId, Token);
        TempData["Status"] = $"Se guardaron {Preview!.Changes.Count} cambio(s) de la Matriz del PEI, cada uno con su registro en el historial.";
        return RedirectToPage(new { plan = Plan.Code });
    }

    private async Task<bool> LoadPlanAsync()
    {
        var code = await db.ResolveCodeAsync(PlanCode);
        var plan = await db.Plans.AsNoTracking()
            .Where(p => p.Code == code)
            .Select(p => new PlanInfo(p.Id, p.Code, p.Name, p.FirstYear, p.LastYear))
            .SingleOrDefaultAsync();
        if (plan is null)
        {
            return false;
        }

        Plan = plan;
        CurrentYear = PeruTime.ToLima(clock.GetUtcNow()).Year;
        return true;
    }

    private async Task<List<Indicator>> IndicatorsAsync(bool tracked)
    {
        var query = db.Indicators.Include(i => i.Targets).Where(i => i.PlanId == Plan.Id).OrderBy(i => i.Id);
        return tracked ? await query.ToListAsync() : await query.AsNoTracking().ToListAsync();
    }

    private void ValidateReason() =>
        ChangeReason.Check(ModelState, nameof(Reason), Reason, "Explique el motivo de la carga: queda en el historial de cada cifra cambiada.");
}
