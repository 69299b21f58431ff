using System.Globalization;
using PeiTracker.Domain.Editing;
using PeiTracker.Domain.Entry;

namespace PeiTracker.Domain;

/// <summary>
/// The write operations of an indicator, called by every path that edits it (the ficha técnica form,
/// the targets form, the Matriz import). Each checks everything first and, if anything is wrong,
/// changes nothing; otherwise it applies the change and reports every field's true before and after.
/// </summary>
public partial class Indicator
{
    public const int MaxNameLength = 1000;
    public const int MaxTextLength = 4000;

    private static readonly IReadOnlyDictionary<int, decimal?> NoTargets = new Dictionary<int, decimal?>();

    public Baseline Baseline => new(BaselineYear, BaselineValue);

    /// <summary>
    /// Sets the logros esperados of the given years (null removes a year's target); other years stay
    /// as they are. Changing the target of a year that has started is a revision: the first value is
    /// kept with the reason, and a started year's target cannot be erased.
    /// </summary>
    public EditResult SetTargets(IReadOnlyDictionary<int, decimal?> targets, int currentYear, string reason) =>
        SetFigures(null, targets, currentYear, reason);

    /// <summary>
    /// Sets the línea base (null leaves it as it is) and the logros esperados of the given years at once,
    /// judged together: an index's scale is read from the figures the edit keeps.
    /// </summary>
    public EditResult SetFigures(Baseline? baseline, IReadOnlyDictionary<int, decimal?> targets, int currentYear, string reason)
    {
        var errors = new Dictionary<string, string>();
        if (baseline is { } given)
        {
            CheckBaseline(given, errors);
        }

        foreach (var (year, value) in targets)
        {
            if (value is null && TargetFor(year) is not null && year <= currentYear)
            {
                errors[FieldKeys.Target(year)] = EditMessages.ErasedStartedTarget(year);
            }
        }

        CheckFigures(Unit, AllowsOver100, Figures(baseline ?? Baseline, targets), rulesChanged: false, definitionKey: nameof(Unit), errors);
        if (errors.Count > 0)
        {
            return EditResult.Refused(errors);
        }

        var changes = new List<FieldChange>();
        if (baseline is { } next)
        {
            ApplyBaseline(next, changes);
        }

        foreach (var (year, value) in targets.OrderBy(t => t.Key))
        {
            ApplyTarget(year, value, currentYear, reason, changes);
        }

        return EditResult.Applied(changes);
    }

