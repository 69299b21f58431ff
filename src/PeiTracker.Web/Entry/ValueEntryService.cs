using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Entry;
using PeiTracker.Domain.Progress;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Entry;

/// <summary>A value a person (or a source system) wants to save or send.</summary>
public sealed record ValueSubmission(
    int IndicatorId,
    int Year,
    PeriodKind Period,
    string? ValueText,
    string? Comment,
    string? DataSource,
    WorkflowAction Action,
    uint? Version,
    IReadOnlyList<(string FileName, byte[] Content)> Files);

/// <summary>The outcome: saved, or refused with messages by field (in Spanish), or a conflict.</summary>
public sealed record EntryResult(bool Saved, IReadOnlyDictionary<string, string> Errors, string? Conflict, IndicatorValue? Value)
{
    public static EntryResult Ok(IndicatorValue value) => new(true, new Dictionary<string, string>(), null, value);

    public static EntryResult Invalid(Dictionary<string, string> errors) => new(false, errors, null, null);

    public static EntryResult Refused(string field, string message) => Invalid(new Dictionary<string, string> { [field] = message });
}

/// <summary>
/// The single path by which values enter the system (pages and API): permissions by unit,
/// validation by unit of measure, closed periods, the review workflow, evidence checks,
/// optimistic concurrency, and the audit row, all saved together or not at all.
/// </summary>
public sealed class ValueEntryService(AppDbContext db, UserScope scope, TimeProvider clock)
{
    public const string ValueField = "Valor";
    public const string CommentField = "Comentario";
    public const string PeriodField = "Periodo";
    public const string FilesField = "Evidencias";
    public const string GeneralField = "";
    public const string UnknownIndicator = "El indicador no existe.";
    public const string ControlCharactersMessage = "El texto contiene caracteres no permitidos (caracteres de control): bórrelos y vuelva a intentarlo.";

