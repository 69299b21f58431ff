using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Editing;
using PeiTracker.Domain.Entry;
using PeiTracker.Domain.Progress;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Notices;
using PeiTracker.Web.Progress;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Entry;

/// <summary>
/// A value a person (or a source system) wants to save or send. <see cref="Version"/> is the version of the
/// value the person saw: its xmin, or <see cref="ValueEntryService.NoValueVersion"/> when there was none yet;
/// null when the caller sent none, which is refused wherever a value exists. With <see cref="Variables"/>, the value
/// is computed from the figures of the indicator's formula and <see cref="ValueText"/> may be left empty.
/// <see cref="FromPoints"/> marks the value computed from the sums of the accepted reporting points' figures, the only
/// way the value of an indicator collected by point changes (ADR 0019).
/// </summary>
public sealed record ValueSubmission(
    int IndicatorId,
    int Year,
    PeriodKind Period,
    string? ValueText,
    string? Comment,
    string? DataSource,
    WorkflowAction Action,
    uint? Version,
    IReadOnlyList<(string FileName, byte[] Content)> Files,
    IReadOnlyDictionary<string, string?>? Variables = null,
    bool FromPoints = false);

/// <summary>An evidence file as a page lists it.</summary>
public sealed record EvidenceItem(int Id, string FileName, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>The figures a form typed for the formula's variables, from its fields "Variables[A]" (shared by the value and the point forms).</summary>
public static class FormVariables
{
    /// <summary>Read by hand: model binding of a dictionary falls back to every other field of the form when none is named so.</summary>
    public static Dictionary<string, string?> Read(IFormCollection form) =>
        form.Keys.Where(k => k.StartsWith("Variables[", StringComparison.Ordinal) && k.EndsWith(']'))
            .ToDictionary(k => k["Variables[".Length..^1], k => (string?)form[k].ToString(), StringComparer.Ordinal);
}

/// <summary>
/// What a submission would do, from <see cref="ValueEntryService.CheckAsync"/>: the value, variables and texts it would
/// store and the state it would leave, or the answer a save would give (<see cref="Failure"/>), nothing saved.
/// </summary>
public sealed record ValueCheck(
    WriteResult<IndicatorValue>? Failure,
    Indicator? Indicator,
    IndicatorValue? Existing,
    decimal? Value,
    List<Domain.Formulas.ValueVariable> Figures,
    string? Comment,
    string? DataSource,
    ValueStatus Next,
    List<Evidence> Evidence,
    bool DataValid)
{
    /// <summary>
    /// The stored value already holds exactly this value, these variables and texts (its state aside), and no file is
    /// added; also when the save would be refused (a value already sent), which an upload reports as nothing to do.
    /// </summary>
    public bool SameData => DataValid && Existing is { IsDemo: false } existing && Evidence.Count == 0
        && existing.Value == Value && existing.Comment == Comment && existing.DataSource == DataSource
        && Indicator.DescribeFigures(existing.Variables) == Indicator.DescribeFigures(Figures);

    public static ValueCheck Failed(WriteResult<IndicatorValue> failure, Indicator? indicator, IndicatorValue? existing) =>
        new(failure, indicator, existing, null, [], null, null, default, [], DataValid: false);
}

/// <summary>
/// The single path by which values enter the system (pages and API): permissions by unit,
/// validation by unit of measure, closed periods, the review workflow, evidence checks,
/// optimistic concurrency (first entries included), and the audit rows, all saved together or not at all.
/// </summary>
public sealed class ValueEntryService(AppDbContext db, UserScope scope, TimeProvider clock, AuditedWriter writer, ValueNotices notices)
{
    public const string ValueField = "Valor";
    public const string CommentField = "Comentario";
    public const string PeriodField = "Periodo";
    public const string FilesField = "Evidencias";
    public const string UnknownIndicator = "El indicador no existe.";
    public const string ByPointMessage =
        "Este indicador se registra por punto de registro: su valor se calcula de las sumas de las cifras aceptadas de los puntos y no se escribe a mano. Corrija las cifras del punto que corresponda y acéptelas en la revisión de puntos. No se guardó nada.";

    public const string OtherUnitMessage = "No puede registrar valores de este indicador: pertenece a otra unidad orgánica. Solo las personas de la unidad responsable (y la OGPP) registran sus valores.";
    public const string ControlCharactersMessage = "El texto contiene caracteres no permitidos (caracteres de control): bórrelos y vuelva a intentarlo.";

    /// <summary>
    /// The version of a value not entered yet. PostgreSQL never gives a live row xmin 0 (it is the invalid
    /// transaction id), so a person who saw no value and a stored value can never agree by accident: two
    /// first entries of one period are a conflict, never an overwrite.
    /// </summary>
    public const uint NoValueVersion = 0;

    public const string VersionMissingMessage =
        "Este periodo ya tiene un valor registrado y la solicitud no indica qué versión leyó: lea primero el valor actual y su versión " +
        "(GET /api/v1/indicadores/{id}, campo version) y vuelva a enviarlo con esa versión. No se guardó nada.";

    public Task<bool> CanEditAsync(ClaimsPrincipal user, Indicator indicator, CancellationToken cancellationToken = default) =>
        CanEditAsync(user, [.. indicator.ResponsibleUnits.Select(u => u.UnitId)], cancellationToken);

    /// <summary>Whether the person enters the values of an indicator of these responsible units: its units' Registradores and the OGPP.</summary>
    public async Task<bool> CanEditAsync(ClaimsPrincipal user, IReadOnlyCollection<int> responsibleUnitIds, CancellationToken cancellationToken = default)
    {
        if (user.IsInRole(Roles.Administrador) || user.IsInRole(Roles.Planificador))
        {
            return true;
        }

        if (!user.IsInRole(Roles.Registrador))
        {
            return false;
        }

        var units = await scope.UnitIdsAsync(user, cancellationToken);
        return responsibleUnitIds.Any(units.Contains);
    }

    /// <summary>Null when the period can receive values, otherwise why not (for the form, which locks itself).</summary>
    public async Task<string?> PeriodProblemAsync(Domain.Plan plan, int year, PeriodKind period, CancellationToken cancellationToken = default) =>
        (await PeriodStateAsync(plan, year, period, cancellationToken)).Problem;

    /// <summary>Why the period takes no values now (null when it does), and whether the OGPP closed it, with one query.</summary>
    public async Task<(string? Problem, bool Closed)> PeriodStateAsync(Domain.Plan plan, int year, PeriodKind period, CancellationToken cancellationToken = default)
    {
        var closed = await IsClosedAsync(plan, year, period, cancellationToken);
        return (PeriodInputProblem(plan, year, period) ?? (closed ? ClosedMessage(year, period) : null), closed);
    }

    public static string ClosedMessage(int year, PeriodKind period) =>
        $"El periodo {Labels.InSentence(period)} {year} está cerrado por la OGPP: no admite cambios salvo que se reabra.";

    /// <summary>A period the plan cannot have a value for: outside its years, a semester it does not follow, or not started.</summary>
    private string? PeriodInputProblem(Domain.Plan plan, int year, PeriodKind period)
    {
        if (!plan.Covers(year))
        {
            return $"El año {year} no pertenece al plan ({plan.FirstYear}-{plan.LastYear}).";
        }

        if (period != PeriodKind.Anual && !plan.Settings.SemesterFollowUp)
        {
            return "Este plan no tiene seguimiento semestral: registre el valor anual.";
        }

        var today = DateOnly.FromDateTime(PeruTime.ToLima(clock.GetUtcNow()).DateTime);
        var start = new DateOnly(year, period == PeriodKind.SegundoSemestre ? 7 : 1, 1);
        return start > today ? $"El periodo {Labels.InSentence(period)} {year} aún no empieza: no se pueden registrar valores futuros." : null;
    }

    /// <summary>A period the planning office closed: nobody may change its values until it is reopened.</summary>
    private async Task<string?> ClosedProblemAsync(Domain.Plan plan, int year, PeriodKind period, CancellationToken cancellationToken) =>
        await IsClosedAsync(plan, year, period, cancellationToken) ? ClosedMessage(year, period) : null;

    /// <summary>The OGPP closed the period and has not reopened it.</summary>
    public Task<bool> IsClosedAsync(Domain.Plan plan, int year, PeriodKind period, CancellationToken cancellationToken = default) =>
        db.PeriodClosures.AsNoTracking().AnyAsync(c => c.PlanId == plan.Id && c.Year == year && c.Period == period && c.ReopenedAt == null, cancellationToken);

    /// <summary>What the value would give, from the same engine as the dashboards (for the live preview and the comment rule).</summary>
    public static PeriodProgress? Preview(Indicator indicator, int year, PeriodKind period, decimal value)
    {
        var others = indicator.Values.Where(v => !(v.Year == year && v.Period == period) && v.Value is not null)
            .Select(v => new PeriodValue(v.Year, v.Period, v.Value!.Value));
        var input = IndicatorInput.From(indicator, []) with { Values = others.Append(new PeriodValue(year, period, value)).ToList() };
        return ProgressCalculator.Calculate(input, indicator.Plan!.Settings, indicator.Plan.FirstYear, indicator.Plan.LastYear).For(year, period);
    }

    /// <summary>
    /// The indicator with what a write checks (plan, responsible units, targets, values with their variables), tracked.
    /// Not the values' evidence files: a save only adds files, and their bytes would be read at every form request;
    /// pages list a value's files with <see cref="EvidenceOfAsync"/>.
    /// </summary>
    public async Task<Indicator?> LoadAsync(int indicatorId, CancellationToken cancellationToken = default) =>
        await db.Indicators
            .Include(i => i.Plan)
            .Include(i => i.ResponsibleUnits).ThenInclude(u => u.Unit)
            .Include(i => i.Targets)
            .Include(i => i.Values).ThenInclude(v => v.Variables)
            .Include(i => i.Variables)
            .AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == indicatorId, cancellationToken);

    /// <summary>A value's evidence files as a page lists them (name, who and when), without their content.</summary>
    public async Task<IReadOnlyList<EvidenceItem>> EvidenceOfAsync(int valueId, CancellationToken cancellationToken = default) =>
        await db.Evidence.AsNoTracking().Where(e => e.ValueId == valueId).OrderBy(e => e.Id)
            .Select(e => new EvidenceItem(e.Id, e.FileName, e.UploadedBy, e.UploadedAt)).ToListAsync(cancellationToken);

    /// <summary>
    /// Checks a submission by every rule of <see cref="SubmitAsync"/> (permission, closed period, workflow, value,
    /// variables, comment, evidence) and saves nothing: what the value would become, or why it cannot. Without
    /// <paramref name="checkVersion"/> the version is not compared, for a caller (the Excel upload) that compares
    /// the data first and reports a changed version itself. The indicator is loaded tracked, as a save needs it.
    /// </summary>
    public async Task<ValueCheck> CheckAsync(ClaimsPrincipal user, ValueSubmission submission, bool checkVersion, CancellationToken cancellationToken = default)
    {
        var indicator = await LoadAsync(submission.IndicatorId, cancellationToken);
        if (indicator is null)
        {
            return ValueCheck.Failed(WriteResult<IndicatorValue>.NotFound(UnknownIndicator), null, null);
        }

        var existing = indicator.Values.SingleOrDefault(x => x.Year == submission.Year && x.Period == submission.Period);
        if (!await CanEditAsync(user, indicator, cancellationToken))
        {
            return ValueCheck.Failed(WriteResult<IndicatorValue>.Refused(OtherUnitMessage), indicator, existing);
        }

        if (checkVersion && !VersionMatches(existing, submission.Version))
        {
            return ValueCheck.Failed(Conflict(existing, indicator, versionMissing: existing is not null && submission.Version is null), indicator, existing);
        }

        // A save is refused before its data is read; a check without the version reads the data anyway, so an upload
        // can tell a value that is already stored (nothing to do) from one it may no longer change.
        var actor = user.IsInRole(Roles.Administrador) || user.IsInRole(Roles.Planificador) ? WorkflowActor.PlanningOffice : WorkflowActor.Unit;
        var transition = ValueWorkflow.Apply(existing?.Status, submission.Action, actor);
        var refusal = await ClosedProblemAsync(indicator.Plan!, submission.Year, submission.Period, cancellationToken) ?? transition.Reason;
        if (refusal is not null && checkVersion)
        {
            return ValueCheck.Failed(WriteResult<IndicatorValue>.Refused(refusal), indicator, existing);
        }

        var errors = new Dictionary<string, string>();
        if (PeriodInputProblem(indicator.Plan!, submission.Year, submission.Period) is { } periodProblem)
        {
            errors[PeriodField] = periodProblem;
        }

        var (value, figures) = ReadValue(indicator, submission, errors);
        if (indicator.CollectedByPoint && !submission.FromPoints
            && !(existing is not null && existing.Value == value && Indicator.DescribeFigures(existing.Variables) == Indicator.DescribeFigures(figures)))
        {
            return ValueCheck.Failed(WriteResult<IndicatorValue>.Refused(ByPointMessage), indicator, existing);
        }

        var comment = Clean(submission.Comment, 2000, CommentField, errors);
        var dataSource = Clean(submission.DataSource, 1000, "MedioVerificacion", errors);
        if (value is { } v && !errors.ContainsKey(ValueField) && comment is null
            && Preview(indicator, submission.Year, submission.Period, v) is { Status: ProgressStatus.Amarillo or ProgressStatus.Rojo } preview)
        {
            errors[CommentField] = $"Con este valor el indicador queda en {ProgressFormat.Label(preview.Status).ToLowerInvariant()}: explique la desviación en el comentario.";
        }

        var evidence = new List<Evidence>();
        var now = clock.GetUtcNow();
        var userName = user.Identity!.Name!;
        evidence.AddRange(AcceptFiles(submission.Files, userName, now, FilesField, errors));

        if (refusal is not null)
        {
            return new ValueCheck(WriteResult<IndicatorValue>.Refused(refusal), indicator, existing, value, figures, comment, dataSource, default, evidence, DataValid: errors.Count == 0);
        }

        if (errors.Count > 0)
        {
            return ValueCheck.Failed(WriteResult<IndicatorValue>.Invalid(errors), indicator, existing);
        }

        return new ValueCheck(null, indicator, existing, value, figures, comment, dataSource, transition.Next!.Value, evidence, DataValid: true);
    }

    public async Task<WriteResult<IndicatorValue>> SubmitAsync(ClaimsPrincipal user, ValueSubmission submission, CancellationToken cancellationToken = default)
    {
        var check = await CheckAsync(user, submission, checkVersion: true, cancellationToken);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var (indicator, existing, value, figures, comment, dataSource, next, evidence) =
            (check.Indicator!, check.Existing, check.Value, check.Figures, check.Comment, check.DataSource, check.Next, check.Evidence);
        var now = clock.GetUtcNow();
        var userName = user.Identity!.Name!;

        var field = $"Valor {Labels.InSentence(submission.Period)} {submission.Year}";
        var changes = new List<FieldChange>();
        var target = existing;
        var unchanged = check.SameData && existing!.Status == next;
        if (!unchanged)
        {
            var before = existing is null ? null : Describe(existing, indicator);
            target = existing ?? new IndicatorValue
            {
                IndicatorId = indicator.Id,
                Year = submission.Year,
                Period = submission.Period,
                CreatedBy = userName,
                CreatedAt = now,
            };
            if (existing is null)
            {
                indicator.Values.Add(target);
            }
            else
            {
                writer.Expect(existing, submission.Version!.Value);
                target.UpdatedBy = userName;
                target.UpdatedAt = now;
            }

            target.Value = value;
            target.Comment = comment;
            target.DataSource = dataSource;
            target.Status = next;
            target.IsDemo = false;
            target.Evidence.AddRange(evidence);
            if (Indicator.DescribeFigures(target.Variables) != Indicator.DescribeFigures(figures))
            {
                target.Variables.Clear();
                target.Variables.AddRange(figures);
            }

            changes.Add(new FieldChange(AuditKind.Valor, field, before, Describe(target, indicator)));
            changes.AddRange(evidence.Select(file => EvidenceChange(field, file)));
            if (next == ValueStatus.Enviado)
            {
                writer.Notify(await notices.ForAsync(NoticeKind.ValorEnviado, target, indicator, userName, reason: null, cancellationToken));
            }
        }

        var reason = submission.Action == WorkflowAction.Enviar ? "Enviado a la OGPP" + (comment is null ? "" : ": " + comment) : comment;
        var status = await writer.SaveAsync(new AuditContext(userName, indicator.Key, reason, indicator.PlanId, indicator.Id), changes, cancellationToken);
        return status switch
        {
            WriteStatus.Saved => WriteResult<IndicatorValue>.Saved(target!),
            WriteStatus.Unchanged => WriteResult<IndicatorValue>.Unchanged(target!),
            _ => await FreshConflictAsync(indicator.Id, submission.Year, submission.Period, cancellationToken),
        };
    }

    /// <summary>
    /// The files that pass the evidence checks (type by content, size), as evidence rows; each refused file puts its
    /// reason on <paramref name="field"/>. The value's form and the value's conversation attach files through here.
    /// </summary>
    public static List<Evidence> AcceptFiles(IEnumerable<(string FileName, byte[] Content)> files, string userName, DateTimeOffset now, string field, Dictionary<string, string> errors)
    {
        var accepted = new List<Evidence>();
        foreach (var (fileName, content) in files)
        {
            var check = EvidenceRules.Check(fileName, content);
            if (!check.Accepted)
            {
                errors[field] = $"{check.SafeFileName}: {check.Error}";
                continue;
            }

            accepted.Add(new Evidence
            {
                FileName = check.SafeFileName,
                ContentType = check.ContentType!,
                Size = content.LongLength,
                Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)),
                Content = content,
                UploadedBy = userName,
                UploadedAt = now,
            });
        }

        return accepted;
    }

    /// <summary>How the history records an attached file.</summary>
    public static FieldChange EvidenceChange(string field, Evidence file) =>
        new(AuditKind.Valor, field + " · evidencia", null, $"{file.FileName} ({file.Size} bytes, sha256 {file.Sha256[..12]}…)");

    /// <summary>
    /// The value of a submission: computed from the formula's variables when they are given (a typed value must then
    /// agree with it), otherwise the typed value; either way within the unit's range. Errors go to <paramref name="errors"/>.
    /// </summary>
    private static (decimal? Value, List<Domain.Formulas.ValueVariable> Figures) ReadValue(Indicator indicator, ValueSubmission submission, Dictionary<string, string> errors)
    {
        decimal? value;
        string? explanation = null;
        List<Domain.Formulas.ValueVariable> figures = [];
        if (submission.Variables is { Count: > 0 } typed && typed.Values.Any(v => !string.IsNullOrWhiteSpace(v)))
        {
            var computed = indicator.ComputeFromVariables(typed);
            foreach (var (field, message) in computed.Errors)
            {
                errors[field] = message;
            }

            if (!computed.IsValid)
            {
                return (null, figures);
            }

            (value, explanation, figures) = (computed.Value, computed.Explanation, computed.Figures.ToList());
            if (!string.IsNullOrWhiteSpace(submission.ValueText)
                && (!DecimalText.TryParse(submission.ValueText, out var typedValue, out _) || typedValue != value))
            {
                errors[ValueField] = $"El valor escrito ({submission.ValueText.Trim()}) no coincide con el que dan las variables ({indicator.ParsedFormula.Text} {explanation}). Deje el valor vacío: se calcula de las variables.";
                return (null, figures);
            }
        }
        else if (!DecimalText.TryParse(submission.ValueText, out value, out var parseError))
        {
            errors[ValueField] = parseError!;
            return (null, figures);
        }
        else if (value is null)
        {
            errors[ValueField] = indicator.EntersByVariables
                ? $"Escriba las variables de la fórmula ({indicator.ParsedFormula.Text}) o el valor obtenido."
                : "Escriba el valor obtenido.";
            return (null, figures);
        }

        if (ValueRules.Check(indicator, value!.Value) is { } rangeError)
        {
            errors[ValueField] = explanation is null ? rangeError : $"{rangeError} Con las variables escritas el valor es {indicator.ParsedFormula.Text} {explanation}.";
        }

        return (value, figures);
    }

    /// <summary>The planning office validates a sent value, or returns it with a reason.</summary>
    public async Task<WriteResult<IndicatorValue>> ReviewAsync(ClaimsPrincipal user, int valueId, WorkflowAction action, string? reason, uint version, CancellationToken cancellationToken = default)
    {
        var value = await db.Values.Include(v => v.Indicator).ThenInclude(i => i!.Plan)
            .Include(v => v.Indicator).ThenInclude(i => i!.ResponsibleUnits)
            .SingleOrDefaultAsync(v => v.Id == valueId, cancellationToken);
        if (value is null)
        {
            return WriteResult<IndicatorValue>.NotFound("El valor no existe.");
        }

        if (version != value.Version)
        {
            return Conflict(value, value.Indicator!);
        }

        var transition = await TransitionAsync(user, value, value.Indicator!, action, cancellationToken);
        if (!transition.Allowed)
        {
            return WriteResult<IndicatorValue>.Refused(transition.Reason!);
        }

        if (action == WorkflowAction.Observar && string.IsNullOrWhiteSpace(reason))
        {
            return WriteResult<IndicatorValue>.Invalid("Motivo", "Indique qué debe corregir la unidad: el motivo es obligatorio para observar un valor.");
        }

        if (reason is { Length: > 1000 })
        {
            return WriteResult<IndicatorValue>.Invalid("Motivo", "El motivo no puede superar los 1000 caracteres.");
        }

        if (reason is not null && HasControlCharacters(reason))
        {
            return WriteResult<IndicatorValue>.Invalid("Motivo", ControlCharactersMessage);
        }

        value.ReviewNote = action == WorkflowAction.Observar ? reason!.Trim() : null;
        if (action == WorkflowAction.Validar)
        {
            value.ValidatedBy = user.Identity!.Name;
            value.ValidatedAt = clock.GetUtcNow();
        }

        var kind = action == WorkflowAction.Observar ? NoticeKind.ValorObservado : NoticeKind.ValorValidado;
        writer.Notify(await notices.ForAsync(kind, value, value.Indicator!, user.Identity!.Name!, value.ReviewNote, cancellationToken));
        var conversation = await ConversationChangeAsync(user, value, action, cancellationToken);
        return await SaveStatusAsync(user, value, value.Indicator!, transition.Next!.Value, reason?.Trim(), version, cancellationToken, conversation);
    }

    /// <summary>
    /// What a review does to the value's conversation (ADR 0022): an observation opens one with the reason as its first
    /// message, or adds to the open one; a validation resolves the open one. Saved with the review, or not at all.
    /// </summary>
    private async Task<IReadOnlyList<FieldChange>> ConversationChangeAsync(ClaimsPrincipal user, IndicatorValue value, WorkflowAction action, CancellationToken cancellationToken)
    {
        var open = await db.ValueThreads.Include(t => t.Messages).SingleOrDefaultAsync(t => t.ValueId == value.Id && t.ResolvedAt == null, cancellationToken);
        var userName = user.Identity!.Name!;
        var now = clock.GetUtcNow();
        if (action == WorkflowAction.Observar)
        {
            var (thread, change) = ValueThread.Observe(value, open, userName, await DisplayNameAsync(userName, cancellationToken), value.ReviewNote!, now);
            if (open is null)
            {
                db.ValueThreads.Add(thread);
            }

            return [change];
        }

        return open is null ? [] : open.Resolve(value.Year, value.Period, userName, await DisplayNameAsync(userName, cancellationToken), "Valor validado.", now).Changes;
    }

    /// <summary>The person's full name, as messages show their author; the user name when the account has none.</summary>
    public async Task<string> DisplayNameAsync(string userName, CancellationToken cancellationToken = default) =>
        await db.Users.AsNoTracking().Where(u => u.UserName == userName).Select(u => u.FullName).FirstOrDefaultAsync(cancellationToken) is { Length: > 0 } name ? name : userName;

    /// <summary>
    /// The sender takes back a value sent to the planning office before it is reviewed: it returns to borrador, to
    /// be corrected and sent again. Only those who may enter the indicator's values may withdraw it.
    /// </summary>
    public async Task<WriteResult<IndicatorValue>> WithdrawAsync(ClaimsPrincipal user, int indicatorId, int year, PeriodKind period, uint? version, CancellationToken cancellationToken = default)
    {
        var indicator = await LoadAsync(indicatorId, cancellationToken);
        if (indicator is null)
        {
            return WriteResult<IndicatorValue>.NotFound(UnknownIndicator);
        }

        if (!await CanEditAsync(user, indicator, cancellationToken))
        {
            return WriteResult<IndicatorValue>.Refused(OtherUnitMessage);
        }

        var value = indicator.Values.SingleOrDefault(v => v.Year == year && v.Period == period);
        if (value is null)
        {
            return WriteResult<IndicatorValue>.Refused("Este periodo no tiene un valor enviado que retirar.");
        }

        if (version != value.Version)
        {
            return Conflict(value, indicator);
        }

        var transition = await TransitionAsync(user, value, indicator, WorkflowAction.Retirar, cancellationToken);
        if (!transition.Allowed)
        {
            return WriteResult<IndicatorValue>.Refused(transition.Reason!);
        }

        return await SaveStatusAsync(user, value, indicator, transition.Next!.Value, "Retirado antes de la revisión de la OGPP para corregirlo", version.Value, cancellationToken);
    }

    /// <summary>Where the action takes the value, or why the person may not take it (workflow or closed period).</summary>
    private async Task<WorkflowResult> TransitionAsync(ClaimsPrincipal user, IndicatorValue value, Indicator indicator, WorkflowAction action, CancellationToken cancellationToken)
    {
        var actor = user.IsInRole(Roles.Administrador) || user.IsInRole(Roles.Planificador) ? WorkflowActor.PlanningOffice : WorkflowActor.Unit;
        var transition = ValueWorkflow.Apply(value.Status, action, actor);
        return transition.Allowed && await ClosedProblemAsync(indicator.Plan!, value.Year, value.Period, cancellationToken) is { } closed
            ? WorkflowResult.Refused(closed)
            : transition;
    }

    /// <summary>Moves the value to its next state and audits the change, concurrency-checked against <paramref name="version"/>.</summary>
    private async Task<WriteResult<IndicatorValue>> SaveStatusAsync(ClaimsPrincipal user, IndicatorValue value, Indicator indicator, ValueStatus next, string? reason, uint version, CancellationToken cancellationToken, IReadOnlyList<FieldChange>? alsoChanged = null)
    {
        var before = Labels.Of(value.Status);
        writer.Expect(value, version);
        value.Status = next;
        var change = new FieldChange(AuditKind.Valor, $"Estado del valor {Labels.InSentence(value.Period)} {value.Year}", before, Labels.Of(value.Status));
        var status = await writer.SaveAsync(new AuditContext(user.Identity!.Name!, indicator.Key, reason, indicator.PlanId, indicator.Id), [change, .. alsoChanged ?? []], cancellationToken);
        if (status == WriteStatus.Conflict)
        {
            var fresh = await db.Values.AsNoTracking().Include(v => v.Indicator).SingleAsync(v => v.Id == value.Id, cancellationToken);
            return Conflict(fresh, fresh.Indicator!);
        }

        return WriteResult<IndicatorValue>.Saved(value);
    }

    /// <summary>
    /// Whether the person saw what is stored: the value's version, or <see cref="NoValueVersion"/> (or no
    /// version at all) when there is no value yet, which is a first entry.
    /// </summary>
    private static bool VersionMatches(IndicatorValue? existing, uint? version) =>
        existing is null ? version is null or NoValueVersion : version == existing.Version;

    private async Task<WriteResult<IndicatorValue>> FreshConflictAsync(int indicatorId, int year, PeriodKind period, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var fresh = await LoadAsync(indicatorId, cancellationToken);
        return Conflict(fresh!.Values.SingleOrDefault(x => x.Year == year && x.Period == period), fresh);
    }

    /// <summary>A conflict shows what is stored now, so the person can compare before trying again.</summary>
    private static WriteResult<IndicatorValue> Conflict(IndicatorValue? current, Indicator indicator, bool versionMissing = false) =>
        WriteResult<IndicatorValue>.Conflict(
            current is null ? "El valor que usted vio ya no existe: vuelva a abrir el periodo y regístrelo de nuevo. No se guardó nada."
            : versionMissing ? VersionMissingMessage
            : $"Otra persona guardó este valor mientras usted lo editaba ({current.UpdatedBy ?? current.CreatedBy}, {PeruTime.Format(current.UpdatedAt ?? current.CreatedAt)}): " +
              $"{Describe(current, indicator)}. Sus cambios no se guardaron; revíselos y vuelva a intentarlo.",
            current);

    /// <summary>A value as the history and the conflict message show it: every field a person enters.</summary>
    public static string Describe(IndicatorValue value, Indicator indicator) =>
        $"{ProgressFormat.Number(value.Value, Math.Max(indicator.Decimals, 0))} ({Labels.Of(value.Status).ToLowerInvariant()})" +
        DescribeDetails(value.Variables, value.Comment, value.DataSource);

    /// <summary>A value's figure and texts without its state, as the Excel upload's preview shows what a row would store.</summary>
    public static string DescribeData(decimal? value, IEnumerable<Domain.Formulas.ValueVariable> figures, string? comment, string? dataSource, Indicator indicator) =>
        ProgressFormat.Number(value, Math.Max(indicator.Decimals, 0)) + DescribeDetails(figures, comment, dataSource);

    private static string DescribeDetails(IEnumerable<Domain.Formulas.ValueVariable> figures, string? comment, string? dataSource) =>
        (Indicator.DescribeFigures(figures) is { } described ? $"; variables: {described}" : "") +
        (string.IsNullOrEmpty(comment) ? "" : $"; comentario: {comment}") +
        (string.IsNullOrEmpty(dataSource) ? "" : $"; medio de verificación: {dataSource}");

    public static bool HasControlCharacters(string text) => text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));

    private static string? Clean(string? text, int max, string field, Dictionary<string, string> errors)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > max)
        {
            errors[field] = $"Máximo {max} caracteres.";
        }
        else if (HasControlCharacters(trimmed))
        {
            // PostgreSQL cannot store a NUL in text; the API and multipart forms let one through.
            errors[field] = ControlCharactersMessage;
        }

        return trimmed;
    }
}
