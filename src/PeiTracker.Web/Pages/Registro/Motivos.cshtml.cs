using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Pages.Registro;

/// <summary>
/// The planning office's saved reasons for observing a value, offered in "Por validar": added, edited and removed
/// through the audited writer, with their history. A saved reason is a text to reuse, not a record of the plan,
/// so a change needs no reason of its own: the history keeps who changed which text and when.
/// </summary>
[Authorize(Policy = Policies.EditPlan)]
public class MotivosModel(AppDbContext db, InstitutionScope scope, AuditedWriter writer) : PageModel
{
    public const string ConflictText = "Otra persona cambió o quitó este motivo mientras usted lo editaba. No se guardó nada: esta es la lista actual.";
    public const string NotFoundText = "Ese motivo ya no existe.";

    public IReadOnlyList<ObservationReason> Reasons { get; private set; } = [];

    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    /// <summary>The reason whose form showed an error (null: the form to add one), and the text the person typed.</summary>
    public int? FailedReasonId { get; private set; }

    public string? TypedText { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddAsync([FromForm(Name = "Input.Text")] string? text)
    {
        var institutionId = scope.HomeInstitutionId!.Value;
        var (reason, result) = ObservationReason.Create(institutionId, text ?? "", await OwnAsync().ToListAsync());
        if (reason is not null)
        {
            db.ObservationReasons.Add(reason);
        }

        return await SaveAsync(result, null, text, $"Motivo guardado: «{reason?.Text}».");
    }

    public async Task<IActionResult> OnPostEditAsync(int reasonId, uint version, [FromForm(Name = "Input.Text")] string? text)
    {
        var all = await db.ObservationReasons.Where(r => r.InstitutionId == scope.HomeInstitutionId).ToListAsync();
        if (all.SingleOrDefault(r => r.Id == reasonId) is not { } reason)
        {
            return NotFound();
        }

        writer.Expect(reason, version);
        return await SaveAsync(reason.Edit(text ?? "", all), reasonId, text, $"Motivo actualizado: «{reason.Text}».");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int reasonId, uint version)
    {
        var reason = await db.ObservationReasons.SingleOrDefaultAsync(r => r.Id == reasonId && r.InstitutionId == scope.HomeInstitutionId);
        if (reason is null)
        {
            return NotFound();
        }

        writer.Expect(reason, version);
        db.ObservationReasons.Remove(reason);
        return await SaveAsync(reason.Remove(), reasonId, null, $"Motivo quitado: «{reason.Text}». Los valores ya observados conservan su motivo.");
    }

    private async Task<IActionResult> SaveAsync(Domain.Editing.EditResult result, int? reasonId, string? typed, string saved)
    {
        var context = new AuditContext(User.Identity!.Name!, ObservationReason.Subject, null, null, null);
        switch (await writer.SaveAsync(context, result))
        {
            case WriteStatus.Saved:
                TempData["Status"] = saved;
                return RedirectToPage();
            case WriteStatus.Unchanged:
                TempData["Status"] = "No había cambios que guardar.";
                return RedirectToPage();
            case WriteStatus.Conflict:
                // The list shows what is stored now; the text typed over a changed reason is not kept.
                ModelState.AddModelError(string.Empty, ConflictText);
                typed = null;
                break;
            default:
                ModelState.AddEditErrors(result, "Input.");
                break;
        }

        FailedReasonId = reasonId;
        TypedText = typed;
        await LoadAsync();
        return Page();
    }

    private IQueryable<ObservationReason> OwnAsync() => db.ObservationReasons.AsNoTracking().Where(r => r.InstitutionId == scope.HomeInstitutionId);

    private async Task LoadAsync()
    {
        Reasons = await OwnAsync().OrderBy(r => r.Text).ToListAsync();
        History = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Kind == AuditKind.MotivoObservacion && a.InstitutionId == scope.HomeInstitutionId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(50)
            .ToListAsync();
    }
}
