using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain.Articulation;
using PeiTracker.Domain.Editing;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Pages.Plan;

/// <summary>The planning office sets the vinculación con la PGG of an OEI or an AEI, with a required reason.</summary>
[Authorize(Policy = Policies.EditPlan)]
public class EditarPggModel(AppDbContext db, AuditedWriter writer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Code { get; private set; } = "";

    public string Statement { get; private set; } = "";

    public string PlanCode { get; private set; } = "";

    public string? Notes { get; private set; }

    public string? ConflictMessage { get; private set; }

    public class InputModel
    {
        public string? Status { get; set; }

        public string? Eje { get; set; }

        public string? Lineamiento { get; set; }

        public string? Reason { get; set; }

        public uint Version { get; set; }
    }

    public static IReadOnlyList<(PggStatus Value, string Label)> Choices { get; } =
    [
        (PggStatus.Vinculado, "Vinculado a un eje y lineamiento"),
        (PggStatus.NoPriorizado, "No priorizado"),
        (PggStatus.SinDato, "Sin dato (pendiente)"),
    ];

    public async Task<IActionResult> OnGetAsync(string kind, int id)
    {
        var item = await FindAsync(kind, id);
        if (item is null)
        {
            return NotFound();
        }

        Input = new InputModel
        {
            Status = item.Pgg.Status.ToString(),
            Eje = item.Pgg.Eje?.ToString(CultureInfo.InvariantCulture),
            Lineamiento = item.Pgg.Lineamiento,
            Version = item.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kind, int id)
    {
        var item = await FindAsync(kind, id);
        if (item is null)
        {
            return NotFound();
        }

        ChangeReason.Check(ModelState, "Input.Reason", Input.Reason);
        var proposed = Proposed();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        writer.Expect(item.Entity, Input.Version);
        var edit = item.SetPgg(proposed!);
        return await writer.SaveAsync(new AuditContext(User.Identity!.Name!, Code, Input.Reason!.Trim(), item.PlanId, null), edit) switch
        {
            WriteStatus.Invalid => Refused(edit),
            WriteStatus.Conflict => await ConflictAsync(kind, id),
            WriteStatus.Unchanged => Done("No había cambios que guardar."),
            _ => Done($"{Code}: vinculación con la PGG guardada ({proposed!.Normalized().Describe()})."),
        };
    }

    /// <summary>The alignment the form describes; a message on the form (and null) when a field cannot be read.</summary>
    private PggAlignment? Proposed()
    {
        var status = Enum.TryParse<PggStatus>(Input.Status, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(Input.Status, out _) ? parsed : (PggStatus)(-1);
        int? eje = null;
        if (!string.IsNullOrWhiteSpace(Input.Eje))
        {
            if (!int.TryParse(Input.Eje.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                ModelState.AddModelError("Input.Eje", ArticulationMessages.PggEje);
                return null;
            }

            eje = number;
        }

        return new PggAlignment(status, eje, string.IsNullOrWhiteSpace(Input.Lineamiento) ? null : Input.Lineamiento);
    }

    private PageResult Refused(EditResult edit)
    {
        ModelState.AddEditErrors(edit, $"{nameof(Input)}.");
        return Page();
    }

    private async Task<IActionResult> ConflictAsync(string kind, int id)
    {
        ConflictMessage = EditarEnunciadoModel.ConflictText;
        ModelState.Clear();
        return await OnGetAsync(kind, id);
    }

    private RedirectResult Done(string status)
    {
        TempData["Status"] = status;
        return Redirect($"/Plan/Articulacion?plan={Uri.EscapeDataString(PlanCode)}#{(Code.StartsWith("OEI", StringComparison.Ordinal) ? "oei" : "aei")}-{Code}");
    }

    /// <summary>What the page edits, whether an OEI or an AEI, and its operation.</summary>
    private sealed record Editable(object Entity, PggAlignment Pgg, uint Version, int PlanId, Func<PggAlignment, EditResult> SetPgg);

    private async Task<Editable?> FindAsync(string kind, int id)
    {
        if (kind == EditarEnunciadoModel.ObjectiveKind)
        {
            var objective = await db.Objectives.Include(o => o.Plan).SingleOrDefaultAsync(o => o.Id == id);
            if (objective is null)
            {
                return null;
            }

            (Code, Statement, PlanCode, Notes) = (objective.Code, objective.Statement, objective.Plan!.Code, objective.ArticulationNotes);
            return new Editable(objective, objective.Pgg, objective.Version, objective.PlanId, objective.SetPgg);
        }

        var action = await db.Actions.Include(a => a.Plan).SingleOrDefaultAsync(a => a.Id == id);
        if (action is null)
        {
            return null;
        }

        (Code, Statement, PlanCode, Notes) = (action.Code, action.Statement, action.Plan!.Code, action.ArticulationNotes);
        return new Editable(action, action.Pgg, action.Version, action.PlanId, action.SetPgg);
    }
}
