using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain.Articulation;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Pages.Plan;

/// <summary>The planning office edits the causal explanation of one Anexo B-1 row, with a required reason.</summary>
[Authorize(Policy = Policies.EditPlan)]
public class EditarRelacionModel(AppDbContext db, AuditedWriter writer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ObjectiveCode { get; private set; } = "";

    public string TargetCode { get; private set; } = "";

    public string PlanCode { get; private set; } = "";

    public string? Notes { get; private set; }

    public string? ConflictMessage { get; private set; }

    public class InputModel
    {
        public string? CausalExplanation { get; set; }

        public string? Reason { get; set; }

        public uint Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var link = await FindAsync(id);
        if (link is null)
        {
            return NotFound();
        }

        Input = new InputModel { CausalExplanation = link.CausalExplanation, Version = link.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var link = await FindAsync(id);
        if (link is null)
        {
            return NotFound();
        }

        ChangeReason.Check(ModelState, "Input.Reason", Input.Reason);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        writer.Expect(link, Input.Version);
        var edit = link.EditCausalExplanation(Input.CausalExplanation);
        switch (await writer.SaveAsync(new AuditContext(User.Identity!.Name!, ObjectiveCode, Input.Reason!.Trim(), link.PlanId, null), edit))
        {
            case WriteStatus.Invalid:
                ModelState.AddEditErrors(edit, $"{nameof(Input)}.");
                return Page();
            case WriteStatus.Conflict:
                ConflictMessage = EditarEnunciadoModel.ConflictText;
                ModelState.Clear();
                return await OnGetAsync(id);
            case WriteStatus.Unchanged:
                return Done("No había cambios que guardar.");
            default:
                return Done($"{ObjectiveCode}: relación causal con {TargetCode} guardada.");
        }
    }

    private RedirectResult Done(string status)
    {
        TempData["Status"] = status;
        return Redirect($"/Plan/Articulacion?plan={Uri.EscapeDataString(PlanCode)}#oei-{ObjectiveCode}");
    }

    private async Task<SectoralLink?> FindAsync(int id)
    {
        var link = await db.SectoralLinks.Include(l => l.Plan).Include(l => l.Objective).Include(l => l.SectoralObjective).Include(l => l.SectoralAction)
            .SingleOrDefaultAsync(l => l.Id == id);
        if (link is not null)
        {
            (ObjectiveCode, TargetCode, PlanCode, Notes) = (link.Objective!.Code, link.TargetCode, link.Plan!.Code, link.Notes);
        }

        return link;
    }
}
