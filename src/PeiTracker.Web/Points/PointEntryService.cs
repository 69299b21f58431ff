using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Editing;
using PeiTracker.Domain.Points;
using PeiTracker.Web.Data;
using PeiTracker.Web.Entry;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Points;

/// <summary>
/// What a reporting point wants to save or send for one indicator and period. <see cref="Version"/> is the version of
/// the point's figures the person saw, or <see cref="ValueEntryService.NoValueVersion"/> when there were none.
/// </summary>
public sealed record PointEntry(int IndicatorId, string PointCode, int Year, PeriodKind Period, IReadOnlyDictionary<string, string?> Variables, string? Comment, PointAction Action, uint? Version);

/// <summary>
/// What an entry would do, from <see cref="PointEntryService.CheckAsync"/>: the figures and comment it would store and
/// the state it would leave, or the answer a save would give (<see cref="Failure"/>), nothing saved.
/// </summary>
public sealed record PointCheck(
    WriteResult<PointSubmission>? Failure,
    Indicator? Indicator,
    ReportingPoint? Point,
    PointSubmission? Existing,
    List<PointSubmissionFigure> Figures,
    string? Comment,
    PointSubmissionStatus Next,
    bool DataValid)
{
    /// <summary>The stored figures already hold exactly these figures and this comment (their state aside).</summary>
    public bool SameData => DataValid && Existing is { } existing && existing.Comment == Comment
        && PointSubmission.DescribeFigures(existing.Figures) == PointSubmission.DescribeFigures(Figures);

    public static PointCheck Failed(WriteResult<PointSubmission> failure, Indicator? indicator, ReportingPoint? point, PointSubmission? existing) =>
        new(failure, indicator, point, existing, [], null, default, DataValid: false);
}

/// <summary>
/// The one path of a reporting point's figures (pages and API): the point's Registradores enter and send them, the
/// indicator's responsible unit (or the OGPP) accepts or observes them. Accepting recomputes the indicator's value
/// from the sums of every accepted point's figures and writes it through <see cref="ValueEntryService"/> in the same
/// transaction as the acceptance (ADR 0019): the same rules, audit and concurrency as a value typed in the form.
/// </summary>
public sealed partial class PointEntryService(AppDbContext db, UserScope scope, TimeProvider clock, AuditedWriter writer, ValueEntryService values)
{
    public const string NotByPointMessage = "Este indicador no se registra por punto de registro: registre su valor en el formulario del indicador.";
    public const string OtherPointMessage = "No puede registrar cifras de este punto de registro: su cuenta registra solo para sus propios puntos.";
    public const string ReviewerMessage = "Solo la unidad responsable del indicador (o la OGPP) acepta u observa las cifras de los puntos de registro.";

    public static string UnknownPoint(string code) => $"El punto de registro «{code}» no existe en la institución del indicador.";

    /// <summary>The point's Registradores enter its figures; the OGPP (Administrador, Planificador) may enter for any point.</summary>
    public async Task<bool> CanEnterAsync(ClaimsPrincipal user, ReportingPoint point, CancellationToken cancellationToken = default) =>
        user.IsInRole(Roles.Administrador) || user.IsInRole(Roles.Planificador)
        || user.IsInRole(Roles.Registrador) && (await scope.PointIdsAsync(user, cancellationToken)).Contains(point.Id);

    /// <summary>Those who enter the indicator's own value review its points' figures: its responsible unit and the OGPP.</summary>
    public Task<bool> CanReviewAsync(ClaimsPrincipal user, Indicator indicator, CancellationToken cancellationToken = default) =>
        values.CanEditAsync(user, indicator, cancellationToken);

    public Task<ReportingPoint?> FindPointAsync(int institutionId, string? code, CancellationToken cancellationToken = default)
    {
        var clean = (code ?? "").Trim().ToUpperInvariant();
        return db.ReportingPoints.AsNoTracking().Include(p => p.Unit).SingleOrDefaultAsync(p => p.InstitutionId == institutionId && p.Code == clean, cancellationToken);
    }

