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
public class ValorModel(ValueEntryService entry, ValueConversations conversations) : PageModel
{
    /// <summary>The reply or the resolution typed in the value's conversation.</summary>
    [BindProperty]
    public string? Mensaje { get; set; }

    [BindProperty]
    public List<IFormFile> Adjuntos { get; set; } = [];

    /// <summary>Accounts picked to be mentioned, by id (besides the @correo written in the text).</summary>
    [BindProperty]
    public List<string> Mencionar { get; set; } = [];

    /// <summary>The version of the open conversation the person read.</summary>
    [BindProperty]
    public uint ThreadVersion { get; set; }

    /// <summary>The conversations of this value, oldest first (ADR 0022).</summary>
    public IReadOnlyList<ThreadView> Threads { get; private set; } = [];

    public ThreadView? OpenThread => Threads.LastOrDefault(t => t.IsOpen);

    public IReadOnlyList<Mentionable> Mentionables { get; private set; } = [];

    public bool CanResolve => ValueConversations.IsPlanningOffice(User);

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

    /// <summary>
    /// The figures typed for the formula's variables, by code, from the fields "Variables[A]". Read from the form by
    /// hand: model binding of a dictionary falls back to every other field of the form when none is named so.
    /// </summary>
    public Dictionary<string, string?> Variables { get; set; } = [];

    [BindProperty]
    public List<IFormFile> Evidencias { get; set; } = [];

    public Indicator Indicator { get; private set; } = null!;

    public ReportPeriod Period { get; private set; } = null!;

    public IndicatorValue? Current { get; private set; }

    /// <summary>The evidence files of <see cref="Current"/>.</summary>
    public IReadOnlyList<EvidenceItem> CurrentEvidence { get; private set; } = [];

    public bool CanEdit { get; private set; }

    public string? PeriodProblem { get; private set; }

    /// <summary>The OGPP closed the period: the form is shown locked, and a value not validated reads "no presentado".</summary>
    public bool PeriodClosed { get; private set; }

    /// <summary>The address names no period: nothing is shown or saved rather than another period's value.</summary>
    public bool UnknownPeriod { get; private set; }

    public decimal? Target => Indicator.TargetFor(Period.Year);

    /// <summary>Why a Registrador cannot open this indicator: it is another unit's, which their role does not decide.</summary>
    public string? Refusal { get; private set; }

    /// <summary>A sent value the planning office has not reviewed yet can be taken back by its unit.</summary>
    public bool CanWithdraw => Current?.Status == ValueStatus.Enviado && !PeriodClosed && !UnknownPeriod;

    /// <summary>Sent, validated, closed or not yet open: the value is shown, not offered for editing.</summary>
    public bool ReadOnly => Current?.Status is ValueStatus.Enviado or ValueStatus.Validado || PeriodProblem is not null;

    /// <summary>The avance the stored value gives, capped for the semáforo and uncapped (what the value really is against the target).</summary>
    public AvanceFigure? CurrentAvance => Current?.Value is { } value && ValueEntryService.Preview(Indicator, Period.Year, Period.Kind, value) is { } progress
        ? Indicator.Plan!.Settings.DashboardAvance == AvanceType.TipoII ? progress.TipoII : progress.TipoI
        : null;