    /// <summary>
    /// Replaces the ficha técnica and the línea base. The baseline and the targets must obey the new
    /// definition's rules (a unit that becomes Número refuses a target of 12.5); the targets are not
    /// changed here, so a figure the new definition refuses is reported on the definition field.
    /// </summary>
    /// <param name="institutionUnits">The units of the indicator's institution, by id, with the names the history shows.</param>
    public EditResult EditDefinition(IndicatorDefinition definition, Baseline baseline, IReadOnlyDictionary<int, string> institutionUnits)
    {
        var errors = CheckDefinition(definition, institutionUnits);
        CheckBaseline(baseline, errors);
        if (Enum.IsDefined(definition.Unit))
        {
            var unitChanged = definition.Unit != Unit;
            CheckFigures(definition.Unit, definition.AllowsOver100, Figures(baseline, NoTargets),
                rulesChanged: unitChanged || definition.AllowsOver100 != AllowsOver100,
                definitionKey: unitChanged ? nameof(Unit) : nameof(AllowsOver100),
                errors);
        }

        if (errors.Count > 0)
        {
            return EditResult.Refused(errors);
        }

        var limited = definition.Direction == Direction.NoDefinido;
        var limitKind = limited ? definition.LimitKind : null;
        var limit = limited ? definition.PermissibleLimit : null;
        var unitIds = definition.UnitIds.Distinct().ToList();
        var inferred = definition.MarkReviewed ? InferredFields.None : Inferred;
        string UnitNames(IEnumerable<int> ids) => string.Join("; ", ids.Select(id => institutionUnits.GetValueOrDefault(id, $"#{id}")).Order(StringComparer.Ordinal));

        var changes = new List<FieldChange>();
        void Track(AuditKind kind, string field, string? before, string? after)
        {
            if (before != after)
            {
                changes.Add(new FieldChange(kind, field, before, after));
            }
        }

        Track(AuditKind.Definicion, AuditFields.Name, Name, definition.Name.Trim());
        Track(AuditKind.Definicion, AuditFields.Unit, Labels.Of(Unit), Labels.Of(definition.Unit));
        Track(AuditKind.Definicion, AuditFields.Direction, Labels.Of(Direction), Labels.Of(definition.Direction));
        Track(AuditKind.Definicion, AuditFields.Limit, LimitText(LimitKind, PermissibleLimit), LimitText(limitKind, limit));
        Track(AuditKind.Definicion, AuditFields.Aggregation, Labels.Of(Aggregation), Labels.Of(definition.Aggregation));
        Track(AuditKind.Definicion, AuditFields.Relevance, Whole(Relevance), Whole(definition.Relevance));
        Track(AuditKind.Definicion, AuditFields.Decimals, Whole(Decimals), Whole(definition.Decimals));
        Track(AuditKind.Definicion, AuditFields.AllowsOver100, YesNo(AllowsOver100), YesNo(definition.AllowsOver100));
        Track(AuditKind.Definicion, AuditFields.Justification, Justification, Clean(definition.Justification));
        Track(AuditKind.Definicion, AuditFields.LimitationsAndAssumptions, LimitationsAndAssumptions, Clean(definition.LimitationsAndAssumptions));
        Track(AuditKind.Definicion, AuditFields.CalculationMethod, CalculationMethod, Clean(definition.CalculationMethod));
        Track(AuditKind.Definicion, AuditFields.DataSource, DataSource, Clean(definition.DataSource));
        Track(AuditKind.LineaBase, AuditFields.Baseline, Baseline.Describe(), baseline.Describe());
        var confirmsBaseline = BaselineProvisional && baseline != Baseline;
        if (confirmsBaseline)
        {
            changes.Add(ProvisionalCleared());
        }
        Track(AuditKind.Definicion, AuditFields.ResponsibleUnits, UnitNames(ResponsibleUnits.Select(u => u.UnitId)), UnitNames(unitIds));
        Track(AuditKind.Definicion, AuditFields.Inferred, Labels.Of(Inferred), Labels.Of(inferred));

        Name = definition.Name.Trim();
        Unit = definition.Unit;
        Direction = definition.Direction;
        LimitKind = limitKind;
        PermissibleLimit = limit;
        Aggregation = definition.Aggregation;
        Relevance = definition.Relevance;
        Decimals = definition.Decimals;
        AllowsOver100 = definition.AllowsOver100;
        Justification = Clean(definition.Justification);
        LimitationsAndAssumptions = Clean(definition.LimitationsAndAssumptions);
        CalculationMethod = Clean(definition.CalculationMethod);
        DataSource = Clean(definition.DataSource);
        (BaselineYear, BaselineValue) = (baseline.Year, baseline.Value);
        BaselineProvisional &= !confirmsBaseline;
        Inferred = inferred;
        ResponsibleUnits.RemoveAll(u => !unitIds.Contains(u.UnitId));
        foreach (var unitId in unitIds.Where(u => ResponsibleUnits.All(r => r.UnitId != u)))
        {
            ResponsibleUnits.Add(new IndicatorResponsibleUnit { IndicatorId = Id, UnitId = unitId });
        }

        return EditResult.Applied(changes);
    }

