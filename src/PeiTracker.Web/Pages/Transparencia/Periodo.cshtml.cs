using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeiTracker.Domain;

namespace PeiTracker.Web.Pages.Transparencia;

/// <summary>
/// One published period, read only and from its snapshot (never live data): date, approving office, the files with
/// their SHA-256, the figures as reported, and after a republication what changed since the previous published version.
/// </summary>
[AllowAnonymous]
public class PeriodoModel(PublishedRecords published) : PageModel
{
    public PublishedRecords.Listed Shown { get; private set; } = null!;

    public IReadOnlyList<PublishedRecords.PublicFile> Files { get; private set; } = [];

    public IReadOnlyList<SnapshotFigure> Figures { get; private set; } = [];

    /// <summary>The same period's publication before this one, if it was republished.</summary>
    public PublishedRecords.Listed? Previous { get; private set; }

    /// <summary>A later publication of the same period, which supersedes this one.</summary>
    public PublishedRecords.Listed? Newer { get; private set; }

    public IReadOnlyList<FigureChange> Changes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var cancel = HttpContext.RequestAborted;
        var all = await published.ListAsync(cancel, samePlanAs: id);
        var shown = all.FirstOrDefault(r => r.PublicationId == id);
        if (shown is null)
        {
            return NotFound();
        }

        Shown = shown;
        var samePeriod = all.Where(r => r.PlanId == shown.PlanId && r.Year == shown.Year && r.Period == shown.Period).OrderBy(r => r.Version).ToList();
        Previous = samePeriod.LastOrDefault(r => r.Version < shown.Version);
        Newer = samePeriod.LastOrDefault(r => r.Version > shown.Version);
        Files = await published.FilesAsync(shown.SnapshotId, cancel);
        Figures = await published.FiguresAsync(shown.SnapshotId, cancel);
        if (Previous is not null)
        {
            Changes = SnapshotDiff.Between(await published.FiguresAsync(Previous.SnapshotId, cancel), Figures);
        }

        var content = string.Join("\n", new object?[] { Shown, Previous, Newer }.Concat(Files).Concat(Figures.Select(Line)));
        return PublishedRecords.NotModified(HttpContext, content) ? StatusCode(StatusCodes.Status304NotModified) : Page();
    }

    private static string Line(SnapshotFigure f) => $"{f.Kind}|{f.Code}|{f.Target}|{f.Value}|{f.Avance}|{f.Status}|{f.Coverage}";

    public static string Size(long bytes) => bytes < 1024 ? $"{bytes} B" : $"{bytes / 1024.0:0.#} KB";
}