    /// <summary>How the stored value was computed from its variables: "A = 36; B = 40 → = 36 / 40 × 100 = 90".</summary>
    public string? CurrentCalculation => Current is { Variables.Count: > 0 } value
        ? Indicator.ParsedFormula.Text + " " + Indicator.ParsedFormula.Evaluate(value.Variables.ToDictionary(v => v.Code, v => (decimal?)v.Figure), Indicator.MaxDecimals).Explanation
        : null;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Denied();
        }

        Valor = Current?.Variables.Count > 0 ? null : DecimalText.ToInput(Current?.Value);
        Variables = Current?.Variables.ToDictionary(v => v.Code, v => (string?)DecimalText.ToInput(v.Figure)) ?? [];
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
            uncapped = figure?.Uncapped != figure?.Capped ? ProgressFormat.Percent(figure?.Uncapped) : null,
            warning = ImplausibleWarning(figure),
            status = preview is null ? "Sin meta" : ProgressFormat.Label(preview.Status),
            statusCode = preview?.Status.ToString(),
            commentRequired = preview?.Status is ProgressStatus.Amarillo or ProgressStatus.Rojo,
            message = preview?.StatusReason,
        });
    }

    /// <summary>
    /// A value far beyond its logro esperado is more often a typing or unit mistake (95.5 for 9.55, a percentage for a
    /// count) than a real result: the form says so, and still lets the person send it.
    /// </summary>
    public static string? ImplausibleWarning(AvanceFigure? figure) =>
        figure?.Uncapped is >= ImplausibleAvance and var uncapped
            ? $"El valor equivale al {ProgressFormat.Percent(uncapped)} del logro esperado. Si es correcto, puede enviarlo; si no, revise la unidad de medida y los decimales."
            : null;

    private const decimal ImplausibleAvance = 150m;

    public async Task<IActionResult> OnPostWithdrawAsync(int id)
    {
        if (await RefusePostAsync(id) is { } refused)
        {
            return refused;
        }

        var result = await entry.WithdrawAsync(User, id, Period.Year, Period.Kind, Version);
        if (result.Succeeded)
        {
            TempData["Status"] = $"{Indicator.PublishedCode}: valor de {Period.InSentence} retirado; quedó en borrador para que lo corrija y lo vuelva a enviar.";
            return Redirect($"/Registro/Valor/{id}?anio={Period.Year}&periodo={Period.QueryValue}");
        }

        result.AddTo(ModelState);
        await LoadAsync(id);
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(int id) => SubmitAsync(id, WorkflowAction.Guardar);

    public Task<IActionResult> OnPostSendAsync(int id) => SubmitAsync(id, WorkflowAction.Enviar);

    private async Task<IActionResult> SubmitAsync(int id, WorkflowAction action)
    {
        if (await RefusePostAsync(id) is { } refused)
        {
            return refused;
        }

        Variables = FormVariables.Read(Request.Form);
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

        var result = await entry.SubmitAsync(User, new ValueSubmission(id, Period.Year, Period.Kind, Valor, Comentario, MedioVerificacion, action, Version, files, Variables));
        if (result.Succeeded)
        {
            TempData["Status"] = result.Status == WriteStatus.Unchanged
                ? $"{Indicator.PublishedCode}: no había cambios que guardar."
                : action == WorkflowAction.Enviar
                    ? $"{Indicator.PublishedCode}: valor de {Period.InSentence} enviado a la OGPP para su validación."
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

    public async Task<IActionResult> OnPostReplyAsync(int id)
    {
        if (await RefusePostAsync(id) is { } refused)
        {
            return refused;
        }

        var files = new List<(string, byte[])>();
        foreach (var file in Adjuntos)
        {
            if (file.Length > EvidenceRules.DefaultMaxBytes)
            {
                ModelState.AddModelError(ValueConversations.FilesField, $"{EvidenceRules.SafeFileName(file.FileName)}: el archivo supera el límite de 10 MB.");
                return Page();
            }

            using var stream = new MemoryStream();
            await file.CopyToAsync(stream);
            files.Add((file.FileName, stream.ToArray()));
        }

        var result = await conversations.ReplyAsync(User, id, Period.Year, Period.Kind, Mensaje, files, Mencionar, ThreadVersion);
        return await AfterThreadWriteAsync(id, result, "mensaje enviado en la conversación.");
    }

    public async Task<IActionResult> OnPostResolveAsync(int id)
    {
        if (await RefusePostAsync(id) is { } refused)
        {
            return refused;
        }

        var result = await conversations.ResolveAsync(User, id, Period.Year, Period.Kind, Mensaje, ThreadVersion);
        return await AfterThreadWriteAsync(id, result, "conversación resuelta; la unidad recibirá un aviso.");
    }

    /// <summary>Back to the conversation after a message; on a refusal the typed text stays in the box, with the reason.</summary>
    private async Task<IActionResult> AfterThreadWriteAsync(int id, WriteResult<Domain.ThreadMessage> result, string done)
    {
        if (result.Status == WriteStatus.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData["Status"] = $"{Indicator.PublishedCode} · {Period.Label}: {done}";
            return Redirect($"/Registro/Valor/{id}?anio={Period.Year}&periodo={Period.QueryValue}#conversacion");
        }

        result.AddTo(ModelState);
        if (result.Status == WriteStatus.Conflict)
        {
            await LoadAsync(id);
            ThreadVersion = OpenThread?.Version ?? 0;
        }

        Version = Current?.Version ?? ValueEntryService.NoValueVersion;
        return Page();
    }

    /// <summary>Loads the indicator for a post, or the answer when it cannot go on: unknown indicator, no permission, unknown period.</summary>
    private async Task<IActionResult?> RefusePostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Denied();
        }

        if (UnknownPeriod)
        {
            ModelState.AddModelError(ValueEntryService.PeriodField, PeriodText.InvalidMessage);
            return Page();
        }

        return null;
    }

    /// <summary>
    /// A Registrador is refused because the indicator belongs to another unit, and is told so; anyone else because of
    /// their role, which the access-denied page explains.
    /// </summary>
    private IActionResult Denied()
    {
        if (!User.IsInRole(Data.Roles.Registrador))
        {
            return Forbid();
        }

        var owners = string.Join(", ", Indicator.ResponsibleUnits.Select(u => u.Unit!.Name));
        Refusal = $"Este indicador pertenece a {(owners.Length == 0 ? "otra unidad orgánica" : owners)}: solo las personas de esa unidad (y la OGPP) registran sus valores. Si su unidad debería reportarlo, pida al administrador que la asigne.";
        Response.StatusCode = StatusCodes.Status403Forbidden;
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
        CurrentEvidence = Current is null ? [] : await entry.EvidenceOfAsync(Current.Id);
        CanEdit = await entry.CanEditAsync(User, indicator);
        var (problem, closed) = UnknownPeriod ? (null, false) : await entry.PeriodStateAsync(indicator.Plan!, Period.Year, Period.Kind);
        PeriodProblem = UnknownPeriod ? PeriodText.InvalidMessage + " Vuelva al Registro y elija allí el indicador y el periodo." : problem;
        PeriodClosed = closed;
        if (CanEdit && !UnknownPeriod && await conversations.CanWriteAsync(User, indicator))
        {
            Threads = await conversations.ThreadsAsync(indicator.Id, Period.Year, Period.Kind);
            Mentionables = Threads.Any(t => t.IsOpen) ? await conversations.MentionablesAsync(indicator) : [];
            if (HttpMethods.IsGet(Request.Method))
            {
                ThreadVersion = OpenThread?.Version ?? 0;
            }
        }

        return true;
    }
}
