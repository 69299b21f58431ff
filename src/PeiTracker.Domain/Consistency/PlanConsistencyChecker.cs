using System.Globalization;
using System.Text.RegularExpressions;

namespace PeiTracker.Domain.Consistency;

public enum IssueSeverity
{
    /// <summary>The plan contradicts itself: a report built on it would be wrong.</summary>
    Error = 0,

    /// <summary>Something looks wrong and needs a person's judgement.</summary>
    Advertencia = 1,

    /// <summary>Pending review, not an error.</summary>
    Informacion = 2,
}

public enum IssueTarget
{
    Plan = 0,
    Objective = 1,
    Action = 2,
    Indicator = 3,
}

/// <summary>One problem found in a plan, with what it concerns so the page can link to it.</summary>
public sealed record PlanIssue(IssueSeverity Severity, string Kind, IssueTarget Target, int TargetId, string Subject, string Message);

/// <summary>
/// "Validación del plan": finds the inconsistencies a planning office must see before
/// reporting to CEPLAN. Stateless; reads a plan graph (objectives, actions, indicators, targets).
/// </summary>
public static partial class PlanConsistencyChecker
{
    public const string DuplicateCode = "Código repetido";
    public const string MismatchedCode = "Código que no corresponde a su OEI/AEI";
    public const string MissingBaseline = "Sin línea base";
    public const string MissingTargets = "Años sin logro esperado";
    public const string AgainstDirection = "Metas contra el sentido esperado";
    public const string PercentageOutOfRange = "Porcentaje fuera de 0-100";
    public const string WithoutIndicators = "Sin indicadores";
    public const string PriorityProblem = "Prioridades repetidas o faltantes";
    public const string InferredNotReviewed = "Campos inferidos sin revisar";
    public const string ProvisionalBaseline = "Línea base provisional";
    public const string WithoutPesem = "OEI sin articulación con el PESEM";
    public const string WithoutPgg = "Sin vinculación con la PGG";

    private static readonly (InferredFields Field, string Name, string Article, string Pronoun)[] InferredNames =
    [
        (InferredFields.Unit, "unidad de medida", "la", "la"),
        (InferredFields.Direction, "sentido esperado", "el", "lo"),
        (InferredFields.Aggregation, "tipo de agregación", "el", "lo"),
        (InferredFields.Relevance, "relevancia", "la", "la"),
        (InferredFields.Formula, "fórmula", "la", "la"),
    ];

    /// <summary>The plan's issues; the articulation's too when <paramref name="articulation"/> is given.</summary>
    public static IReadOnlyList<PlanIssue> Check(Plan plan, PlanArticulationFacts? articulation = null)
    {
        var issues = new List<PlanIssue>();
        var indicators = plan.Objectives
            .SelectMany(o => o.Indicators.Select(i => (Indicator: i, OwnerCode: o.Code))
                .Concat(o.Actions.SelectMany(a => a.Indicators.Select(i => (Indicator: i, OwnerCode: a.Code)))))
            .ToList();

        foreach (var group in indicators.GroupBy(x => x.Indicator.PublishedCode).Where(g => g.Count() > 1))
        {
            foreach (var (indicator, owner) in group)
            {
                issues.Add(new PlanIssue(IssueSeverity.Error, DuplicateCode, IssueTarget.Indicator, indicator.Id, indicator.Key,
                    $"El código publicado {indicator.PublishedCode} se usa para {group.Count()} indicadores distintos (este pertenece a {owner}: «{indicator.Name}»)."));
            }
        }

        foreach (var (indicator, owner) in indicators)
        {
            if (!CodeMatchesOwner(indicator.PublishedCode, owner))
            {
                issues.Add(new PlanIssue(IssueSeverity.Advertencia, MismatchedCode, IssueTarget.Indicator, indicator.Id, indicator.Key,
                    $"El código publicado {indicator.PublishedCode} no corresponde a {owner}, al que pertenece el indicador."));
            }

            CheckFigures(plan, indicator, issues);
        }

        CheckPriorities(plan.Objectives.Select(o => (o.Id, o.Code, o.Priority)).ToList(), IssueTarget.Objective, "los OEI del plan", issues);
        foreach (var objective in plan.Objectives)
        {
            if (objective.Indicators.Count == 0)
            {
                issues.Add(new PlanIssue(IssueSeverity.Advertencia, WithoutIndicators, IssueTarget.Objective, objective.Id, objective.Code,
                    $"El {objective.Code} no tiene indicadores propios."));
            }

            CheckPriorities(objective.Actions.Select(a => (a.Id, a.Code, a.Priority)).ToList(), IssueTarget.Action, $"las AEI del {objective.Code}", issues);
            foreach (var action in objective.Actions.Where(a => a.Indicators.Count == 0))
            {
                issues.Add(new PlanIssue(IssueSeverity.Advertencia, WithoutIndicators, IssueTarget.Action, action.Id, action.Code,
                    $"La {action.Code} no tiene indicadores: su avance no podrá medirse."));
            }
        }

        if (articulation is not null)
        {
            CheckArticulation(plan, articulation, issues);
        }

        return issues
            .OrderBy(i => i.Severity)
            .ThenBy(i => i.Kind, StringComparer.Ordinal)
            .ThenBy(i => i.Subject, StringComparer.Ordinal)
            .ToList();
    }