    /// <summary>
    /// Checks an entry by every rule of <see cref="SubmitAsync"/> (indicator collected by point, the point and the
    /// person's right to enter for it, closed period, workflow, figures, comment) and saves nothing: what the point's
    /// figures would become, or why they cannot. Without <paramref name="checkVersion"/> the version is not compared,
    /// for the Excel upload, which compares the data first and reports a changed version itself (ADR 0020).
    /// </summary>
    public async Task<PointCheck> CheckAsync(ClaimsPrincipal user, PointEntry entry, bool checkVersion, CancellationToken cancellationToken = default)
    {
        var indicator = await values.LoadAsync(entry.IndicatorId, cancellationToken);
        if (indicator is null)
        {
            return PointCheck.Failed(WriteResult<PointSubmission>.NotFound(ValueEntryService.UnknownIndicator), null, null, null);
        }

        if (!indicator.CollectedByPoint)
        {
            return PointCheck.Failed(WriteResult<PointSubmission>.Refused(NotByPointMessage), indicator, null, null);
        }

        var point = await FindPointAsync(indicator.Plan!.InstitutionId, entry.PointCode, cancellationToken);
        if (point is null)
        {
            return PointCheck.Failed(WriteResult<PointSubmission>.NotFound(UnknownPoint(entry.PointCode)), indicator, null, null);
        }

        if (!await CanEnterAsync(user, point, cancellationToken))
        {
            return PointCheck.Failed(WriteResult<PointSubmission>.Refused(OtherPointMessage), indicator, point, null);
        }

        if (!point.IsActive)
        {
            return PointCheck.Failed(WriteResult<PointSubmission>.Refused($"El punto de registro {point.Label} está desactivado: no registra cifras nuevas."), indicator, point, null);
        }

        var existing = await db.PointSubmissions.Include(s => s.Figures)
            .SingleOrDefaultAsync(s => s.IndicatorId == indicator.Id && s.Year == entry.Year && s.Period == entry.Period && s.PointId == point.Id, cancellationToken);
        if (checkVersion && (existing is null ? entry.Version is not (null or ValueEntryService.NoValueVersion) : entry.Version != existing.Version))
        {
            return PointCheck.Failed(await ConflictAsync(indicator, point, entry.Year, entry.Period), indicator, point, existing);
        }

        // A save is refused before its figures are read; a check without the version reads them anyway, so an upload
        // can tell figures already stored (nothing to do) from figures it may no longer change.
        var transition = PointWorkflow.Apply(existing?.Status, entry.Action);
        var refusal = await values.IsClosedAsync(indicator.Plan, entry.Year, entry.Period, cancellationToken)
            ? ValueEntryService.ClosedMessage(entry.Year, entry.Period)
            : transition.Reason;
        if (refusal is not null && checkVersion)
        {
            return PointCheck.Failed(WriteResult<PointSubmission>.Refused(refusal), indicator, point, existing);
        }

        var errors = new Dictionary<string, string>();
        if (await values.PeriodProblemAsync(indicator.Plan, entry.Year, entry.Period, cancellationToken) is { } periodProblem)
        {
            errors[ValueEntryService.PeriodField] = periodProblem;
        }

        // A point's own ratio may be above 100 or not computable (a denominator of 0 where nobody was served):
        // only the sums are judged, when the unit accepts the figures into the indicator's value.
        var computed = indicator.ComputeFromVariables(entry.Variables);
        foreach (var (field, message) in computed.Errors.Where(e => e.Key != FieldKeys.Value))
        {
            errors[field] = message;
        }

        var comment = entry.Comment?.Trim() is { Length: > 0 } trimmed ? trimmed : null;
        if (comment is { Length: > PointSubmission.MaxCommentLength })
        {
            errors[ValueEntryService.CommentField] = $"Máximo {PointSubmission.MaxCommentLength} caracteres.";
        }
        else if (comment is not null && ValueEntryService.HasControlCharacters(comment))
        {
            errors[ValueEntryService.CommentField] = ValueEntryService.ControlCharactersMessage;
        }

        var figures = computed.Figures.Select(f => new PointSubmissionFigure { Code = f.Code, Figure = f.Figure }).ToList();
        if (refusal is not null)
        {
            return new PointCheck(WriteResult<PointSubmission>.Refused(refusal), indicator, point, existing, figures, comment, default, DataValid: errors.Count == 0);
        }

        if (errors.Count > 0)
        {
            return PointCheck.Failed(WriteResult<PointSubmission>.Invalid(errors), indicator, point, existing);
        }

        return new PointCheck(null, indicator, point, existing, figures, comment, transition.Next!.Value, DataValid: true);
    }

