using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Editing;
using PeiTracker.Web.Data;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Pages.Administracion;

/// <summary>
/// The progress rules of a plan (thresholds, cap, weighting...) and the unidad ejecutora its institution's reports
/// print, editable by an administrator; each form saves on its own, with its reason, through the audited writer.
/// </summary>
public class ConfiguracionModel(AppDbContext db, AuditedWriter writer) : PageModel
{
    public const string ConflictText =
        "El plan cambió mientras usted editaba sus reglas (otra persona guardó reglas o datos del plan). No se guardó nada: estas son las reglas actuales; vuelva a aplicar su cambio.";

    public const string UnitConflictText =
        "Otra persona cambió la unidad ejecutora mientras usted la editaba. No se guardó nada: esta es la actual; vuelva a aplicar su cambio.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public ExecutingUnitInput Unit { get; set; } = new();

    public string PlanCode { get; private set; } = "";

    public string PlanName { get; private set; } = "";

    public class InputModel
    {
        public string GreenThreshold { get; set; } = "";

        public string YellowThreshold { get; set; } = "";

        public bool CapEnabled { get; set; }

        public string Cap { get; set; } = "";

        public WeightingRule Weighting { get; set; }

        public AvanceType DashboardAvance { get; set; }

        public bool OnlyValidated { get; set; }

        public bool SemesterFollowUp { get; set; }

        public SemesterExpectationRule SemesterExpectation { get; set; }

        public string? Reason { get; set; }

        /// <summary>The plan's version when the form was opened.</summary>
        public uint Version { get; set; }
    }

    public sealed class ExecutingUnitInput
    {
        public string? ExecutingUnit { get; set; }

        public string? Reason { get; set; }

        /// <summary>The institution's version when the form was opened.</summary>
        public uint Version { get; set; }
    }

    public string? ConflictMessage { get; private set; }

    public string? UnitConflictMessage { get; private set; }