    private static Dictionary<string, string> CheckDefinition(IndicatorDefinition definition, IReadOnlyDictionary<int, string> institutionUnits)
    {
        var errors = new Dictionary<string, string>();
        void Fail(string key, string message) => errors.TryAdd(key, message);

        var name = definition.Name.Trim();
        if (name.Length == 0)
        {
            Fail(nameof(definition.Name), EditMessages.NameRequired);
        }
        else if (name.Length > MaxNameLength)
        {
            Fail(nameof(definition.Name), EditMessages.NameTooLong);
        }

        if (!Enum.IsDefined(definition.Unit))
        {
            Fail(nameof(definition.Unit), EditMessages.Unit);
        }

        if (!Enum.IsDefined(definition.Direction))
        {
            Fail(nameof(definition.Direction), EditMessages.Direction);
        }

        if (!Enum.IsDefined(definition.Aggregation))
        {
            Fail(nameof(definition.Aggregation), EditMessages.Aggregation);
        }

        if (definition.Direction == Direction.NoDefinido)
        {
            if (definition.LimitKind is not { } kind)
            {
                Fail(nameof(definition.LimitKind), EditMessages.LimitKindRequired);
            }
            else if (!Enum.IsDefined(kind))
            {
                Fail(nameof(definition.LimitKind), EditMessages.LimitKind);
            }

            if (definition.PermissibleLimit is null)
            {
                Fail(nameof(definition.PermissibleLimit), EditMessages.LimitRequired);
            }
        }

        if (!IsValidRelevance(definition.Relevance))
        {
            Fail(nameof(definition.Relevance), EditMessages.Relevance);
        }

        if (definition.Decimals is < 0 or > MaxDecimals)
        {
            Fail(nameof(definition.Decimals), EditMessages.Decimals);
        }

        foreach (var (key, text) in new[]
        {
            (nameof(definition.Justification), definition.Justification),
            (nameof(definition.LimitationsAndAssumptions), definition.LimitationsAndAssumptions),
            (nameof(definition.CalculationMethod), definition.CalculationMethod),
            (nameof(definition.DataSource), definition.DataSource),
        })
        {
            if (Clean(text)?.Length > MaxTextLength)
            {
                Fail(key, EditMessages.TextTooLong);
            }
        }

        if (definition.UnitIds.Count == 0)
        {
            Fail(nameof(definition.UnitIds), EditMessages.UnitsRequired);
        }
        else if (definition.UnitIds.Any(u => !institutionUnits.ContainsKey(u)))
        {
            Fail(nameof(definition.UnitIds), EditMessages.UnitOutsideInstitution);
        }

        return errors;
    }

    private static void CheckBaseline(Baseline baseline, Dictionary<string, string> errors)
    {
        if (baseline.Year is { } year && (year < Baseline.MinYear || year > Baseline.MaxYear))
        {
            errors.TryAdd(FieldKeys.BaselineYear, EditMessages.BaselineYear);
        }
        else if (baseline.Value is not null && baseline.Year is null)
        {
            errors.TryAdd(FieldKeys.BaselineYear, EditMessages.BaselineYearMissing);
        }
    }

    /// <summary>One figure the unit's rules apply to, as it would be after the edit.</summary>
    private readonly record struct Figure(string Key, string Label, decimal Value, bool Changed);

    /// <summary>The baseline and every year's target as they would be after the edit.</summary>
    private List<Figure> Figures(Baseline baseline, IReadOnlyDictionary<int, decimal?> targets)
    {
        var figures = new List<Figure>();
        if (baseline.Value is { } value)
        {
            figures.Add(new Figure(FieldKeys.BaselineValue, "La línea base", value, value != BaselineValue));
        }

        foreach (var year in Targets.Select(t => t.Year).Union(targets.Keys).Order())
        {
            var current = TargetFor(year);
            if ((targets.TryGetValue(year, out var given) ? given : current) is { } next)
            {
                figures.Add(new Figure(FieldKeys.Target(year), $"El logro esperado {year.ToString(CultureInfo.InvariantCulture)}", next, next != current));
            }
        }

        return figures;
    }