    public async Task<WriteResult<PointSubmission>> SubmitAsync(ClaimsPrincipal user, PointEntry entry, CancellationToken cancellationToken = default)
    {
        var check = await CheckAsync(user, entry, checkVersion: true, cancellationToken);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var (indicator, point, existing, figures, comment, next) = (check.Indicator!, check.Point!, check.Existing, check.Figures, check.Comment, check.Next);
        if (check.SameData && existing!.Status == next)
        {
            return WriteResult<PointSubmission>.Unchanged(existing);
        }

        var now = clock.GetUtcNow();
        var userName = user.Identity!.Name!;
        var before = existing is null ? null : Describe(existing);
        var target = existing ?? new PointSubmission { PointId = point.Id, IndicatorId = indicator.Id, Year = entry.Year, Period = entry.Period, CreatedBy = userName, CreatedAt = now };
        if (existing is null)
        {
            db.PointSubmissions.Add(target);
        }
        else
        {
            writer.Expect(existing, entry.Version!.Value);
            (target.UpdatedBy, target.UpdatedAt) = (userName, now);
        }

        target.Status = next;
        target.Comment = comment;
        if (PointSubmission.DescribeFigures(target.Figures) != PointSubmission.DescribeFigures(figures))
        {
            target.Figures.Clear();
            target.Figures.AddRange(figures);
        }

        var change = new FieldChange(AuditKind.ValorPunto, Field(point, entry.Year, entry.Period), before, Describe(target));
        var reason = next == PointSubmissionStatus.Enviado ? "Enviado a la unidad responsable" + (comment is null ? "" : ": " + comment) : comment;
        var status = await writer.SaveAsync(new AuditContext(userName, indicator.Key, reason, indicator.PlanId, indicator.Id), [change], cancellationToken);
        return status == WriteStatus.Saved ? WriteResult<PointSubmission>.Saved(target) : await ConflictAsync(indicator, point, entry.Year, entry.Period);
    }

