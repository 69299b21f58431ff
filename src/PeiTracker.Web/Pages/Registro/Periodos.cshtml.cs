using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Progress;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Pages.Registro;

/// <summary>
/// The planning office sets reporting deadlines and closes (or reopens, with a reason) periods. Closing goes
/// through a confirmation that lists, by unit, what is still pending, sent or observed: those values read
/// "no presentado" while the period stays closed.
/// </summary>
[Authorize(Policy = Policies.EditPlan)]
public class PeriodosModel(AppDbContext db, TimeProvider clock, IConfiguration configuration, PlanProgressService progress) : PageModel
{
    public const string NoteTooLongMessage = "La nota de cierre no puede superar los 1000 caracteres.";

    public Domain.Plan Plan { get; private set; } = null!;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>Set by the Confirm handler: the period about to be closed and what is still open in it.</summary>
    public ClosingPreview? Preview { get; private set; }

    /// <param name="CloseProblem">Why the period cannot be closed today, or null.</param>
    public record Row(ReportPeriod Period, DateOnly? Deadline, PeriodClosure? Closure, string? CloseProblem);

    /// <summary>One indicator of the period to be closed, with the state of its value ("Sin registrar" when there is none).</summary>
    public record ClosingItem(string Unit, string Code, string Name, string State, bool Open);

    public record ClosingPreview(ReportPeriod Period, IReadOnlyList<ClosingItem> Items)
    {
        /// <summary>Indicators without a validated value (one with two units counts once).</summary>
        public int OpenCount => Items.Where(i => i.Open).Select(i => i.Code).Distinct(StringComparer.Ordinal).Count();

        public IEnumerable<IGrouping<string, ClosingItem>> ByUnit => Items.GroupBy(i => i.Unit).OrderBy(g => g.Key, StringComparer.Ordinal);
    }

    /// <summary>How many days before its end the current period may already be closed (PEI_CLOSE_GRACE_DAYS, default 0).</summary>
    private int GraceDays => configuration.GetValue("PEI_CLOSE_GRACE_DAYS", 0);

    private DateOnly Today => DateOnly.FromDateTime(PeruTime.ToLima(clock.GetUtcNow()).DateTime);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostDeadlineAsync(int year, string period, DateOnly? dueDate)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (!PeriodText.TryParse(period, out var kind))
        {
            TempData["Error"] = PeriodText.InvalidMessage;
            return RedirectToPage();
        }

        if (!Plan.Covers(year) || dueDate is null)
        {
            TempData["Error"] = "Indique una fecha válida para un año del plan.";
            return RedirectToPage();
        }

        var deadline = await db.PeriodDeadlines.SingleOrDefaultAsync(d => d.PlanId == Plan.Id && d.Year == year && d.Period == kind);
        var before = deadline?.DueDate.ToString("dd/MM/yyyy");
        if (deadline is null)
        {
            db.PeriodDeadlines.Add(new PeriodDeadline { PlanId = Plan.Id, Year = year, Period = kind, DueDate = dueDate.Value });
        }
        else
        {
            deadline.DueDate = dueDate.Value;
        }

