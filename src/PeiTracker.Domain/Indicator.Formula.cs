using PeiTracker.Domain.Editing;
using PeiTracker.Domain.Formulas;

namespace PeiTracker.Domain;

/// <summary>The indicator's método de cálculo as a formula over named variables, and how a value is computed from them.</summary>
public partial class Indicator
{
    public const string FormulaField = "Formula";

    /// <summary>The formula's text, canonical ("A / B × 100"); "V", the value itself, until the planning office defines one.</summary>
    public string Formula { get; set; } = Formulas.Formula.Identity.Text;

    public List<IndicatorVariable> Variables { get; set; } = [];

    /// <summary>
    /// "Se registra por punto de registro": each reporting point enters the formula's variables, the responsible unit
    /// reviews them, and the value is the formula on the sums of the accepted points' figures.
    /// </summary>
    public bool CollectedByPoint { get; set; }

    private (string Text, Formula Read)? parsedFormula;

    /// <summary>
    /// The formula read, once per text (a page asks for it many times); a stored text that no longer reads (it never
    /// should) falls back to the value itself.
    /// </summary>
    public Formula ParsedFormula
    {
        get
        {
            if (parsedFormula is not { } kept || kept.Text != Formula)
            {
                parsedFormula = kept = (Formula, Formulas.Formula.Parse(Formula).Formula ?? Formulas.Formula.Identity);
            }

            return kept.Read;
        }
    }

    /// <summary>The value is entered by its variables rather than as one finished figure.</summary>
    public bool EntersByVariables => ParsedFormula.Text != Formulas.Formula.Identity.Text;

    /// <summary>The starting formula: a percentage is numerador over denominador, marked inferred for review; any other indicator, the value itself.</summary>
    public void StartFormula()
    {
        var percentage = Unit == UnitOfMeasure.Porcentaje;
        Formula = percentage ? Formulas.Formula.Percentage.Text : Formulas.Formula.Identity.Text;
        Variables = percentage
            ? [new() { Code = "A", Name = "Numerador", SortOrder = 1 }, new() { Code = "B", Name = "Denominador", SortOrder = 2 }]
            : [new() { Code = "V", Name = "Valor del indicador", SortOrder = 1 }];
        Inferred = percentage ? Inferred | InferredFields.Formula : Inferred & ~InferredFields.Formula;
    }