    public async Task<bool> CanEditAsync(ClaimsPrincipal user, Indicator indicator, CancellationToken cancellationToken = default)
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
        return indicator.ResponsibleUnits.Any(u => units.Contains(u.UnitId));
    }

    /// <summary>Null when the period can receive values, otherwise why not.</summary>
    public async Task<string?> PeriodProblemAsync(Domain.Plan plan, int year, PeriodKind period, CancellationToken cancellationToken = default)
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
        if (start > today)
        {
            return $"El periodo {Labels.Of(period).ToLowerInvariant()} {year} aún no empieza: no se pueden registrar valores futuros.";
        }

        var closed = await db.PeriodClosures.AsNoTracking()
            .Where(c => c.PlanId == plan.Id && c.Year == year && c.Period == period && c.ReopenedAt == null)
            .AnyAsync(cancellationToken);
        return closed ? $"El periodo {Labels.Of(period).ToLowerInvariant()} {year} está cerrado por la OGPP: no admite cambios salvo que se reabra." : null;
    }

    /// <summary>What the value would give, from the same engine as the dashboards (for the live preview and the comment rule).</summary>
    public static PeriodProgress? Preview(Indicator indicator, int year, PeriodKind period, decimal value)
    {
        var others = indicator.Values.Where(v => !(v.Year == year && v.Period == period) && v.Value is not null)
            .Select(v => new PeriodValue(v.Year, v.Period, v.Value!.Value));
        var input = IndicatorInput.From(indicator, []) with { Values = others.Append(new PeriodValue(year, period, value)).ToList() };
        return ProgressCalculator.Calculate(input, indicator.Plan!.Settings, indicator.Plan.FirstYear, indicator.Plan.LastYear).For(year, period);
    }

    public async Task<Indicator?> LoadAsync(int indicatorId, CancellationToken cancellationToken = default) =>
        await db.Indicators
            .Include(i => i.Plan)
            .Include(i => i.ResponsibleUnits).ThenInclude(u => u.Unit)
            .Include(i => i.Targets)
            .Include(i => i.Values).ThenInclude(v => v.Evidence)
            .AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == indicatorId, cancellationToken);

    public async Task<EntryResult> SubmitAsync(ClaimsPrincipal user, ValueSubmission submission, CancellationToken cancellationToken = default)
    {
        var indicator = await LoadAsync(submission.IndicatorId, cancellationToken);
        if (indicator is null)
        {
            return EntryResult.Refused(GeneralField, UnknownIndicator);
        }

        if (!await CanEditAsync(user, indicator, cancellationToken))
        {
            return EntryResult.Refused(GeneralField, "No puede registrar valores de este indicador: pertenece a otra unidad orgánica.");
        }

        var errors = new Dictionary<string, string>();
        if (await PeriodProblemAsync(indicator.Plan!, submission.Year, submission.Period, cancellationToken) is { } periodProblem)
        {
            errors[PeriodField] = periodProblem;
        }

        decimal? value = null;
        if (!DecimalText.TryParse(submission.ValueText, out value, out var parseError))
        {
            errors[ValueField] = parseError!;
        }
        else if (value is null)
        {
            errors[ValueField] = "Escriba el valor obtenido.";
        }
        else if (ValueRules.Check(indicator, value.Value) is { } rangeError)
        {
            errors[ValueField] = rangeError;
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
        foreach (var (fileName, content) in submission.Files)
        {
            var check = EvidenceRules.Check(fileName, content);
            if (!check.Accepted)
            {
                errors[FilesField] = $"{check.SafeFileName}: {check.Error}";
                continue;
            }

            evidence.Add(new Evidence
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

        var existing = indicator.Values.SingleOrDefault(x => x.Year == submission.Year && x.Period == submission.Period);
        var actor = user.IsInRole(Roles.Administrador) || user.IsInRole(Roles.Planificador) ? WorkflowActor.PlanningOffice : WorkflowActor.Unit;
        var transition = ValueWorkflow.Apply(existing?.Status, submission.Action, actor);
        if (!transition.Allowed)
        {
            errors[GeneralField] = transition.Reason!;
        }

        if (errors.Count > 0)
        {
            return EntryResult.Invalid(errors);
        }

        if (existing is not null && submission.Version is { } version && version != existing.Version)
        {
            return Conflict(existing, indicator);
        }

        var before = existing is null ? null : Describe(existing, indicator);
        var target = existing ?? new IndicatorValue
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
            target.UpdatedBy = userName;
            target.UpdatedAt = now;
        }

        target.Value = value;
        target.Comment = comment;
        target.DataSource = dataSource;
        target.Status = transition.Next!.Value;
        target.IsDemo = false;
        target.Evidence.AddRange(evidence);
        var field = $"Valor {Labels.Of(submission.Period).ToLowerInvariant()} {submission.Year}";
        db.AddAudit(now, userName, AuditKind.Valor, indicator.Key, field, before, Describe(target, indicator),
            submission.Action == WorkflowAction.Enviar ? "Enviado a la OGPP" + (comment is null ? "" : ": " + comment) : comment,
            indicator.PlanId, indicator.Id);
        foreach (var file in evidence)
        {
            db.AddAudit(now, userName, AuditKind.Valor, indicator.Key, field + " · evidencia", null, $"{file.FileName} ({file.Size} bytes, sha256 {file.Sha256[..12]}…)", null, indicator.PlanId, indicator.Id);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var fresh = await LoadAsync(indicator.Id, cancellationToken);
            return Conflict(fresh!.Values.Single(x => x.Year == submission.Year && x.Period == submission.Period), fresh);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            var fresh = await LoadAsync(indicator.Id, cancellationToken);
            return Conflict(fresh!.Values.Single(x => x.Year == submission.Year && x.Period == submission.Period), fresh);
        }

        return EntryResult.Ok(target);
    }

    /// <summary>The planning office validates a sent value, or returns it with a reason.</summary>
    public async Task<EntryResult> ReviewAsync(ClaimsPrincipal user, int valueId, WorkflowAction action, string? reason, uint? version, CancellationToken cancellationToken = default)
    {
        var value = await db.Values.Include(v => v.Indicator).ThenInclude(i => i!.Plan).SingleOrDefaultAsync(v => v.Id == valueId, cancellationToken);
        if (value is null)
        {
            return EntryResult.Refused(GeneralField, "El valor no existe.");
        }

        var actor = user.IsInRole(Roles.Administrador) || user.IsInRole(Roles.Planificador) ? WorkflowActor.PlanningOffice : WorkflowActor.Unit;
        var transition = ValueWorkflow.Apply(value.Status, action, actor);
        if (!transition.Allowed)
        {
            return EntryResult.Refused(GeneralField, transition.Reason!);
        }

        if (action == WorkflowAction.Observar && string.IsNullOrWhiteSpace(reason))
        {
            return EntryResult.Refused("Motivo", "Indique qué debe corregir la unidad: el motivo es obligatorio para observar un valor.");
        }

        if (reason is { Length: > 1000 })
        {
            return EntryResult.Refused("Motivo", "El motivo no puede superar los 1000 caracteres.");
        }

        if (reason is not null && HasControlCharacters(reason))
        {
            return EntryResult.Refused("Motivo", ControlCharactersMessage);
        }

        if (await PeriodProblemAsync(value.Indicator!.Plan!, value.Year, value.Period, cancellationToken) is { } periodProblem)
        {
            return EntryResult.Refused(PeriodField, periodProblem);
        }

        if (version is { } expected && expected != value.Version)
        {
            return Conflict(value, value.Indicator);
        }

        var now = clock.GetUtcNow();
        var before = Labels.Of(value.Status);
        value.Status = transition.Next!.Value;
        value.ReviewNote = action == WorkflowAction.Observar ? reason!.Trim() : null;
        if (action == WorkflowAction.Validar)
        {
            value.ValidatedBy = user.Identity!.Name;
            value.ValidatedAt = now;
        }

        db.AddAudit(now, user.Identity!.Name!, AuditKind.Valor, value.Indicator.Key,
            $"Estado del valor {Labels.Of(value.Period).ToLowerInvariant()} {value.Year}", before, Labels.Of(value.Status), reason?.Trim(), value.Indicator.PlanId, value.IndicatorId);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var fresh = await db.Values.AsNoTracking().Include(v => v.Indicator).SingleAsync(v => v.Id == valueId, cancellationToken);
            return Conflict(fresh, fresh.Indicator!);
        }

        return EntryResult.Ok(value);
    }

    private static EntryResult Conflict(IndicatorValue current, Indicator indicator) =>
        new(false, new Dictionary<string, string>(),
            $"Otra persona guardó este valor mientras usted lo editaba ({current.UpdatedBy ?? current.CreatedBy}, {PeruTime.Format(current.UpdatedAt ?? current.CreatedAt)}): " +
            $"{Describe(current, indicator)}. Sus cambios no se guardaron; revíselos y vuelva a intentarlo.",
            current);

    public static string Describe(IndicatorValue value, Indicator indicator) =>
        $"{ProgressFormat.Number(value.Value, Math.Max(indicator.Decimals, 0))} ({Labels.Of(value.Status).ToLowerInvariant()})" +
        (string.IsNullOrEmpty(value.Comment) ? "" : $"; comentario: {value.Comment}");

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
