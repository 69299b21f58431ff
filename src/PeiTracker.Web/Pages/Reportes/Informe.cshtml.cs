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
/// Informe de Evaluación Institucional of a semester or a year: resumen ejecutivo; per OEI in priority order its
/// indicators and AEI with avance and semáforo and an analysis (what contributed, what hindered); conclusiones;
/// recomendaciones; the Matriz de compromisos, which carries every open commitment of earlier periods; then the
/// approval by the head of the planning office and the publication. Each section is saved on its own, its history
/// is the audit trail, and an approved Informe is frozen until it is reopened. Print or PDF.
/// </summary>
[Authorize(Policy = Policies.EditPlan)]
[PdfDownload("informe-de-evaluacion.pdf")]
[InformePublication]
public partial class InformeModel(PlanProgressService progress, AppDbContext db, TimeProvider clock, AuditedWriter writer) : PageModel
{
    /// <summary>Text sections of the whole report, in the order the Informe prints them around the OEI analyses.</summary>
    public static readonly InformeSection[] ReportSections = [InformeSection.ResumenEjecutivo, InformeSection.Conclusiones, InformeSection.Recomendaciones];

    public sealed record SectionText(string Text, bool Saved, uint Version);

    [BindProperty(SupportsGet = true)]
    public int? Anio { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Periodo { get; set; }

    public PlanProgressView View { get; private set; } = null!;

    public ReportPeriod Period { get; private set; } = null!;

    public Dictionary<int, SectionText> Narratives { get; private set; } = [];

    public Dictionary<InformeSection, SectionText> Sections { get; private set; } = [];

    /// <summary>The Informe's audit rows of this period, newest first: each section shows its own.</summary>
    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    public IReadOnlyList<UnitSnapshot> Units { get; private set; } = [];

    public DateTimeOffset DataAsOfDate { get; private set; }

    /// <summary>The conversations of this period's values, cited as the sources of the values the Informe reports (ADR 0022).</summary>
    public IReadOnlyList<Entry.ThreadView> Conversations { get; private set; } = [];

    /// <summary>Set when the address names no period (<see cref="ReportPeriod.FromQuery"/>).</summary>
    public string? PeriodNote { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        return await LoadAsync() ? Page() : NotFound();
    }

    public static string SectionField(InformeSection section, ReportPeriod period) =>
        $"{EvaluationNarrative.Title(section)} del informe de evaluación {period.Label}";

    public IEnumerable<AuditEntry> HistoryOf(InformeSection section, string subject) =>
        History.Where(a => a.Field == SectionField(section, Period) && a.Subject == subject);

    /// <summary>
    /// Saves one section (an OEI's analysis, or the resumen ejecutivo, conclusiones or recomendaciones) and nothing
    /// else. The form sends the section's version as it was opened (0 when none was saved yet): a newer save by
    /// someone else is a conflict, never overwritten. Asked by the page's script, it answers in JSON so the other
    /// sections being edited stay on screen.
    /// </summary>
    public async Task<IActionResult> OnPostNarrativeAsync(int? objectiveId, string? text, uint version, InformeSection section = InformeSection.AnalisisOei)
    {
        if (await RefuseWriteAsync(frozenToo: false) is { } refused)
        {
            return refused;
        }

        var isAnalysis = section == InformeSection.AnalisisOei;
        var objective = isAnalysis ? View.Plan.Objectives.FirstOrDefault(o => o.Id == objectiveId) : null;
        if (!ModelState.IsValid && ModelState[nameof(section)]?.Errors.Count > 0 || !Enum.IsDefined(section) || (isAnalysis && objective is null) || (!isAnalysis && objectiveId is not null))
        {
            return NotFound();
        }

        var target = new SectionTarget(section, objective?.Id, objective?.Code ?? View.Plan.Code, objective is null ? EvaluationNarrative.Title(section).ToLowerInvariant() : $"análisis del {objective.Code}");
        if (InformeSignOff.RefuseEdit(Approved) is { } frozen)
        {
            return NarrativeAnswer(target, WriteStatus.Refused, frozen, await StoredAsync(target));
        }

        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > MaxNarrativeLength)
        {
            return NarrativeAnswer(target, WriteStatus.Invalid, NarrativeInvalidMessage, null);
        }

        var clean = text.Trim();
        var existing = await db.EvaluationNarratives.SingleOrDefaultAsync(n => n.PlanId == View.Plan.Id && n.Section == section && n.ObjectiveId == target.ObjectiveId && n.Year == Period.Year && n.Period == Period.Kind);
        if ((existing is null && version != NoNarrativeVersion) || (existing is not null && version == NoNarrativeVersion))
        {
            return NarrativeAnswer(target, WriteStatus.Conflict, NarrativeConflictMessage, existing);
        }

        var now = clock.GetUtcNow();
        if (existing is null)
        {
            existing = new EvaluationNarrative { PlanId = View.Plan.Id, Section = section, ObjectiveId = target.ObjectiveId, Year = Period.Year, Period = Period.Kind, Text = clean, UpdatedBy = User.Identity!.Name!, UpdatedAt = now };
            db.EvaluationNarratives.Add(existing);
            return await SaveNarrativeAsync(target, existing, null, clean);
        }

        var before = existing.Text;
        if (before == clean)
        {
            return NarrativeAnswer(target, WriteStatus.Unchanged, "No había cambios que guardar.", existing);
        }

        writer.Expect(existing, version);
        existing.Text = clean;
        existing.UpdatedBy = User.Identity!.Name!;
        existing.UpdatedAt = now;
        return await SaveNarrativeAsync(target, existing, before, clean);
    }