    /// <summary>
    /// Replaces the formula and its variables' definitions: the text must read, and every variable it uses needs a
    /// name. Definitions of variables the formula does not use are dropped. Confirms an inferred formula.
    /// </summary>
    public EditResult EditFormula(string? text, IReadOnlyList<VariableDefinition> definitions)
    {
        var parse = Formulas.Formula.Parse(text);
        if (parse.Formula is not { } formula)
        {
            return EditResult.Refused(FormulaField, parse.Error!);
        }

        var errors = new Dictionary<string, string>();
        var given = definitions.GroupBy(d => d.Code.Trim(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var next = new List<IndicatorVariable>();
        foreach (var (code, order) in formula.Variables.Select((c, i) => (c, i + 1)))
        {
            var definition = given.GetValueOrDefault(code);
            var name = definition?.Name?.Trim();
            var source = Clean(definition?.Source);
            var unit = Clean(definition?.Unit);
            if (string.IsNullOrEmpty(name))
            {
                errors[FieldKeys.Variable(code)] = $"Escriba qué mide la variable {code} (por ejemplo «Personas atendidas»).";
            }
            else if (name.Length > IndicatorVariable.MaxNameLength || source?.Length > IndicatorVariable.MaxSourceLength || unit?.Length > IndicatorVariable.MaxUnitLength)
            {
                errors[FieldKeys.Variable(code)] = $"La variable {code} tiene un texto demasiado largo (nombre hasta {IndicatorVariable.MaxNameLength} caracteres, fuente hasta {IndicatorVariable.MaxSourceLength}, unidad hasta {IndicatorVariable.MaxUnitLength}).";
            }

            next.Add(new IndicatorVariable { IndicatorId = Id, Code = code, Name = name ?? "", Source = source, Unit = unit, SortOrder = order });
        }

        if (errors.Count > 0)
        {
            return EditResult.Refused(errors);
        }

        var changes = new List<FieldChange>();
        if (Formula != formula.Text)
        {
            changes.Add(new FieldChange(AuditKind.Definicion, AuditFields.Formula, Formula, formula.Text));
        }

        var before = DescribeVariables(Variables.OrderBy(v => v.SortOrder));
        var after = DescribeVariables(next);
        if (before != after)
        {
            changes.Add(new FieldChange(AuditKind.Definicion, AuditFields.Variables, before, after));
        }

        if (Inferred.HasFlag(InferredFields.Formula))
        {
            changes.Add(new FieldChange(AuditKind.Definicion, AuditFields.Inferred, Labels.Of(Inferred), Labels.Of(Inferred & ~InferredFields.Formula)));
            Inferred &= ~InferredFields.Formula;
        }

        Formula = formula.Text;
        foreach (var variable in next)
        {
            if (Variables.FirstOrDefault(v => v.Code == variable.Code) is { } kept)
            {
                (kept.Name, kept.Source, kept.Unit, kept.SortOrder) = (variable.Name, variable.Source, variable.Unit, variable.SortOrder);
            }
            else
            {
                Variables.Add(variable);
            }
        }

        Variables.RemoveAll(v => next.All(n => n.Code != v.Code));
        return EditResult.Applied(changes);
    }

    /// <summary>Marks the indicator as collected by reporting point, or not; nothing changes when it already is so.</summary>
    public EditResult SetCollectedByPoint(bool byPoint)
    {
        if (byPoint == CollectedByPoint)
        {
            return EditResult.Applied([]);
        }

        var change = new FieldChange(AuditKind.Definicion, AuditFields.CollectedByPoint, CollectedByPoint ? "Sí" : "No", byPoint ? "Sí" : "No");
        CollectedByPoint = byPoint;
        return EditResult.Applied([change]);
    }

    /// <summary>
    /// Computes a value from the figures a person typed for the formula's variables: each figure read as any number
    /// is, then the formula evaluated. Errors are keyed by variable; a formula that cannot be computed (a
    /// denominator of 0) answers with its reason on the value.
    /// </summary>
    public VariableEntry ComputeFromVariables(IReadOnlyDictionary<string, string?> typed)
    {
        var formula = ParsedFormula;
        var errors = new Dictionary<string, string>();
        var figures = new Dictionary<string, decimal?>(StringComparer.Ordinal);
        foreach (var code in typed.Keys.Where(k => !formula.Variables.Contains(k)))
        {
            errors[FieldKeys.Variable(code)] = $"La fórmula del indicador ({formula.Text}) no tiene una variable {code}.";
        }

        foreach (var code in formula.Variables)
        {
            if (!DecimalText.TryParse(typed.GetValueOrDefault(code), out var figure, out var error))
            {
                errors[FieldKeys.Variable(code)] = error!;
            }
            else if (figure is null)
            {
                errors[FieldKeys.Variable(code)] = $"Escriba el valor de {VariableName(code)}.";
            }
            else if (figure < 0 && Unit != UnitOfMeasure.TasaVariacion)
            {
                errors[FieldKeys.Variable(code)] = $"{VariableName(code)} no puede ser negativo.";
            }

            figures[code] = figure;
        }

        if (errors.Count > 0)
        {
            return new VariableEntry(null, null, errors, []);
        }

        var evaluation = formula.Evaluate(figures, MaxDecimals);
        return new VariableEntry(evaluation.Value, evaluation.Explanation,
            evaluation.IsComputable ? errors : new Dictionary<string, string> { [FieldKeys.Value] = evaluation.Explanation },
            formula.Variables.Select(c => new ValueVariable { Code = c, Figure = figures[c]!.Value }).ToList());
    }

    /// <summary>The variables of a stored value as the history and the explanation show them: "A = 36; B = 40".</summary>
    public static string? DescribeFigures(IEnumerable<ValueVariable> figures) => DescribeFigurePairs(figures.Select(f => (f.Code, f.Figure)));

    /// <summary>Any figures by variable code as the history shows them: "A = 36; B = 40" (null for none).</summary>
    public static string? DescribeFigurePairs(IEnumerable<(string Code, decimal Figure)> figures)
    {
        var list = figures.ToList();
        return list.Count == 0 ? null : string.Join("; ", list.Select(f => $"{f.Code} = {DecimalText.Show(f.Figure)}"));
    }

    private string VariableName(string code) =>
        Variables.FirstOrDefault(v => v.Code == code) is { } variable ? $"{code} ({variable.Name})" : code;

    private static string? DescribeVariables(IEnumerable<IndicatorVariable> variables) =>
        variables.Any() ? string.Join("; ", variables.Select(v => IndicatorVariable.Describe(v.Code, v.Name, v.Source, v.Unit))) : null;
}

/// <summary>A value computed from its variables, with the substitution that explains it; or the errors, by field.</summary>
public sealed record VariableEntry(decimal? Value, string? Explanation, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<ValueVariable> Figures)
{
    public bool IsValid => Errors.Count == 0;
}