    /// <summary>
    /// The responsible unit accepts the point's sent figures (the indicator's value is recomputed from every accepted
    /// point and saved with them) or observes them with a reason (the point corrects and sends them again).
    /// </summary>
    public async Task<WriteResult<PointSubmission>> ReviewAsync(ClaimsPrincipal user, int submissionId, PointAction action, string? reason, uint version, CancellationToken cancellationToken = default)
    {
        var submission = await db.PointSubmissions.Include(s => s.Figures).Include(s => s.Point).SingleOrDefaultAsync(s => s.Id == submissionId, cancellationToken);
        var indicator = submission is null ? null : await values.LoadAsync(submission.IndicatorId, cancellationToken);
        if (submission is null || indicator is null)
        {
            return WriteResult<PointSubmission>.NotFound("Las cifras de ese punto de registro no existen.");
        }

        if (!await CanReviewAsync(user, indicator, cancellationToken))
        {
            return WriteResult<PointSubmission>.Refused(ReviewerMessage);
        }

        if (version != submission.Version)
        {
            return await ConflictAsync(indicator, submission.Point!, submission.Year, submission.Period);
        }

        if (action is not (PointAction.Aceptar or PointAction.Observar))
        {
            return WriteResult<PointSubmission>.Refused("Acción no permitida.");
        }

        var transition = PointWorkflow.Apply(submission.Status, action);
        if (!transition.Allowed)
        {
            return WriteResult<PointSubmission>.Refused(transition.Reason!);
        }

        var note = reason?.Trim() is { Length: > 0 } trimmed ? trimmed : null;
        if (action == PointAction.Observar && note is null)
        {
            return WriteResult<PointSubmission>.Invalid("Motivo", "Indique qué debe corregir el punto de registro: el motivo es obligatorio para observar sus cifras.");
        }

        if (note is { Length: > PointSubmission.MaxReviewNoteLength } || note is not null && ValueEntryService.HasControlCharacters(note))
        {
            return WriteResult<PointSubmission>.Invalid("Motivo", note.Length > PointSubmission.MaxReviewNoteLength
                ? $"El motivo no puede superar los {PointSubmission.MaxReviewNoteLength} caracteres." : ValueEntryService.ControlCharactersMessage);
        }

        var userName = user.Identity!.Name!;
        var before = Describe(submission);
        writer.Expect(submission, version);
        submission.Status = transition.Next!.Value;
        submission.ReviewNote = action == PointAction.Observar ? note : null;
        (submission.ReviewedBy, submission.ReviewedAt) = (userName, clock.GetUtcNow());
        var changes = new AuditedChanges(
            new AuditContext(userName, indicator.Key, note ?? (action == PointAction.Aceptar ? "Cifras aceptadas por la unidad responsable" : null), indicator.PlanId, indicator.Id),
            [new FieldChange(AuditKind.ValorPunto, Field(submission.Point!, submission.Year, submission.Period), before, Describe(submission))]);
        if (action == PointAction.Observar)
        {
            var observed = await writer.SaveAsync([changes], cancellationToken);
            return observed == WriteStatus.Saved ? WriteResult<PointSubmission>.Saved(submission) : await ConflictAsync(indicator, submission.Point!, submission.Year, submission.Period);
        }

        return await AcceptIntoValueAsync(user, indicator, submission, changes, cancellationToken);
    }

    /// <summary>
    /// Writes the indicator's value from the sums of the accepted points, this one included, through the entry path.
    /// A value already sent to the OGPP or validated is never changed behind its reviewer's back: the acceptance is
    /// refused until the value returns to the unit (ADR 0019).
    /// </summary>
    private async Task<WriteResult<PointSubmission>> AcceptIntoValueAsync(ClaimsPrincipal user, Indicator indicator, PointSubmission submission, AuditedChanges acceptance, CancellationToken cancellationToken)
    {
        var value = indicator.Values.SingleOrDefault(v => v.Year == submission.Year && v.Period == submission.Period);
        var period = $"{Labels.InSentence(submission.Period)} {submission.Year}";
        if (value is { Status: ValueStatus.Enviado or ValueStatus.Validado })
        {
            writer.Drop();
            return WriteResult<PointSubmission>.Refused(
                $"No se aceptaron las cifras de {submission.Point!.Label}: el valor {period} del indicador ya está {Labels.Of(value.Status).ToLowerInvariant()} " +
                $"({(value.Status == ValueStatus.Enviado ? "en revisión por la OGPP" : "validado por la OGPP")}) y aceptarlas lo cambiaría. " +
                (value.Status == ValueStatus.Enviado ? "Retire el valor enviado" : "Pida a la OGPP que reabra el valor") + " y vuelva a aceptarlas. No se guardó nada.");
        }

        var accepted = await db.PointSubmissions.AsNoTracking().Include(s => s.Figures).Include(s => s.Point)
            .Where(s => s.IndicatorId == indicator.Id && s.Year == submission.Year && s.Period == submission.Period && s.Status == PointSubmissionStatus.Aceptado && s.Id != submission.Id)
            .ToListAsync(cancellationToken);
        var aggregate = PointAggregate.Of(indicator.ParsedFormula,
            accepted.Append(submission).Select(s => new PointFigures(s.Point!.Code, s.FigureMap)));
        if (!aggregate.Evaluation.IsComputable)
        {
            writer.Drop();
            return WriteResult<PointSubmission>.Invalid(FieldKeys.Value, $"Con estas cifras el valor del indicador no se puede calcular ({aggregate.Evaluation.Explanation}). No se aceptaron.");
        }

        var sums = aggregate.Sums.ToDictionary(kv => kv.Key, kv => (string?)DecimalText.Show(kv.Value), StringComparer.Ordinal);
        // The unit's own comment is kept; the one written here is rewritten with the new count of points.
        var comment = value?.Comment is { } own && !ComputedComment().IsMatch(own) ? own : ComputedCommentFor(aggregate.PointCount);
        writer.Alongside(acceptance);
        var result = await values.SubmitAsync(user, new ValueSubmission(indicator.Id, submission.Year, submission.Period, null, comment, value?.DataSource,
            Domain.Entry.WorkflowAction.Guardar, value?.Version ?? ValueEntryService.NoValueVersion, [], sums, FromPoints: true), cancellationToken);
        switch (result.Status)
        {
            case WriteStatus.Saved or WriteStatus.Unchanged:
                return WriteResult<PointSubmission>.Saved(submission);
            case WriteStatus.Invalid:
                writer.Drop();
                return WriteResult<PointSubmission>.Invalid(FieldKeys.Value,
                    $"No se aceptaron las cifras: con ellas el valor del indicador ({indicator.ParsedFormula.Text} {aggregate.Evaluation.Explanation}) no cumple sus reglas: {string.Join(" ", result.Errors.Values)}");
            case WriteStatus.Conflict:
                return WriteResult<PointSubmission>.Conflict($"Otra persona cambió el valor {period} del indicador mientras usted revisaba: vuelva a abrir la revisión. No se guardó nada.", null);
            default:
                writer.Drop();
                return WriteResult<PointSubmission>.Refused(result.Message ?? "No se aceptaron las cifras.");
        }
    }