    private static void CheckFigures(Plan plan, Indicator indicator, List<PlanIssue> issues)
    {
        if (indicator.BaselineValue is null)
        {
            issues.Add(new PlanIssue(IssueSeverity.Advertencia, MissingBaseline, IssueTarget.Indicator, indicator.Id, indicator.Key,
                $"{indicator.PublishedCode} no tiene valor de línea base: no podrá calcularse el Avance Tipo II."));
        }

        var missingYears = plan.Years.Where(y => indicator.Targets.All(t => t.Year != y)).ToList();
        if (missingYears.Count > 0)
        {
            issues.Add(new PlanIssue(IssueSeverity.Advertencia, MissingTargets, IssueTarget.Indicator, indicator.Id, indicator.Key,
                $"{indicator.PublishedCode} no tiene logro esperado para {Enumerate(missingYears)}."));
        }

        var targets = indicator.Targets.OrderBy(t => t.Year).ToList();
        if (indicator.Direction != Direction.NoDefinido && targets.Count > 0)
        {
            var ascending = indicator.Direction == Direction.Ascendente;
            var falls = targets.Zip(targets.Skip(1)).Where(p => ascending ? p.Second.Value < p.First.Value : p.Second.Value > p.First.Value).ToList();
            foreach (var (first, second) in falls)
            {
                issues.Add(new PlanIssue(IssueSeverity.Advertencia, AgainstDirection, IssueTarget.Indicator, indicator.Id, indicator.Key,
                    $"{indicator.PublishedCode} es {Labels.Of(indicator.Direction).ToLowerInvariant()}, pero su logro esperado {(ascending ? "baja" : "sube")} de {Format(first.Value)} ({first.Year}) a {Format(second.Value)} ({second.Year})."));
            }

            if (indicator.BaselineValue is { } baseline
                && targets.All(t => ascending ? t.Value < baseline : t.Value > baseline))
            {
                issues.Add(new PlanIssue(IssueSeverity.Advertencia, AgainstDirection, IssueTarget.Indicator, indicator.Id, indicator.Key,
                    $"{indicator.PublishedCode} es {Labels.Of(indicator.Direction).ToLowerInvariant()}, pero su línea base ({Format(baseline)}) está {(ascending ? "por encima" : "por debajo")} de todos sus logros esperados."));
            }
        }

        if (indicator.Unit == UnitOfMeasure.Porcentaje && !indicator.AllowsOver100)
        {
            var outside = targets.Where(t => t.Value is < 0 or > 100).Select(t => $"{Format(t.Value)} ({t.Year})").ToList();
            if (indicator.BaselineValue is { } b && b is < 0 or > 100)
            {
                outside.Insert(0, $"{Format(b)} (línea base)");
            }

            if (outside.Count > 0)
            {
                issues.Add(new PlanIssue(IssueSeverity.Error, PercentageOutOfRange, IssueTarget.Indicator, indicator.Id, indicator.Key,
                    $"{indicator.PublishedCode} se mide en porcentaje, pero tiene valores fuera de 0-100: {string.Join(", ", outside)}."));
            }
        }

        if (indicator.BaselineProvisional)
        {
            issues.Add(new PlanIssue(IssueSeverity.Informacion, ProvisionalBaseline, IssueTarget.Indicator, indicator.Id, indicator.Key,
                $"{indicator.PublishedCode}: la línea base {(indicator.BaselineValue is { } value ? Format(value) : "sin valor")} ({indicator.BaselineYear?.ToString(CultureInfo.InvariantCulture) ?? "sin año"}) es provisional: el documento la imprime con una marca cuyo significado no explica. Confírmela o corríjala en la ficha técnica."));
        }

        if (indicator.Inferred != InferredFields.None)
        {
            issues.Add(new PlanIssue(IssueSeverity.Informacion, InferredNotReviewed, IssueTarget.Indicator, indicator.Id, indicator.Key,
                $"{indicator.PublishedCode}: {DescribeInferred(indicator.Inferred)} en su ficha técnica."));
        }
    }

