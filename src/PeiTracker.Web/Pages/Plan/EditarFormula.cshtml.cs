using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Editing;
using PeiTracker.Domain.Formulas;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Pages.Plan;

/// <summary>
/// The planning office defines an indicator's formula and what each variable measures, with a required reason; the
/// units then enter the variables and the value is computed. "Probar" computes a sample without saving anything.
/// </summary>
[Authorize(Policy = Policies.EditPlan)]
public class EditarFormulaModel(AppDbContext db, AuditedWriter writer) : PageModel
{
    public const string ConflictText =
        "Otra persona modificó este indicador mientras usted editaba su fórmula. Sus cambios no se guardaron: revise la fórmula actual (abajo) y vuelva a aplicarlos.";

    /// <summary>Rows offered for variables: the formula's own, plus empty ones for variables a new formula adds.</summary>
    public const int SpareRows = 3;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Indicator Indicator { get; private set; } = null!;

    public string? ConflictMessage { get; private set; }

    public class InputModel
    {
        public string? Formula { get; set; }

        public List<VariableInput> Variables { get; set; } = [];

        public string? Reason { get; set; }

        public uint Version { get; set; }

        /// <summary>"Se registra por punto de registro": each point enters the variables, the value is the formula on their sums.</summary>
        public bool CollectedByPoint { get; set; }
    }

    public class VariableInput
    {
        public string? Code { get; set; }

        public string? Name { get; set; }

        public string? Source { get; set; }

        public string? Unit { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input = new InputModel
        {
            Formula = Indicator.ParsedFormula.Text,
            Variables = Indicator.Variables.OrderBy(v => v.SortOrder)
                .Select(v => new VariableInput { Code = v.Code, Name = v.Name, Source = v.Source, Unit = v.Unit })
                .Concat(Enumerable.Range(0, SpareRows).Select(_ => new VariableInput()))
                .ToList(),
            Version = Indicator.Version,
            CollectedByPoint = Indicator.CollectedByPoint,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(Input.Reason))
        {
            ModelState.AddModelError("Input.Reason", ChangeReason.RequiredMessage);
        }
        else if (Input.Reason.Length > ChangeReason.MaxLength)
        {
            ModelState.AddModelError("Input.Reason", ChangeReason.TooLongMessage);
        }

        if (!ModelState.IsValid)
        {
            if (Formula.Parse(Input.Formula).Error is { } formulaError)
            {
                ModelState.AddModelError("Input." + Indicator.FormulaField, formulaError);
            }

            return Page();
        }

        var definitions = Input.Variables.Where(v => !string.IsNullOrWhiteSpace(v.Code))
            .Select(v => new VariableDefinition(v.Code!.Trim(), v.Name, v.Source, v.Unit)).ToList();
        writer.Expect(Indicator, Input.Version);
        var formulaEdit = Indicator.EditFormula(Input.Formula, definitions);
        if (!formulaEdit.IsValid)
        {
            ModelState.AddEditErrors(formulaEdit, "Input.");
            return Page();
        }

        var edit = EditResult.Applied([.. formulaEdit.Changes, .. Indicator.SetCollectedByPoint(Input.CollectedByPoint).Changes]);

        var context = new AuditContext(User.Identity!.Name!, Indicator.Key, Input.Reason!.Trim(), Indicator.PlanId, Indicator.Id);
        switch (await writer.SaveAsync(context, edit))
        {
            case WriteStatus.Conflict:
                ConflictMessage = ConflictText;
                ModelState.Clear();
                db.ChangeTracker.Clear();
                return await OnGetAsync(id);
            case WriteStatus.Unchanged:
                TempData["Status"] = $"{Indicator.PublishedCode}: la fórmula no tenía cambios que guardar.";
                break;
            default:
                TempData["Status"] = $"{Indicator.PublishedCode}: fórmula guardada ({Indicator.Formula}). Los valores se registrarán por sus variables.";
                break;
        }

        return RedirectToPage("Indicador", new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var indicator = await db.Indicators.Include(i => i.Variables).Include(i => i.Plan).SingleOrDefaultAsync(i => i.Id == id);
        if (indicator is null)
        {
            return false;
        }

        Indicator = indicator;
        return true;
    }
}
