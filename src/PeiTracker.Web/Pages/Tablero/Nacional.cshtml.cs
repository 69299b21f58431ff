using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeiTracker.Domain;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Pages.Tablero;

/// <summary>
/// The national roll-up: every entity's plan avance and indicators per semáforo in one period,
/// grouped by sector, for a sector office or CEPLAN following many plans at once.
/// </summary>
public class NacionalModel(NationalProgressService national, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Anio { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Periodo { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sector { get; set; }

    public ReportPeriod Period { get; private set; } = null!;

    public IReadOnlyList<SectorProgress> Sectors { get; private set; } = [];

    public IReadOnlyList<SectorProgress> Shown { get; private set; } = [];

    /// <summary>Everything the rendered body depends on: the roll-up (its generation), the period and the sector.</summary>
    public string FragmentKey { get; private set; } = "";

    public int Entities => Sectors.Sum(s => s.Entities.Count);

    public static readonly IReadOnlyList<int> Years = Enumerable.Range(2025, 6).ToList();

    public async Task OnGetAsync()
    {
        var lastYear = Math.Clamp(PeruTime.ToLima(clock.GetUtcNow()).Year - 1, Years[0], Years[^1]);
        var year = Anio is { } asked && Years.Contains(asked) ? asked : lastYear;
        Period = ReportPeriod.FromQuery(year, Periodo, _ => true, () => new ReportPeriod(year, PeriodKind.Anual), out var periodNote);
        ViewData[ReportPeriod.NoteKey] = periodNote;
        Anio = Period.Year;
        Periodo = Period.QueryValue;
        var rollUp = await national.LoadAsync(Period, HttpContext.RequestAborted);
        Sectors = rollUp.Sectors;
        FragmentKey = string.Join('|', rollUp.Generation, Period.Year, Period.QueryValue, Sector);
        Shown = string.IsNullOrEmpty(Sector) ? Sectors : Sectors.Where(s => s.Sector == Sector).ToList();
    }

    public string DashboardLink(EntityProgress entity) => "/Tablero" + IndexModel.PeriodLink(entity.PlanCode, Period, null);
}