    // "No priorizado" is an answer; only a missing vinculación is a gap.
    private static void CheckArticulation(Plan plan, PlanArticulationFacts articulation, List<PlanIssue> issues)
    {
        foreach (var objective in plan.Objectives)
        {
            if (!articulation.ObjectivesLinkedToPesem.Contains(objective.Id))
            {
                issues.Add(new PlanIssue(IssueSeverity.Advertencia, WithoutPesem, IssueTarget.Objective, objective.Id, objective.Code,
                    $"El {objective.Code} no tiene ninguna fila en el Anexo B-1: no consta a qué objetivo o acción del PESEM contribuye."));
            }

            if (objective.PggStatus == Articulation.PggStatus.SinDato)
            {
                issues.Add(new PlanIssue(IssueSeverity.Advertencia, WithoutPgg, IssueTarget.Objective, objective.Id, objective.Code,
                    $"El {objective.Code} no tiene vinculación con la PGG (ni eje y lineamiento, ni «No priorizado»)."));
            }

            foreach (var action in objective.Actions.Where(a => a.PggStatus == Articulation.PggStatus.SinDato))
            {
                issues.Add(new PlanIssue(IssueSeverity.Advertencia, WithoutPgg, IssueTarget.Action, action.Id, action.Code,
                    $"La {action.Code} no tiene vinculación con la PGG (ni eje y lineamiento, ni «No priorizado»)."));
            }
        }
    }

    private static void CheckPriorities(IReadOnlyList<(int Id, string Code, int Priority)> items, IssueTarget target, string scope, List<PlanIssue> issues)
    {
        foreach (var group in items.GroupBy(i => i.Priority).Where(g => g.Count() > 1))
        {
            foreach (var item in group)
            {
                issues.Add(new PlanIssue(IssueSeverity.Error, PriorityProblem, target, item.Id, item.Code,
                    $"{item.Code} comparte la prioridad {group.Key} con {string.Join(", ", group.Where(g => g.Code != item.Code).Select(g => g.Code))} entre {scope}."));
            }
        }

        var expected = Enumerable.Range(1, items.Count).ToHashSet();
        var missing = expected.Except(items.Select(i => i.Priority)).Order().ToList();
        if (missing.Count > 0 && items.Count > 0)
        {
            var first = items.OrderBy(i => i.Code, StringComparer.Ordinal).First();
            issues.Add(new PlanIssue(IssueSeverity.Advertencia, PriorityProblem, target, first.Id, first.Code,
                $"Entre {scope} {(missing.Count == 1 ? "falta la prioridad" : "faltan las prioridades")} {Enumerate(missing)}: las prioridades deberían ir de 1 a {items.Count} sin saltos."));
        }
    }

    /// <summary>IOEI.01.02 belongs to OEI.01; IAEI.03.02.01 belongs to AEI.03.02.</summary>
    public static bool CodeMatchesOwner(string publishedCode, string ownerCode)
    {
        var owner = OwnerNumbers().Match(ownerCode);
        var code = IndicatorNumbers().Match(publishedCode);
        if (!owner.Success || !code.Success)
        {
            return true;
        }

        var ownerIsAction = ownerCode.StartsWith("AEI", StringComparison.OrdinalIgnoreCase);
        var codeIsAction = publishedCode.StartsWith("IAEI", StringComparison.OrdinalIgnoreCase);
        if (ownerIsAction != codeIsAction)
        {
            return false;
        }

        var ownerParts = owner.Groups[1].Value.Split('.');
        var codeParts = code.Groups[1].Value.Split('.');
        return codeParts.Length > ownerParts.Length && ownerParts.SequenceEqual(codeParts.Take(ownerParts.Length));
    }

    // A single field needs its own article and pronoun ("el sentido esperado … revíselo", "la relevancia … revísela").
    private static string DescribeInferred(InferredFields fields)
    {
        var inferred = InferredNames.Where(n => fields.HasFlag(n.Field)).ToList();
        if (inferred.Count == 1)
        {
            var (_, name, article, pronoun) = inferred[0];
            return $"{article} {name} se dedujo del nombre del indicador; revíse{pronoun}";
        }

        var names = inferred.Select(n => n.Name).ToList();
        return string.Join(", ", names.Take(names.Count - 1)) + " y " + names[^1] + " se dedujeron del nombre del indicador; revíselos";
    }

    private static string Enumerate(IReadOnlyList<int> numbers) =>
        numbers.Count == 1 ? numbers[0].ToString(CultureInfo.InvariantCulture) : string.Join(", ", numbers.Take(numbers.Count - 1)) + " y " + numbers[^1];

    private static string Format(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?:OEI|AEI)\.([0-9]+(?:\.[0-9]+)*)$", RegexOptions.IgnoreCase)]
    private static partial Regex OwnerNumbers();

    [GeneratedRegex(@"^I(?:OEI|AEI)\.([0-9]+(?:\.[0-9]+)*)", RegexOptions.IgnoreCase)]
    private static partial Regex IndicatorNumbers();
}