    public string InstitutionName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string? plan)
    {
        var entity = await FindAsync(plan);
        if (entity is null)
        {
            return NotFound();
        }

        var s = entity.Settings;
        Input = new InputModel
        {
            GreenThreshold = DecimalText.ToInput(s.GreenThreshold),
            YellowThreshold = DecimalText.ToInput(s.YellowThreshold),
            CapEnabled = s.CapEnabled,
            Cap = DecimalText.ToInput(s.Cap),
            Weighting = s.Weighting,
            DashboardAvance = s.DashboardAvance,
            OnlyValidated = s.OnlyValidated,
            SemesterFollowUp = s.SemesterFollowUp,
            SemesterExpectation = s.SemesterExpectation,
            Version = entity.Version,
        };
        ShowUnit(entity.Institution!);
        return Page();
    }

    public async Task<IActionResult> OnPostExecutingUnitAsync(string? plan)
    {
        var entity = await FindAsync(plan);
        if (entity is null)
        {
            return NotFound();
        }

        var institution = entity.Institution!;
        ChangeReason.Check(ModelState, "Unit.Reason", Unit.Reason);
        var edit = institution.ChangeExecutingUnit(Unit.ExecutingUnit);
        if (!ModelState.IsValid || !edit.IsValid)
        {
            ModelState.AddEditErrors(edit, $"{nameof(Unit)}.");
            db.ChangeTracker.Clear();
            return await RedisplayAsync(plan);
        }

        writer.Expect(institution, Unit.Version);
        return await writer.SaveAsync(new AuditContext(User.Identity!.Name!, institution.DisplayName, Unit.Reason!.Trim(), null, null), edit) switch
        {
            WriteStatus.Conflict => await UnitConflictAsync(plan),
            WriteStatus.Unchanged => Done(entity.Code, "La unidad ejecutora no cambió: no había nada que guardar."),
            _ => Done(entity.Code, "Unidad ejecutora guardada. El Reporte de seguimiento ya la muestra."),
        };
    }

    public async Task<IActionResult> OnPostAsync(string? plan)
    {
        var entity = await FindAsync(plan);
        if (entity is null)
        {
            return NotFound();
        }

        ShowUnit(entity.Institution!);

        decimal? Read(string field, string text)
        {
            if (!DecimalText.TryParse(text, out var value, out var error) || value is null)
            {
                ModelState.AddModelError($"Input.{field}", error ?? "Este valor es obligatorio.");
                return null;
            }

            return value;
        }

        var green = Read(nameof(InputModel.GreenThreshold), Input.GreenThreshold);
        var yellow = Read(nameof(InputModel.YellowThreshold), Input.YellowThreshold);
        var cap = Read(nameof(InputModel.Cap), Input.Cap);
        ChangeReason.Check(ModelState, "Input.Reason", Input.Reason);

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var proposed = new PlanSettings
        {
            GreenThreshold = green!.Value,
            YellowThreshold = yellow!.Value,
            CapEnabled = Input.CapEnabled,
            Cap = cap!.Value,
            Weighting = Input.Weighting,
            DashboardAvance = Input.DashboardAvance,
            OnlyValidated = Input.OnlyValidated,
            SemesterFollowUp = Input.SemesterFollowUp,
            SemesterExpectation = Input.SemesterExpectation,
        };
        writer.Expect(entity, Input.Version);
        var edit = entity.ChangeSettings(proposed);
        return await writer.SaveAsync(new AuditContext(User.Identity!.Name!, entity.Code, Input.Reason!.Trim(), entity.Id, null), edit) switch
        {
            WriteStatus.Invalid => Refused(edit),
            WriteStatus.Conflict => await ConflictAsync(plan),
            WriteStatus.Unchanged => Done(entity.Code, "No había cambios que guardar."),
            _ => Done(entity.Code, "Configuración guardada. Los tableros y reportes ya usan las nuevas reglas."),
        };
    }

    private PageResult Refused(EditResult edit)
    {
        ModelState.AddEditErrors(edit, $"{nameof(Input)}.");
        return Page();
    }

    /// <summary>The refused unit form again, with the rules form as stored (the other form's fields were not posted).</summary>
    private async Task<IActionResult> RedisplayAsync(string? plan)
    {
        var typed = Unit;
        var page = await OnGetAsync(plan);
        Unit = typed;
        return page;
    }

    private async Task<IActionResult> UnitConflictAsync(string? plan)
    {
        UnitConflictMessage = UnitConflictText;
        ModelState.Clear();
        return await OnGetAsync(plan);
    }

    /// <summary>The messages of one of the page's two forms (the rules' form-wide ones have an empty key).</summary>
    public IReadOnlyList<string> ErrorsOf(string form) => ModelState
        .Where(e => form == nameof(Unit) ? e.Key.StartsWith("Unit.", StringComparison.Ordinal) : !e.Key.StartsWith("Unit.", StringComparison.Ordinal))
        .SelectMany(e => e.Value!.Errors.Select(x => x.ErrorMessage)).ToList();

    private void ShowUnit(Institution institution)
    {
        InstitutionName = institution.DisplayName;
        Unit = new ExecutingUnitInput { ExecutingUnit = institution.ExecutingUnit, Version = institution.Version };
    }

    private async Task<IActionResult> ConflictAsync(string? plan)
    {
        ConflictMessage = ConflictText;
        ModelState.Clear();
        return await OnGetAsync(plan);
    }

    private RedirectToPageResult Done(string code, string status)
    {
        TempData["Status"] = status;
        return RedirectToPage(new { plan = code });
    }

    private async Task<Domain.Plan?> FindAsync(string? plan)
    {
        var code = await db.ResolveCodeAsync(plan);
        var entity = code is null ? null : await db.Plans.Include(p => p.Institution).SingleOrDefaultAsync(p => p.Code == code);
        if (entity is not null)
        {
            PlanCode = entity.Code;
            PlanName = entity.Name;
        }

        return entity;
    }
}
