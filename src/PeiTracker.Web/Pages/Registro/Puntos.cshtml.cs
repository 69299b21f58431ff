using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeiTracker.Domain;
using PeiTracker.Domain.Points;
using PeiTracker.Web.Data;
using PeiTracker.Web.Entry;
using PeiTracker.Web.Points;
using PeiTracker.Web.Progress;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Pages.Registro;

/// <summary>
/// The responsible unit's review of an indicator's reporting points for one period: every point's figures and own
/// value, accept (the indicator's value is recomputed from the sums) or observe with a reason.
/// </summary>
public class PuntosModel(AppDbContext db, ValueEntryService values, PointEntryService points) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Anio { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Periodo { get; set; }

    [BindProperty]
    public int Submission { get; set; }

    [BindProperty]
    public uint Version { get; set; }

    [BindProperty]
    public string? Motivo { get; set; }

    public Indicator Indicator { get; private set; } = null!;

    public ReportPeriod Period { get; private set; } = null!;

    public PointBreakdown Breakdown { get; private set; } = null!;

    public IndicatorValue? Value { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ?? Page();

    public Task<IActionResult> OnPostAcceptAsync(int id) => ReviewAsync(id, PointAction.Aceptar);

    public Task<IActionResult> OnPostObserveAsync(int id) => ReviewAsync(id, PointAction.Observar);

    private async Task<IActionResult> ReviewAsync(int id, PointAction action)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }

        var row = Breakdown.Rows.FirstOrDefault(r => r.SubmissionId == Submission);
        if (row is null)
        {
            return NotFound();
        }

        var result = await points.ReviewAsync(User, Submission, action, Motivo, Version);
        if (result.Succeeded)
        {
            TempData["Status"] = action == PointAction.Aceptar
                ? $"{row.Code}: cifras aceptadas; el valor del {Period.InSentence} del indicador se recalculó con las sumas de los puntos aceptados."
                : $"{row.Code}: cifras observadas; el punto de registro debe corregirlas y enviarlas de nuevo.";
            return Redirect($"/Registro/Puntos/{id}?anio={Period.Year}&periodo={Period.QueryValue}");
        }

        result.AddTo(ModelState);
        db.ChangeTracker.Clear();
        await LoadAsync(id);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id)
    {
        var indicator = await values.LoadAsync(id);
        if (indicator is null)
        {
            return NotFound();
        }

        Indicator = indicator;
        if (!await points.CanReviewAsync(User, indicator))
        {
            return Forbid();
        }

        PeriodText.TryParse(Periodo, out var kind);
        Period = new ReportPeriod(Anio == 0 ? indicator.Plan!.FirstYear : Anio, kind);
        Breakdown = await PointBreakdown.LoadAsync(db, indicator, Period.Year, Period.Kind);
        Value = indicator.Values.SingleOrDefault(v => v.Year == Period.Year && v.Period == Period.Kind);
        return null;
    }
}
