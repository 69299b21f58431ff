using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Points;
using PeiTracker.Web.Data;
using PeiTracker.Web.Entry;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Points;
using PeiTracker.Web.Progress;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Pages.Registro;

/// <summary>
/// A reporting point enters its figures for the formula's variables of an indicator collected by point, for one
/// period, and sends them to the indicator's responsible unit. Without a point, the points the person may enter for.
/// </summary>
public class PuntoModel(AppDbContext db, ValueEntryService values, PointEntryService points, UserScope scope) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Anio { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Periodo { get; set; }

    [BindProperty(SupportsGet = true, Name = "punto")]
    public string? Punto { get; set; }

    [BindProperty]
    public string? Comentario { get; set; }

    [BindProperty]
    public uint? Version { get; set; }

    public Dictionary<string, string?> Variables { get; set; } = [];

    public Indicator Indicator { get; private set; } = null!;

    public ReportPeriod Period { get; private set; } = null!;

    public ReportingPoint? Point { get; private set; }

    public PointSubmission? Current { get; private set; }

    /// <summary>The points the person may enter for (every active point for the OGPP), when the address names none.</summary>
    public IReadOnlyList<ReportingPoint> Choices { get; private set; } = [];

    public string? PeriodProblem { get; private set; }

    public bool ReadOnly => Current?.Status is PointSubmissionStatus.Enviado or PointSubmissionStatus.Aceptado || PeriodProblem is not null;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }

        Variables = Current?.Figures.ToDictionary(f => f.Code, f => (string?)DecimalText.ToInput(f.Figure)) ?? [];
        Comentario = Current?.Comment;
        Version = Current?.Version ?? ValueEntryService.NoValueVersion;
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(int id) => SubmitAsync(id, PointAction.Guardar);

    public Task<IActionResult> OnPostSendAsync(int id) => SubmitAsync(id, PointAction.Enviar);

    private async Task<IActionResult> SubmitAsync(int id, PointAction action)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }

        if (Point is null)
        {
            return NotFound();
        }

        Variables = FormVariables.Read(Request.Form);
        var result = await points.SubmitAsync(User, new PointEntry(id, Point.Code, Period.Year, Period.Kind, Variables, Comentario, action, Version));
        if (result.Succeeded)
        {
            TempData["Status"] = result.Status == WriteStatus.Unchanged
                ? $"{Point.Code}: no había cambios que guardar."
                : action == PointAction.Enviar
                    ? $"{Point.Code}: cifras de {Period.InSentence} enviadas a la unidad responsable para su revisión."
                    : $"{Point.Code}: borrador guardado. Recuerde enviarlo a la unidad responsable.";
            return Redirect($"/Registro/Punto/{id}?punto={Point.Code}&anio={Period.Year}&periodo={Period.QueryValue}");
        }

        result.AddTo(ModelState);
        if (result.Status == WriteStatus.Conflict)
        {
            await LoadAsync(id);
            ModelState.Remove(nameof(Version));
            Version = Current?.Version ?? ValueEntryService.NoValueVersion;
        }

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
        var known = PeriodText.TryParse(Periodo, out var kind);
        Period = new ReportPeriod(Anio == 0 ? indicator.Plan!.FirstYear : Anio, kind);
        PeriodProblem = known ? await values.PeriodProblemAsync(indicator.Plan!, Period.Year, Period.Kind) : PeriodText.InvalidMessage;
        var planningOffice = User.IsInRole(Roles.Administrador) || User.IsInRole(Roles.Planificador);
        var mine = await scope.PointIdsAsync(User);
        if (!planningOffice && (!User.IsInRole(Roles.Registrador) || mine.Count == 0))
        {
            return Forbid();
        }

        if (Punto is { Length: > 0 })
        {
            Point = await points.FindPointAsync(indicator.Plan!.InstitutionId, Punto);
            if (Point is null)
            {
                return NotFound();
            }

            if (!await points.CanEnterAsync(User, Point))
            {
                return Forbid();
            }

            Current = await db.PointSubmissions.AsNoTracking().Include(s => s.Figures)
                .SingleOrDefaultAsync(s => s.IndicatorId == id && s.Year == Period.Year && s.Period == Period.Kind && s.PointId == Point.Id);
        }
        else
        {
            Choices = await db.ReportingPoints.AsNoTracking()
                .Where(p => p.InstitutionId == indicator.Plan!.InstitutionId && p.IsActive && (planningOffice || mine.Contains(p.Id)))
                .OrderBy(p => p.Code).ToListAsync();
        }

        return null;
    }
}
