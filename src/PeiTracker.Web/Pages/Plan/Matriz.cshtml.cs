using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Imports;
using PeiTracker.Web.Infrastructure;

namespace PeiTracker.Web.Pages.Plan;

/// <summary>
/// Excel round trip of the Matriz del PEI: the planning office uploads a corrected matrix, sees every
/// changed cell and every error, and only then confirms. The upload waits in a temporary file
/// (<see cref="PendingUploadStore"/>); confirming re-reads it against the current database and
/// saves nothing if the changes differ from the ones previewed. Downloading is MatrizDescargar.
/// </summary>
[Authorize(Policy = Policies.EditPlan)]
[UploadLimit(2 * MatrizPeiImporter.MaxFileBytes)]
[RequestSizeLimit(2 * MatrizPeiImporter.MaxFileBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = 2 * MatrizPeiImporter.MaxFileBytes)]
public class MatrizModel(AppDbContext db, TimeProvider clock, PendingUploadStore uploads) : PageModel
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

        FileName = CleanFileName(Upload!.FileName);
        if (Upload.Length > MatrizPeiImporter.MaxFileBytes)
        {
            Preview = new MatrizPreview { Errors = [new MatrizIssue("", null, null, MatrizPeiImporter.FileTooLargeMessage)] };
            return Page();
        }

        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer);
        var content = buffer.ToArray();
        Preview = MatrizPeiImporter.Preview(content, FileName, Plan.Years, await IndicatorsAsync(tracked: false), CurrentYear);
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
        Preview = MatrizPeiImporter.Preview(content, FileName, Plan.Years, indicators, CurrentYear);
        if (!Preview.CanApply)
        {
            uploads.Delete(UserId, Token);
            return Page();
        }

        if (Preview.Fingerprint != Fingerprint)
        {
            ConflictMessage = ChangedMessage;
            Fingerprint = Preview.Fingerprint;
            return Page();
        }

        Apply(Preview, indicators);
        try
        {
            // One SaveChanges: every cell and its audit row are written in one transaction, or none is.
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            ConflictMessage = ChangedMessage;
            Preview = MatrizPeiImporter.Preview(content, FileName, Plan.Years, await IndicatorsAsync(tracked: false), CurrentYear);
            Fingerprint = Preview.Fingerprint;
            return Page();
        }

        uploads.Delete(UserId, Token);
        TempData["Status"] = $"Se guardaron {Preview.Changes.Count} cambio(s) de la Matriz del PEI, cada uno con su registro en el historial.";
        return RedirectToPage(new { plan = Plan.Code });
    }

    /// <summary>Same rules as the target form (Metas): a started year's target is revised, keeping the original.</summary>
    private void Apply(MatrizPreview preview, IReadOnlyList<Indicator> indicators)
    {
        var now = clock.GetUtcNow();
        var user = User.Identity!.Name!;
        var reason = Reason!.Trim();
        var auditReason = $"{reason} (carga de la Matriz del PEI: {FileName})";
        var byId = indicators.ToDictionary(i => i.Id);
        foreach (var change in preview.Changes)
        {
            var indicator = byId[change.IndicatorId];
            var kind = AuditKind.LineaBase;
            var field = change.FieldName;
            switch (change.Field)
            {
                case MatrizField.BaselineYear:
                    indicator.BaselineYear = change.After is { } year ? (int)year : null;
                    break;
                case MatrizField.BaselineValue:
                    indicator.BaselineValue = change.After;
                    break;
                default:
                    kind = AuditKind.Meta;
                    field = change.IsRevision ? $"{field} (revisión)" : field;
                    indicator.SetTarget(change.Year!.Value, change.After, CurrentYear, reason);
                    break;
            }

            db.AddAudit(now, user, kind, indicator.Key, field, AuditExtensions.Show(change.Before), AuditExtensions.Show(change.After), auditReason, indicator.PlanId, indicator.Id);
        }
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

    private void ValidateReason()
    {
        if (string.IsNullOrWhiteSpace(Reason))
        {
            ModelState.AddModelError(nameof(Reason), "Explique el motivo de la carga: queda en el historial de cada cifra cambiada.");
        }
        else if (Reason.Length > 1000)
        {
            ModelState.AddModelError(nameof(Reason), "El motivo no puede superar los 1000 caracteres.");
        }
    }

    private static string CleanFileName(string name)
    {
        var clean = Path.GetFileName(name.Replace('\\', '/')).Trim();
        var extension = Path.GetExtension(clean) is { Length: <= 10 } ext ? ext : "";
        return clean.Length == 0 ? "matriz.xlsx" : clean.Length > 120 ? clean[..(120 - extension.Length)] + extension : clean;
    }
}