    /// <summary>The comment of a value computed from the points' figures, until the unit writes its own.</summary>
    public static string ComputedCommentFor(int points) => points == 1
        ? "Calculado de las cifras de 1 punto de registro aceptado."
        : $"Calculado de las cifras de {points} puntos de registro aceptados.";

    [System.Text.RegularExpressions.GeneratedRegex(@"^Calculado de las cifras de \d+ puntos? de registro aceptados?\.$")]
    private static partial System.Text.RegularExpressions.Regex ComputedComment();

    public static string Field(ReportingPoint point, int year, PeriodKind period) => $"Cifras {Labels.InSentence(period)} {year} · {point.Code}";

    /// <summary>The figures as the history and a conflict show them: "A = 36; B = 40 (enviado a la unidad); comentario: …".</summary>
    public static string Describe(PointSubmission submission) =>
        $"{PointSubmission.DescribeFigures(submission.Figures) ?? "sin cifras"} ({Labels.Of(submission.Status).ToLowerInvariant()})" +
        (string.IsNullOrEmpty(submission.Comment) ? "" : $"; comentario: {submission.Comment}") +
        (string.IsNullOrEmpty(submission.ReviewNote) ? "" : $"; observación: {submission.ReviewNote}");

    private async Task<WriteResult<PointSubmission>> ConflictAsync(Indicator indicator, ReportingPoint point, int year, PeriodKind period)
    {
        db.ChangeTracker.Clear();
        var current = await db.PointSubmissions.AsNoTracking().Include(s => s.Figures)
            .SingleOrDefaultAsync(s => s.IndicatorId == indicator.Id && s.Year == year && s.Period == period && s.PointId == point.Id);
        return WriteResult<PointSubmission>.Conflict(current is null
            ? $"Las cifras de {point.Label} que usted vio ya no existen: vuelva a abrir el periodo. No se guardó nada."
            : $"Otra persona guardó las cifras de {point.Label} mientras usted las editaba ({current.UpdatedBy ?? current.CreatedBy}, {PeruTime.Format(current.UpdatedAt ?? current.CreatedAt)}): " +
              $"{Describe(current)}. Sus cambios no se guardaron; revíselos y vuelva a intentarlo.", current);
    }
}
