using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Pages.Reportes;

/// <summary>
/// What each closed period reported, version by version: the figures and files kept at closing (with their
/// SHA-256), and for a later version what changed since the previous one, who changed it and why it was reopened.
/// </summary>
public class VersionesModel(AppDbContext db) : PageModel
{
    public Domain.Plan Plan { get; private set; } = null!;

    /// <summary>Every version of the plan, newest period first (the list).</summary>
    public IReadOnlyList<PeriodSnapshot> Versions { get; private set; } = [];

    /// <summary>The version shown in detail, with its figures and files.</summary>
    public PeriodSnapshot? Shown { get; private set; }

    /// <summary>The version of the same period before <see cref="Shown"/>, if any.</summary>
    public PeriodSnapshot? Previous { get; private set; }

    public IReadOnlyList<FigureChange> Changes { get; private set; } = [];

    /// <summary>The reopening that led from <see cref="Previous"/> to <see cref="Shown"/>.</summary>
    public PeriodClosure? Reopening { get; private set; }

    /// <summary>Value changes recorded between the two closings, for the period: who changed what, and why.</summary>
    public IReadOnlyList<AuditEntry> Edits { get; private set; } = [];

    /// <summary>A reported figure as it was stored, without padding zeros (a count reads 3, a percentage 96.25).</summary>
    public static string Figure(decimal? value) => value?.ToString("#,##0.####", System.Globalization.CultureInfo.GetCultureInfo("es-PE")) ?? "—";

    public static string PeriodLabel(PeriodSnapshot snapshot) => new ReportPeriod(snapshot.Year, snapshot.Period).Label;

    public async Task<IActionResult> OnGetAsync(int? id, string? plan)
    {
        if (!await LoadPlanAsync(plan))
        {
            return NotFound();
        }

        if (id is null)
        {
            Versions = await db.PeriodSnapshots.AsNoTracking().Where(s => s.PlanId == Plan.Id)
                .OrderByDescending(s => s.Year).ThenByDescending(s => s.Period).ThenByDescending(s => s.Version).ToListAsync();
            return Page();
        }

        Shown = await db.PeriodSnapshots.AsNoTracking().Include(s => s.Figures.OrderBy(f => f.Id)).AsSplitQuery()
            .SingleOrDefaultAsync(s => s.Id == id && s.PlanId == Plan.Id);
        if (Shown is null)
        {
            return NotFound();
        }

        // The files' bytes stay in the database until one is downloaded.
        Shown.Files = await db.Set<SnapshotFile>().AsNoTracking().Where(f => f.SnapshotId == Shown.Id).OrderBy(f => f.Id)
            .Select(f => new SnapshotFile { Id = f.Id, SnapshotId = f.SnapshotId, Name = f.Name, ContentType = f.ContentType, Sha256 = f.Sha256, Content = Array.Empty<byte>() })
            .ToListAsync();
        Previous = await db.PeriodSnapshots.AsNoTracking().Include(s => s.Figures)
            .SingleOrDefaultAsync(s => s.PlanId == Plan.Id && s.Year == Shown.Year && s.Period == Shown.Period && s.Version == Shown.Version - 1);
        if (Previous is not null)
        {
            Changes = SnapshotDiff.Between(Previous.Figures, Shown.Figures);
            Reopening = await db.PeriodClosures.AsNoTracking()
                .Where(c => c.PlanId == Plan.Id && c.Year == Shown.Year && c.Period == Shown.Period && c.ReopenedAt != null && c.ReopenedAt >= Previous.TakenAt && c.ReopenedAt <= Shown.TakenAt)
                .OrderByDescending(c => c.ReopenedAt).FirstOrDefaultAsync();
            var from = Previous.TakenAt;
            var to = Shown.TakenAt;
            // Value audit rows name their period in the field ("Valor i semestre 2026", "Estado del valor anual 2025");
            // "valor " in front keeps the I semestre from matching the II.
            var periodWords = $"valor {Labels.Of(Shown.Period).ToLowerInvariant()} {Shown.Year}";
            Edits = await db.AuditEntries.AsNoTracking()
                .Where(a => a.PlanId == Plan.Id && a.Kind == AuditKind.Valor && a.At > from && a.At <= to && a.Field.ToLower().Contains(periodWords))
                .OrderBy(a => a.At).ThenBy(a => a.Id).Take(500).ToListAsync();
        }

        return Page();
    }

    public async Task<IActionResult> OnGetArchivoAsync(int id, int archivo, string? plan)
    {
        if (!await LoadPlanAsync(plan))
        {
            return NotFound();
        }

        var file = await db.Set<SnapshotFile>().AsNoTracking()
            .SingleOrDefaultAsync(f => f.Id == archivo && f.SnapshotId == id && db.PeriodSnapshots.Any(s => s.Id == id && s.PlanId == Plan.Id));
        if (file is null)
        {
            return NotFound();
        }

        Response.Headers["X-Content-SHA256"] = file.Sha256;
        return File(file.Content, file.ContentType, file.Name);
    }

    private async Task<bool> LoadPlanAsync(string? plan)
    {
        var code = await db.ResolveCodeAsync(plan);
        var found = code is null ? null : await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Code == code);
        if (found is null)
        {
            return false;
        }

        Plan = found;
        return true;
    }
}