    /// <summary>
    /// Checks the changed figures (every figure, when the rules themselves change) against the unit's
    /// rules. An index is read as 0-1 from the figures the edit keeps, other than the one checked: a
    /// single target typed as 57.6 among 0-1 figures is refused, while an edit that moves every figure
    /// to another scale at once is not.
    /// </summary>
    private static void CheckFigures(UnitOfMeasure unit, bool allowsOver100, List<Figure> figures, bool rulesChanged, string definitionKey, Dictionary<string, string> errors)
    {
        var kept = figures.Where(f => !f.Changed).ToList();
        foreach (var figure in figures.Where(f => f.Changed || rulesChanged))
        {
            var scale = kept.Where(k => k.Key != figure.Key).Select(k => k.Value);
            if (ValueRules.Check(unit, allowsOver100, scale, figure.Value) is not { } problem)
            {
                continue;
            }

            if (figure.Changed)
            {
                errors.TryAdd(figure.Key, problem);
            }
            else
            {
                errors.TryAdd(definitionKey, EditMessages.FigureBreaksDefinition(figure.Label, figure.Value, problem));
            }
        }
    }

    private void ApplyBaseline(Baseline next, List<FieldChange> changes)
    {
        if (next == Baseline)
        {
            return;
        }

        changes.Add(new FieldChange(AuditKind.LineaBase, AuditFields.Baseline, Baseline.Describe(), next.Describe()));
        if (BaselineProvisional)
        {
            changes.Add(ProvisionalCleared());
            BaselineProvisional = false;
        }

        (BaselineYear, BaselineValue) = (next.Year, next.Value);
    }

    /// <summary>
    /// Brings the transcription of the plan's data file to an indicator loaded by an earlier version of that file: the
    /// transcription notes always (nobody edits them in the application), the línea base and its provisional mark only
    /// when <paramref name="baselineEditedByPerson"/> is false, because an edit recorded in the history wins over the
    /// file. Reports what it changed; changes nothing the file already says.
    /// </summary>
    public EditResult ApplyTranscription(string? notes, Baseline baseline, bool provisional, bool baselineEditedByPerson)
    {
        var changes = new List<FieldChange>();
        if (notes != Notes)
        {
            changes.Add(new FieldChange(AuditKind.Definicion, AuditFields.TranscriptionNotes, Notes, notes));
            Notes = notes;
        }

        if (!baselineEditedByPerson && baseline != Baseline)
        {
            changes.Add(new FieldChange(AuditKind.LineaBase, AuditFields.Baseline, Baseline.Describe(), baseline.Describe()));
            (BaselineYear, BaselineValue) = (baseline.Year, baseline.Value);
        }

        if (!baselineEditedByPerson && provisional != BaselineProvisional)
        {
            changes.Add(new FieldChange(AuditKind.LineaBase, AuditFields.BaselineProvisional, BaselineProvisional ? "Sí" : "No", provisional ? "Sí" : "No"));
            BaselineProvisional = provisional;
        }

        return EditResult.Applied(changes);
    }

    private static FieldChange ProvisionalCleared() => new(AuditKind.LineaBase, AuditFields.BaselineProvisional, "Sí", "No");

    private void ApplyTarget(int year, decimal? value, int currentYear, string reason, List<FieldChange> changes)
    {
        var existing = Targets.SingleOrDefault(t => t.Year == year);
        if (existing?.Value == value)
        {
            return;
        }

        var revision = existing is not null && year <= currentYear;
        changes.Add(new FieldChange(AuditKind.Meta, AuditFields.Target(year, revision), DecimalText.Show(existing?.Value), DecimalText.Show(value)));
        if (existing is null)
        {
            Targets.Add(new AnnualTarget { IndicatorId = Id, Year = year, Value = value!.Value });
        }
        else if (value is not { } revised)
        {
            Targets.Remove(existing);
        }
        else
        {
            if (revision)
            {
                existing.OriginalValue ??= existing.Value;
                existing.RevisionReason = reason;
            }

            existing.Value = revised;
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Whole(int number) => number.ToString(CultureInfo.InvariantCulture);

    private static string YesNo(bool value) => value ? "Sí" : "No";

    private static string? LimitText(PermissibleLimitKind? kind, decimal? value) =>
        kind is null ? null : $"{Labels.Of(kind.Value)}: {DecimalText.Show(value)}";
}
