using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Editing;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Progress;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Pages.Reportes;

/// <summary>
/// Informe de evaluación: per OEI in priority order, its indicators with avance and semáforo, the
/// units' comments on deviations and an editable narrative; then the Matriz de compromisos. Print or PDF.
/// </summary>
[Authorize(Policy = Policies.EditPlan)]
[PdfDownload("informe-de-evaluacion.pdf")]
public class InformeModel(PlanProgressService progress, AppDbContext db, TimeProvider clock, AuditedWriter writer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Anio { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Periodo { get; set; }

    public PlanProgressView View { get; private set; } = null!;

    public ReportPeriod Period { get; private set; } = null!;

    public Dictionary<int, (string Text, bool Saved, uint Version)> Narratives { get; private set; } = [];

    public IReadOnlyList<Commitment> Commitments { get; private set; } = [];

    public IReadOnlyList<UnitSnapshot> Units { get; private set; } = [];

    public DateTimeOffset DataAsOfDate { get; private set; }

    /// <summary>Set when the address names no period (<see cref="ReportPeriod.FromQuery"/>).</summary>
    public string? PeriodNote { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        return await LoadAsync() ? Page() : NotFound();
    }

    /// <summary>
    /// Saves one OEI's analysis and nothing else. The form sends the analysis's version as it was opened
    /// (0 when none was saved yet): a newer save by someone else is a conflict, never overwritten. Asked by
    /// the page's script, it answers in JSON so the other analyses being edited stay on screen.
    /// </summary>
    public async Task<IActionResult> OnPostNarrativeAsync(int objectiveId, string? text, uint version)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (RefuseUnknownPeriod() is { } refused)
        {
            return refused;
        }

        var objective = View.Plan.Objectives.FirstOrDefault(o => o.Id == objectiveId);
        if (objective is null)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > MaxNarrativeLength)
        {
            return NarrativeAnswer(objective, WriteStatus.Invalid, NarrativeInvalidMessage, null);
        }

        var clean = text.Trim();
        var existing = await db.EvaluationNarratives.SingleOrDefaultAsync(n => n.PlanId == View.Plan.Id && n.ObjectiveId == objectiveId && n.Year == Period.Year && n.Period == Period.Kind);
        if ((existing is null && version != NoNarrativeVersion) || (existing is not null && version == NoNarrativeVersion))
        {
            return NarrativeAnswer(objective, WriteStatus.Conflict, NarrativeConflictMessage, existing);
        }

        var now = clock.GetUtcNow();
        if (existing is null)
        {
            existing = new EvaluationNarrative { PlanId = View.Plan.Id, ObjectiveId = objectiveId, Year = Period.Year, Period = Period.Kind, Text = clean, UpdatedBy = User.Identity!.Name!, UpdatedAt = now };
            db.EvaluationNarratives.Add(existing);
            return await SaveNarrativeAsync(objective, existing, null, clean);
        }

        var before = existing.Text;
        if (before == clean)
        {
            return NarrativeAnswer(objective, WriteStatus.Unchanged, "No había cambios que guardar.", existing);
        }

        writer.Expect(existing, version);
        existing.Text = clean;
        existing.UpdatedBy = User.Identity!.Name!;
        existing.UpdatedAt = now;
        return await SaveNarrativeAsync(objective, existing, before, clean);
    }

    public const int MaxNarrativeLength = 8000;

    /// <summary>The version a form carries when the OEI had no saved analysis.</summary>
    public const uint NoNarrativeVersion = 0;

    public const string NarrativeInvalidMessage = "El texto del análisis no puede estar vacío ni superar 8000 caracteres.";

    public const string NarrativeConflictMessage =
        "Otra persona guardó este análisis mientras usted lo editaba. Su texto no se guardó: se muestra el guardado; copie lo suyo antes de recargar.";

    private async Task<IActionResult> SaveNarrativeAsync(ObjectiveSnapshot objective, EvaluationNarrative narrative, string? before, string after)
    {
        var change = new FieldChange(AuditKind.Informe, $"Análisis del informe de evaluación {Period.Label}", before, after);
        var status = await writer.SaveAsync(new AuditContext(User.Identity!.Name!, objective.Code, null, View.Plan.Id, null), [change]);
        if (status == WriteStatus.Conflict)
        {
            var current = await db.EvaluationNarratives.AsNoTracking().SingleOrDefaultAsync(n => n.PlanId == View.Plan.Id && n.ObjectiveId == objective.Id && n.Year == Period.Year && n.Period == Period.Kind);
            return NarrativeAnswer(objective, status, NarrativeConflictMessage, current);
        }

        return NarrativeAnswer(objective, status, $"Análisis del {objective.Code} guardado.", narrative);
    }

    /// <summary>JSON for the page's script (the other analyses stay as typed); otherwise back to the OEI with the message.</summary>
    private IActionResult NarrativeAnswer(ObjectiveSnapshot objective, WriteStatus status, string message, EvaluationNarrative? stored)
    {
        var ok = status is WriteStatus.Saved or WriteStatus.Unchanged;
        if (Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.Ordinal) == true))
        {
            var body = new JsonResult(new { ok, message, version = stored?.Version ?? NoNarrativeVersion, text = stored?.Text })
            {
                StatusCode = status switch
                {
                    WriteStatus.Conflict => StatusCodes.Status409Conflict,
                    WriteStatus.Invalid => StatusCodes.Status400BadRequest,
                    _ => StatusCodes.Status200OK,
                },
            };
            return body;
        }

        TempData[ok ? "Status" : "Error"] = message;
        return Redirect(Here() + $"#oei-{objective.Code}");
    }

    public async Task<IActionResult> OnPostCommitmentAsync(int unitId, string? action, DateOnly? deadline)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (RefuseUnknownPeriod() is { } refused)
        {
            return refused;
        }

        if (Units.All(u => u.Id != unitId) || string.IsNullOrWhiteSpace(action) || action.Length > 2000 || deadline is null)
        {
            TempData["Error"] = "Para registrar un compromiso indique la unidad responsable, la acción correctiva y el plazo.";
            return Redirect(Here() + "#compromisos");
        }

        var now = clock.GetUtcNow();
        db.Commitments.Add(new Commitment { PlanId = View.Plan.Id, Year = Period.Year, Period = Period.Kind, UnitId = unitId, Action = action.Trim(), Deadline = deadline.Value, Status = CommitmentStatus.Pendiente, CreatedBy = User.Identity!.Name!, CreatedAt = now });
        db.AddAudit(now, User.Identity!.Name!, AuditKind.Informe, View.Plan.Code, $"Compromiso {Period.Label}", null, $"{Units.First(u => u.Id == unitId).Acronym}: {action.Trim()} (plazo {deadline:dd/MM/yyyy})", null, View.Plan.Id);
        await db.SaveChangesAsync();
        TempData["Status"] = "Compromiso registrado.";
        return Redirect(Here() + "#compromisos");
    }

    public async Task<IActionResult> OnPostCommitmentStatusAsync(int commitmentId, CommitmentStatus status)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var commitment = await db.Commitments.SingleOrDefaultAsync(c => c.Id == commitmentId && c.PlanId == View.Plan.Id);
        if (commitment is null || !Enum.IsDefined(status))
        {
            return NotFound();
        }

        db.AddAudit(clock.GetUtcNow(), User.Identity!.Name!, AuditKind.Informe, View.Plan.Code, "Estado de compromiso", commitment.Status.ToString(), status.ToString(), null, View.Plan.Id);
        commitment.Status = status;
        await db.SaveChangesAsync();
        return Redirect(Here() + "#compromisos");
    }

    /// <summary>A post whose address names no period is refused: filing it under the period shown instead would put it in the wrong one.</summary>
    private IActionResult? RefuseUnknownPeriod()
    {
        if (PeriodNote is null)
        {
            return null;
        }

        TempData["Error"] = "No se guardó nada. " + PeriodText.InvalidMessage;
        return Redirect(Here());
    }

    private string Here() => $"/Reportes/Informe?anio={Period.Year}&periodo={Period.QueryValue}";

    private async Task<bool> LoadAsync()
    {
        var view = await progress.LoadAsync(null, includePending: false);
        if (view is null)
        {
            return false;
        }

        View = view;
        Period = ReportPeriod.FromQuery(Anio, Periodo, view.Plan.Covers,
            () => view.PeriodsWithData().FirstOrDefault() ?? new ReportPeriod(view.Plan.FirstYear, PeriodKind.Anual), out var periodNote);
        PeriodNote = periodNote;
        ViewData[ReportPeriod.NoteKey] = periodNote;
        var saved = await db.EvaluationNarratives.AsNoTracking()
            .Where(n => n.PlanId == view.Plan.Id && n.Year == Period.Year && n.Period == Period.Kind).ToListAsync();
        Narratives = view.Plan.Objectives.ToDictionary(o => o.Id, o => saved.FirstOrDefault(n => n.ObjectiveId == o.Id) is { } n
            ? (n.Text, true, n.Version)
            : (NarrativeDraft.For(view, o, Period), false, NoNarrativeVersion));
        Commitments = await db.Commitments.AsNoTracking().Include(c => c.Unit)
            .Where(c => c.PlanId == view.Plan.Id && c.Year == Period.Year && c.Period == Period.Kind)
            .OrderBy(c => c.Deadline).ThenBy(c => c.Id).ToListAsync();
        Units = view.AllIndicators.SelectMany(i => i.Units).DistinctBy(u => u.Id).OrderBy(u => u.Name).ToList();
        DataAsOfDate = await DataAsOf.OfPlanAsync(db, view.Plan.Id, view.Plan.FirstYear, ExportedData.Progress, HttpContext.RequestAborted);
        return true;
    }
}
