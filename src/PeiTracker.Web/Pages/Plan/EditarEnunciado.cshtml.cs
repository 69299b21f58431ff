using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain.Editing;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Pages.Plan;

/// <summary>The planning office edits the statement and priority of an OEI or an AEI, with a required reason.</summary>
[Authorize(Policy = Policies.EditPlan)]
public class EditarEnunciadoModel(AppDbContext db, AuditedWriter writer) : PageModel
{
    public const string ObjectiveKind = "Objetivo";

    public const string ConflictText =
        "Otra persona modificó este elemento mientras usted lo editaba. Sus cambios no se guardaron: estos son los datos actuales.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Code { get; private set; } = "";

    public string PlanCode { get; private set; } = "";

    public bool IsObjective { get; private set; }

    public string? ConflictMessage { get; private set; }

    public class InputModel
    {
        public string Statement { get; set; } = "";

        public int Priority { get; set; }

        public string? Reason { get; set; }

        public uint Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string kind, int id)
    {
        var item = await FindAsync(kind, id);
        if (item is null)
        {
            return NotFound();
        }

        Input = new InputModel { Statement = item.Statement, Priority = item.Priority, Version = item.Version };
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

        if (!ModelState.IsValid)
        {
            return Page();
        }

        writer.Expect(item.Entity, Input.Version);
        var edit = item.Edit(Input.Statement ?? "", Input.Priority);
        return await writer.SaveAsync(new AuditContext(User.Identity!.Name!, Code, Input.Reason!.Trim(), item.PlanId, null), edit) switch
        {
            WriteStatus.Invalid => Refused(edit),
            WriteStatus.Conflict => await ConflictAsync(kind, id),
            WriteStatus.Unchanged => Done("No había cambios que guardar."),
            _ => Done($"{Code}: se guardaron {edit.Changes.Count} cambio(s)."),
        };
    }

    private PageResult Refused(EditResult edit)
    {
        ModelState.AddEditErrors(edit, $"{nameof(Input)}.");
        return Page();
    }

    private async Task<IActionResult> ConflictAsync(string kind, int id)
    {
        ConflictMessage = ConflictText;
        ModelState.Clear();
        return await OnGetAsync(kind, id);
    }

    private RedirectResult Done(string status)
    {
        TempData["Status"] = status;
        return Redirect($"/Plan?plan={Uri.EscapeDataString(PlanCode)}#{(IsObjective ? "oei" : "aei")}-{Code}");
    }

    /// <summary>What the page edits, whether an OEI or an AEI, and its operation.</summary>
    private sealed record Editable(object Entity, string Statement, int Priority, uint Version, int PlanId, Func<string, int, EditResult> Edit);

    private async Task<Editable?> FindAsync(string kind, int id)
    {
        IsObjective = kind == ObjectiveKind;
        if (IsObjective)
        {
            var objective = await db.Objectives.Include(o => o.Plan).SingleOrDefaultAsync(o => o.Id == id);
            if (objective is null)
            {
                return null;
            }

            (Code, PlanCode) = (objective.Code, objective.Plan!.Code);
            return new Editable(objective, objective.Statement, objective.Priority, objective.Version, objective.PlanId, objective.Edit);
        }

        var action = await db.Actions.Include(a => a.Plan).SingleOrDefaultAsync(a => a.Id == id);
        if (action is null)
        {
            return null;
        }

        (Code, PlanCode) = (action.Code, action.Plan!.Code);
        return new Editable(action, action.Statement, action.Priority, action.Version, action.PlanId, action.Edit);
    }
}