        db.AddAudit(clock.GetUtcNow(), User.Identity!.Name!, AuditKind.Periodo, $"{Labels.Of(kind)} {year}", "Plazo de reporte", before, dueDate.Value.ToString("dd/MM/yyyy"), null, Plan.Id);
        await db.SaveChangesAsync();
        TempData["Status"] = $"Plazo de {Labels.InSentence(kind)} {year}: {dueDate.Value:dd/MM/yyyy}.";
        return RedirectToPage();
    }

    /// <summary>
    /// The plan's reminders (ADR 0021): how many days before a deadline the units that have not sent are reminded, and
    /// after how many days late their heads and the planning office hear of it. Audited; nothing saved on bad input.
    /// </summary>
    public async Task<IActionResult> OnPostRemindersAsync(string? daysBefore, int? escalationDays, uint version)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var (days, problem) = ReminderRules.ParseDaysBefore(daysBefore);
        problem ??= escalationDays is { } e ? ReminderRules.EscalationProblem(e) : "Indique después de cuántos días de atraso se escala.";
        if (problem is not null)
        {
            TempData["Error"] = problem;
            return RedirectToPage();
        }

        var plan = await db.Plans.SingleAsync(p => p.Id == Plan.Id);
        db.Entry(plan).Property(p => p.Version).OriginalValue = version;
        var before = ReminderSummary(plan.ReminderDaysBefore, plan.EscalationDaysLate);
        var after = ReminderSummary(days!, escalationDays!.Value);
        if (before == after)
        {
            TempData["Status"] = "No había cambios que guardar en los recordatorios.";
            return RedirectToPage();
        }

        plan.ReminderDaysBefore = [.. days!];
        plan.EscalationDaysLate = escalationDays.Value;
        db.AddAudit(clock.GetUtcNow(), User.Identity!.Name!, AuditKind.Recordatorio, plan.Code, "Recordatorios de plazos", before, after, null, plan.Id);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Error"] = "Otra persona cambió el plan mientras usted editaba los recordatorios: revise los valores actuales y vuelva a guardar.";
            return RedirectToPage();
        }

        TempData["Status"] = $"Recordatorios: {after}.";
        return RedirectToPage();
    }

    /// <summary>How the reminder settings read in the history and on the page.</summary>
    public static string ReminderSummary(IReadOnlyCollection<int> daysBefore, int escalationDays) =>
        (daysBefore.Count == 0 ? "sin recordatorios antes del plazo" : $"{ReminderRules.Describe(daysBefore)} día(s) antes del plazo")
        + $", el día del plazo y el día siguiente; escalamiento a los {escalationDays} día(s) de atraso";

    public async Task<IActionResult> OnGetConfirmAsync(int year, string period)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (await CloseRefusalAsync(year, period) is { } refusal)
        {
            TempData["Error"] = refusal;
            return RedirectToPage();
        }

        PeriodText.TryParse(period, out var kind);
        Preview = await PreviewAsync(new ReportPeriod(year, kind));
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync(int year, string period, string? note)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (await CloseRefusalAsync(year, period) is { } refusal)
        {
            TempData["Error"] = refusal;
            return RedirectToPage();
        }

        PeriodText.TryParse(period, out var kind);
        if (note?.Trim() is { Length: > ChangeReason.MaxLength })
        {
            TempData["Error"] = NoteTooLongMessage;
            return RedirectToPage(new { handler = "Confirm", year, period });
        }

        var preview = await PreviewAsync(new ReportPeriod(year, kind));
        var now = clock.GetUtcNow();
        var cleanNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var after = preview.OpenCount == 0 ? "Cerrado" : $"Cerrado; {preview.OpenCount} indicador(es) no presentado(s)";
        var snapshot = await SnapshotAsync(new ReportPeriod(year, kind), now, cleanNote);
        if (snapshot is null)
        {
            return NotFound();
        }

        db.PeriodClosures.Add(new PeriodClosure { PlanId = Plan.Id, Year = year, Period = kind, ClosedBy = User.Identity!.Name!, ClosedAt = now, ClosingNote = cleanNote });
        db.PeriodSnapshots.Add(snapshot);
        db.AddAudit(now, User.Identity!.Name!, AuditKind.Periodo, $"{Labels.Of(kind)} {year}", "Estado del periodo", "Abierto", $"{after}; versión reportada {snapshot.Version}", cleanNote, Plan.Id);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException exception) when (exception.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            TempData["Error"] = $"Otra persona cerró {new ReportPeriod(year, kind).Label} al mismo tiempo: revise su estado antes de volver a intentarlo.";
            return RedirectToPage();
        }

        TempData["Status"] = (preview.OpenCount == 0
            ? $"{new ReportPeriod(year, kind).Label} cerrado: sus valores ya no pueden cambiar."
            : $"{new ReportPeriod(year, kind).Label} cerrado: sus valores ya no pueden cambiar; {preview.OpenCount} indicador(es) quedan como «no presentado» mientras no se reabra.")
            + $" Lo reportado quedó guardado como versión {snapshot.Version} (Reportes › Versiones reportadas).";
        return RedirectToPage();
    }

    /// <summary>
    /// The figures and files the period reports as it is closed, counting validated values only (what the
    /// planning office sends to CEPLAN); the next version after each reopening.
    /// </summary>
    private async Task<PeriodSnapshot?> SnapshotAsync(ReportPeriod period, DateTimeOffset now, string? note)
    {
        var view = await progress.LoadAsync(Plan.Code, includePending: false, HttpContext.RequestAborted);
        if (view is null)
        {
            return null;
        }

        var version = await db.PeriodSnapshots.CountAsync(s => s.PlanId == Plan.Id && s.Year == period.Year && s.Period == period.Kind) + 1;
        var asOf = await DataAsOf.OfPlanAsync(db, Plan.Id, Plan.FirstYear, ExportedData.Progress, HttpContext.RequestAborted);
        var demo = await DemoMark.InPlanAsync(db, Plan.Id, HttpContext.RequestAborted);
        return PeriodSnapshotBuilder.Build(view, period, version, User.Identity!.Name!, now, note, asOf, demo);
    }

    /// <summary>Why the period cannot be closed now (unknown, outside the plan, not ended, already closed), or null.</summary>
    private async Task<string?> CloseRefusalAsync(int year, string period)
    {
        if (!PeriodText.TryParse(period, out var kind))
        {
            return PeriodText.InvalidMessage;
        }

        if (PeriodClosing.Problem(year, kind, Plan.FirstYear, Plan.LastYear, Today, GraceDays) is { } problem)
        {
            return problem;
        }

        if (kind != PeriodKind.Anual && !Plan.Settings.SemesterFollowUp)
        {
            return "Este plan no tiene seguimiento semestral: cierre el año.";
        }

        return await db.PeriodClosures.AnyAsync(c => c.PlanId == Plan.Id && c.Year == year && c.Period == kind && c.ReopenedAt == null)
            ? "El periodo ya está cerrado."
            : null;
    }

    /// <summary>Every indicator expected to report the period (with a logro esperado for its year, or a value), by unit.</summary>
    private async Task<ClosingPreview> PreviewAsync(ReportPeriod period)
    {
        var indicators = await db.Indicators.AsNoTracking()
            .Where(i => i.PlanId == Plan.Id)
            .Select(i => new
            {
                i.PublishedCode,
                i.Name,
                Units = i.ResponsibleUnits.Select(u => u.Unit!.Acronym).ToList(),
                HasTarget = i.Targets.Any(t => t.Year == period.Year),
                Status = i.Values.Where(v => v.Year == period.Year && v.Period == period.Kind).Select(v => (ValueStatus?)v.Status).FirstOrDefault(),
            })
            .ToListAsync();
        var items = indicators
            .Where(i => i.HasTarget || i.Status is not null)
            .SelectMany(i => (i.Units.Count == 0 ? ["Sin unidad"] : i.Units).Select(unit => new ClosingItem(unit, i.PublishedCode, i.Name,
                i.Status switch
                {
                    null => "Sin registrar",
                    ValueStatus.Enviado => "Enviado, pendiente de validación",
                    { } status => Labels.Of(status),
                },
                i.Status != ValueStatus.Validado)))
            .OrderBy(i => i.Code, StringComparer.Ordinal)
            .ToList();
        return new ClosingPreview(period, items);
    }

    public async Task<IActionResult> OnPostReopenAsync(int closureId, string? reason)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            TempData["Error"] = "Para reabrir un periodo cerrado indique el motivo.";
            return RedirectToPage();
        }

        if (reason.Trim().Length > ChangeReason.MaxLength)
        {
            TempData["Error"] = ChangeReason.TooLongMessage;
            return RedirectToPage();
        }

        var closure = await db.PeriodClosures.SingleOrDefaultAsync(c => c.Id == closureId && c.PlanId == Plan.Id && c.ReopenedAt == null);
        if (closure is null)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow();
        closure.ReopenedAt = now;
        closure.ReopenedBy = User.Identity!.Name;
        closure.ReopenReason = reason.Trim();
        db.AddAudit(now, User.Identity!.Name!, AuditKind.Periodo, $"{Labels.Of(closure.Period)} {closure.Year}", "Estado del periodo", "Cerrado", "Reabierto", reason.Trim(), Plan.Id);
        await db.SaveChangesAsync();
        TempData["Status"] = $"{new ReportPeriod(closure.Year, closure.Period).Label} reabierto.";
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync()
    {
        var code = await db.ResolveCodeAsync(null);
        var plan = code is null ? null : await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Code == code);
        if (plan is null)
        {
            return false;
        }

        Plan = plan;
        var deadlines = await db.PeriodDeadlines.AsNoTracking().Where(d => d.PlanId == plan.Id).ToListAsync();
        var closures = await db.PeriodClosures.AsNoTracking().Where(c => c.PlanId == plan.Id && c.ReopenedAt == null).ToListAsync();
        var kinds = plan.Settings.SemesterFollowUp ? new[] { PeriodKind.PrimerSemestre, PeriodKind.SegundoSemestre, PeriodKind.Anual } : [PeriodKind.Anual];
        Rows = plan.Years.SelectMany(y => kinds.Select(k => new ReportPeriod(y, k)))
            .Select(p => new Row(p, deadlines.FirstOrDefault(d => d.Year == p.Year && d.Period == p.Kind)?.DueDate, closures.FirstOrDefault(c => c.Year == p.Year && c.Period == p.Kind),
                PeriodClosing.Problem(p.Year, p.Kind, plan.FirstYear, plan.LastYear, Today, GraceDays)))
            .ToList();
        return true;
    }
}