    public const int MaxNarrativeLength = 8000;

    /// <summary>The version a form carries when the section had no saved text.</summary>
    public const uint NoNarrativeVersion = 0;

    public const string NarrativeInvalidMessage = "El texto de la sección no puede estar vacío ni superar 8000 caracteres.";

    public const string NarrativeConflictMessage =
        "Otra persona guardó esta sección mientras usted la editaba. Su texto no se guardó: se muestra el guardado; copie lo suyo antes de recargar.";

    /// <summary>Which section a save is about: its audit subject (the OEI's code or the plan's) and how messages name it.</summary>
    private sealed record SectionTarget(InformeSection Section, int? ObjectiveId, string Subject, string Name)
    {
        public string Anchor => ObjectiveId is null ? $"#seccion-{Section}" : $"#oei-{Subject}";
    }

    private Task<EvaluationNarrative?> StoredAsync(SectionTarget target) =>
        db.EvaluationNarratives.AsNoTracking().SingleOrDefaultAsync(n => n.PlanId == View.Plan.Id && n.Section == target.Section && n.ObjectiveId == target.ObjectiveId && n.Year == Period.Year && n.Period == Period.Kind);

    private async Task<IActionResult> SaveNarrativeAsync(SectionTarget target, EvaluationNarrative narrative, string? before, string after)
    {
        var change = new FieldChange(AuditKind.Informe, SectionField(target.Section, Period), before, after);
        var status = await writer.SaveAsync(new AuditContext(User.Identity!.Name!, target.Subject, null, View.Plan.Id, null), [change]);
        if (status == WriteStatus.Conflict)
        {
            return NarrativeAnswer(target, status, NarrativeConflictMessage, await StoredAsync(target));
        }

        var saved = char.ToUpperInvariant(target.Name[0]) + target.Name[1..];
        return NarrativeAnswer(target, status, $"{saved} guardado.", narrative);
    }

    /// <summary>JSON for the page's script (the other sections stay as typed); otherwise back to the section with the message.</summary>
    private IActionResult NarrativeAnswer(SectionTarget target, WriteStatus status, string message, EvaluationNarrative? stored)
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
                    WriteStatus.Refused => StatusCodes.Status403Forbidden,
                    _ => StatusCodes.Status200OK,
                },
            };
            return body;
        }

        TempData[ok ? "Status" : "Error"] = message;
        return Redirect(Here() + target.Anchor);
    }

    /// <summary>
    /// The prologue of every post: the plan and period exist and the address named the period (filing a post under
    /// the period shown instead would put it in the wrong one); with <paramref name="frozenToo"/>, an approved Informe refuses.
    /// </summary>
    private async Task<IActionResult?> RefuseWriteAsync(bool frozenToo, string anchor = "")
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var refusal = PeriodNote is not null ? "No se guardó nada. " + PeriodText.InvalidMessage
            : frozenToo ? InformeSignOff.RefuseEdit(Approved)
            : null;
        if (refusal is null)
        {
            return null;
        }

        TempData["Error"] = refusal;
        return Redirect(Here() + anchor);
    }

    private string Here() => $"/Reportes/Informe?anio={Period.Year}&periodo={Period.QueryValue}";

    private IActionResult Answer(WriteStatus status, string saved, string anchor, string? refusal = null)
    {
        var ok = status is WriteStatus.Saved or WriteStatus.Unchanged;
        TempData[ok ? "Status" : "Error"] = status switch
        {
            WriteStatus.Saved => saved,
            WriteStatus.Unchanged => "No había cambios que guardar.",
            WriteStatus.Conflict => "Otra persona cambió este registro mientras usted lo editaba: no se guardó nada. Revise lo guardado y vuelva a intentarlo.",
            _ => refusal ?? "No se guardó nada.",
        };
        return Redirect(Here() + anchor);
    }

    private string UserName => User.Identity!.Name!;

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
        Narratives = view.Plan.Objectives.ToDictionary(o => o.Id, o => saved.FirstOrDefault(n => n.Section == InformeSection.AnalisisOei && n.ObjectiveId == o.Id) is { } n
            ? new SectionText(n.Text, true, n.Version)
            : new SectionText(NarrativeDraft.For(view, o, Period), false, NoNarrativeVersion));
        Sections = ReportSections.ToDictionary(s => s, s => saved.FirstOrDefault(n => n.Section == s) is { } n
            ? new SectionText(n.Text, true, n.Version)
            : new SectionText(NarrativeDraft.For(view, s, Period), false, NoNarrativeVersion));
        var fields = Enum.GetValues<InformeSection>().Select(s => SectionField(s, Period)).ToList();
        History = await db.AuditEntries.AsNoTracking()
            .Where(a => a.PlanId == view.Plan.Id && a.Kind == AuditKind.Informe && fields.Contains(a.Field))
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(500).ToListAsync();
        Units = view.AllIndicators.SelectMany(i => i.Units).DistinctBy(u => u.Id).OrderBy(u => u.Name).ToList();
        DataAsOfDate = await DataAsOf.OfPlanAsync(db, view.Plan.Id, view.Plan.FirstYear, ExportedData.Progress | ExportedData.Conversations, HttpContext.RequestAborted);
        Conversations = await Entry.ValueConversations.ThreadsQuery(db.ValueThreads.Where(t => t.Value!.Indicator!.PlanId == view.Plan.Id && t.Value.Year == Period.Year && t.Value.Period == Period.Kind))
            .ToListAsync(HttpContext.RequestAborted);
        await LoadCommitmentsAsync();
        await LoadSignOffAsync();
        return true;
    }
}
