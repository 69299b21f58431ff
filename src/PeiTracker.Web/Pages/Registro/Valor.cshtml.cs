using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeiTracker.Domain;
using PeiTracker.Domain.Entry;
using PeiTracker.Domain.Progress;
using PeiTracker.Web.Entry;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Progress;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Pages.Registro;

/// <summary>Entering one indicator's value for one period: value, comment, medio de verificación, evidence; save or send.</summary>
[UploadLimit(60 * 1024 * 1024)]
[RequestSizeLimit(60 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 60 * 1024 * 1024)]
public class ValorModel(ValueEntryService entry) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Anio { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Periodo { get; set; }

    [BindProperty]
    public string? Valor { get; set; }

    [BindProperty]
    public string? Comentario { get; set; }

    [BindProperty]
    public string? MedioVerificacion { get; set; }

    [BindProperty]
    public uint? Version { get; set; }

    [BindProperty]
    public List<IFormFile> Evidencias { get; set; } = [];

    public Indicator Indicator { get; private set; } = null!;

    public ReportPeriod Period { get; private set; } = null!;

    public IndicatorValue? Current { get; private set; }

    public bool CanEdit { get; private set; }

    public string? PeriodProblem { get; private set; }

    /// <summary>The OGPP closed the period: the form is shown locked, and a value not validated reads "no presentado".</summary>
    public bool PeriodClosed { get; private set; }

    /// <summary>The address names no period: nothing is shown or saved rather than another period's value.</summary>
    public bool UnknownPeriod { get; private set; }

    public decimal? Target => Indicator.TargetFor(Period.Year);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        Valor = DecimalText.ToInput(Current?.Value);
        Comentario = Current?.Comment;
        MedioVerificacion = Current?.DataSource;
        Version = Current?.Version ?? ValueEntryService.NoValueVersion;
        return Page();
    }

    /// <summary>The avance and semáforo the typed value would give, computed by the same engine as the dashboards.</summary>
    public async Task<IActionResult> OnGetPreviewAsync(int id, string? valor)
    {
        if (!await LoadAsync(id) || !CanEdit || UnknownPeriod)
        {
            return NotFound();
        }

        if (!DecimalText.TryParse(valor, out var value, out var error) || value is null)
        {
            return new JsonResult(new { ok = false, message = error ?? "Escriba un valor." });
        }

        if (ValueRules.Check(Indicator, value.Value) is { } rangeError)
        {
            return new JsonResult(new { ok = false, message = rangeError });
        }

        var preview = ValueEntryService.Preview(Indicator, Period.Year, Period.Kind, value.Value);
        var figure = Indicator.Plan!.Settings.DashboardAvance == AvanceType.TipoII ? preview?.TipoII : preview?.TipoI;
        return new JsonResult(new
        {
            ok = true,
            avance = ProgressFormat.Percent(figure?.Capped),
            status = preview is null ? "Sin meta" : ProgressFormat.Label(preview.Status),
            statusCode = preview?.Status.ToString(),
            commentRequired = preview?.Status is ProgressStatus.Amarillo or ProgressStatus.Rojo,
            message = preview?.StatusReason,
        });
    }

    public Task<IActionResult> OnPostSaveAsync(int id) => SubmitAsync(id, WorkflowAction.Guardar);

    public Task<IActionResult> OnPostSendAsync(int id) => SubmitAsync(id, WorkflowAction.Enviar);

    private async Task<IActionResult> SubmitAsync(int id, WorkflowAction action)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        if (UnknownPeriod)
        {
            ModelState.AddModelError(ValueEntryService.PeriodField, PeriodText.InvalidMessage);
            return Page();
        }

        var files = new List<(string, byte[])>();
        // Every named file goes to the evidence check, which refuses an empty one with its reason (model binding
        // already leaves out the empty part a file input sends when nothing was chosen).
        foreach (var file in Evidencias)
        {
            if (file.Length > EvidenceRules.DefaultMaxBytes)
            {
                ModelState.AddModelError(nameof(Evidencias), $"{EvidenceRules.SafeFileName(file.FileName)}: el archivo supera el límite de 10 MB.");
                return Page();
            }

            using var stream = new MemoryStream();
            await file.CopyToAsync(stream);
            files.Add((file.FileName, stream.ToArray()));
        }

        var result = await entry.SubmitAsync(User, new ValueSubmission(id, Period.Year, Period.Kind, Valor, Comentario, MedioVerificacion, action, Version, files));
        if (result.Succeeded)
        {
            TempData["Status"] = result.Status == WriteStatus.Unchanged
                ? $"{Indicator.PublishedCode}: no había cambios que guardar."
                : action == WorkflowAction.Enviar
                    ? $"{Indicator.PublishedCode}: valor de {Period.Label.ToLowerInvariant()} enviado a la OGPP para su validación."
                    : $"{Indicator.PublishedCode}: borrador guardado. Recuerde enviarlo a la OGPP.";
            return Redirect($"/Registro?anio={Period.Year}&periodo={Period.QueryValue}");
        }

        result.AddTo(ModelState);
        if (result.Status == WriteStatus.Conflict)
        {
            // The form now carries the version just read, so saving again after reviewing is a deliberate choice.
            await LoadAsync(id);
            ModelState.Remove(nameof(Version));
            Version = Current?.Version ?? ValueEntryService.NoValueVersion;
        }

        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var indicator = await entry.LoadAsync(id);
        if (indicator is null)
        {
            return false;
        }

        Indicator = indicator;
        UnknownPeriod = !PeriodText.TryParse(Periodo, out var kind);
        Period = new ReportPeriod(Anio == 0 ? indicator.Plan!.FirstYear : Anio, kind);
        Current = UnknownPeriod ? null : indicator.Values.SingleOrDefault(v => v.Year == Period.Year && v.Period == Period.Kind);
        CanEdit = await entry.CanEditAsync(User, indicator);
        PeriodProblem = UnknownPeriod
            ? PeriodText.InvalidMessage + " Vuelva al Registro y elija allí el indicador y el periodo."
            : await entry.PeriodProblemAsync(indicator.Plan!, Period.Year, Period.Kind);
        PeriodClosed = !UnknownPeriod && await entry.IsClosedAsync(indicator.Plan!, Period.Year, Period.Kind);
        return true;
    }
}
