using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Pages.Administracion;

/// <summary>The progress rules of a plan (thresholds, cap, weighting...), editable by an administrator.</summary>
public class ConfiguracionModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

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
    }

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
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? plan)
    {
        var entity = await FindAsync(plan);
        if (entity is null)
        {
            return NotFound();
        }

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
        if (!Enum.IsDefined(Input.Weighting) || !Enum.IsDefined(Input.DashboardAvance) || !Enum.IsDefined(Input.SemesterExpectation))
        {
            ModelState.AddModelError(string.Empty, "Elija las opciones de la lista.");
        }

        if (string.IsNullOrWhiteSpace(Input.Reason))
        {
            ModelState.AddModelError("Input.Reason", "Explique el motivo del cambio: queda en el historial.");
        }

        var proposed = new PlanSettings
        {
            GreenThreshold = green ?? 0m,
            YellowThreshold = yellow ?? 0m,
            CapEnabled = Input.CapEnabled,
            Cap = cap ?? 0m,
            Weighting = Input.Weighting,
            DashboardAvance = Input.DashboardAvance,
            OnlyValidated = Input.OnlyValidated,
            SemesterFollowUp = Input.SemesterFollowUp,
            SemesterExpectation = Input.SemesterExpectation,
        };
        if (ModelState.IsValid && proposed.Problem() is { } problem)
        {
            ModelState.AddModelError(string.Empty, problem);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var before = Describe(entity.Settings);
        var after = Describe(proposed);
        if (before != after)
        {
            db.AddAudit(clock.GetUtcNow(), User.Identity!.Name!, AuditKind.Configuracion, entity.Code, "Reglas de avance", before, after, Input.Reason!.Trim(), entity.Id);
            entity.Settings = proposed;
            await db.SaveChangesAsync();
            TempData["Status"] = "Configuración guardada. Los tableros y reportes ya usan las nuevas reglas.";
        }
        else
        {
            TempData["Status"] = "No había cambios que guardar.";
        }

        return RedirectToPage(new { plan = entity.Code });
    }

    private async Task<Domain.Plan?> FindAsync(string? plan)
    {
        var code = await db.ResolveCodeAsync(plan);
        var entity = code is null ? null : await db.Plans.SingleOrDefaultAsync(p => p.Code == code);
        if (entity is not null)
        {
            PlanCode = entity.Code;
            PlanName = entity.Name;
        }

        return entity;
    }

    public static string Describe(PlanSettings s) => string.Create(CultureInfo.InvariantCulture,
        $"verde ≥ {s.GreenThreshold}; amarillo ≥ {s.YellowThreshold}; tope {(s.CapEnabled ? s.Cap.ToString(CultureInfo.InvariantCulture) : "sin tope")}; " +
        $"ponderación {(s.Weighting == WeightingRule.PorRelevancia ? "por relevancia" : "igual")}; avance del tablero {(s.DashboardAvance == AvanceType.TipoI ? "Tipo I" : "Tipo II")}; " +
        $"{(s.OnlyValidated ? "solo validados" : "incluye pendientes")}; seguimiento {(s.SemesterFollowUp ? "semestral y anual" : "anual")}; " +
        $"semestres sin logro esperado propio: {s.SemesterExpectation switch
        {
            SemesterExpectationRule.MetaAnual => "frente al logro esperado anual",
            SemesterExpectationRule.SoloDefinidas => "sin meta",
            _ => "mitad del anual en el I semestre si es agregable, el anual en los demás casos",
        }}");
}
