using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Pages.Registro;

/// <summary>The planning office sets reporting deadlines and closes (or reopens, with a reason) periods.</summary>
[Authorize(Policy = Policies.EditPlan)]
public class PeriodosModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public Domain.Plan Plan { get; private set; } = null!;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public record Row(ReportPeriod Period, DateOnly? Deadline, PeriodClosure? Closure);

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
        TempData["Status"] = $"Plazo de {Labels.Of(kind).ToLowerInvariant()} {year}: {dueDate.Value:dd/MM/yyyy}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCloseAsync(int year, string period, string? note)
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

        if (await db.PeriodClosures.AnyAsync(c => c.PlanId == Plan.Id && c.Year == year && c.Period == kind && c.ReopenedAt == null))
        {
            TempData["Error"] = "El periodo ya está cerrado.";
            return RedirectToPage();
        }

        var now = clock.GetUtcNow();
        db.PeriodClosures.Add(new PeriodClosure { PlanId = Plan.Id, Year = year, Period = kind, ClosedBy = User.Identity!.Name!, ClosedAt = now, ClosingNote = note?.Trim() });
        db.AddAudit(now, User.Identity!.Name!, AuditKind.Periodo, $"{Labels.Of(kind)} {year}", "Estado del periodo", "Abierto", "Cerrado", note?.Trim(), Plan.Id);
        await db.SaveChangesAsync();
        TempData["Status"] = $"{Labels.Of(kind)} {year} cerrado: sus valores ya no pueden cambiar.";
        return RedirectToPage();
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
        TempData["Status"] = $"{Labels.Of(closure.Period)} {closure.Year} reabierto.";
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
            .Select(p => new Row(p, deadlines.FirstOrDefault(d => d.Year == p.Year && d.Period == p.Kind)?.DueDate, closures.FirstOrDefault(c => c.Year == p.Year && c.Period == p.Kind)))
            .ToList();
        return true;
    }
}
