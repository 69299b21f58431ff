using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;

namespace PeiTracker.Web.Pages.Plan;

/// <summary>The planning office edits the statement and priority of an OEI or an AEI, with a required reason.</summary>
[Authorize(Policy = Policies.EditPlan)]
public class EditarEnunciadoModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const string ObjectiveKind = "Objetivo";

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

        if (string.IsNullOrWhiteSpace(Input.Statement))
        {
            ModelState.AddModelError("Input.Statement", "El enunciado es obligatorio.");
        }
        else if (Input.Statement.Length > 2000)
        {
            ModelState.AddModelError("Input.Statement", "El enunciado no puede superar los 2000 caracteres.");
        }

        if (Input.Priority is < 1 or > 99)
        {
            ModelState.AddModelError("Input.Priority", "La prioridad debe ser un número entre 1 y 99.");
        }

        if (string.IsNullOrWhiteSpace(Input.Reason))
        {
            ModelState.AddModelError("Input.Reason", "Explique el motivo del cambio: queda en el historial.");
        }
        else if (Input.Reason.Length > 1000)
        {
            ModelState.AddModelError("Input.Reason", "El motivo no puede superar los 1000 caracteres.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (item.Version != Input.Version)
        {
            ConflictMessage = "Otra persona modificó este elemento mientras usted lo editaba. Sus cambios no se guardaron: estos son los datos actuales.";
            ModelState.Clear();
            return await OnGetAsync(kind, id);
        }

        var now = clock.GetUtcNow();
        var auditKind = IsObjective ? AuditKind.Objetivo : AuditKind.Accion;
        var statement = Input.Statement.Trim();
        var changes = 0;
        if (statement != item.Statement)
        {
            db.AddAudit(now, User.Identity!.Name!, auditKind, Code, "Enunciado", item.Statement, statement, Input.Reason!.Trim(), item.PlanId);
            item.SetStatement(statement);
            changes++;
        }

        if (Input.Priority != item.Priority)
        {
            db.AddAudit(now, User.Identity!.Name!, auditKind, Code, "Prioridad", item.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Input.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture), Input.Reason!.Trim(), item.PlanId);
            item.SetPriority(Input.Priority);
            changes++;
        }

        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ConflictMessage = "Otra persona guardó cambios en este elemento al mismo tiempo. Sus cambios no se guardaron: estos son los datos actuales.";
            ModelState.Clear();
            return await OnGetAsync(kind, id);
        }

        TempData["Status"] = changes == 0 ? "No había cambios que guardar." : $"{Code}: se guardaron {changes} cambio(s).";
        return Redirect($"/Plan?plan={Uri.EscapeDataString(PlanCode)}#{(IsObjective ? "oei" : "aei")}-{Code}");
    }

    /// <summary>What the page edits, whether an OEI or an AEI.</summary>
    private sealed record Editable(string Statement, int Priority, uint Version, int PlanId, Action<string> SetStatement, Action<int> SetPriority);

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
            return new Editable(objective.Statement, objective.Priority, objective.Version, objective.PlanId, s => objective.Statement = s, p => objective.Priority = p);
        }

        var action = await db.Actions.Include(a => a.Plan).SingleOrDefaultAsync(a => a.Id == id);
        if (action is null)
        {
            return null;
        }

        (Code, PlanCode) = (action.Code, action.Plan!.Code);
        return new Editable(action.Statement, action.Priority, action.Version, action.PlanId, s => action.Statement = s, p => action.Priority = p);
    }
}
