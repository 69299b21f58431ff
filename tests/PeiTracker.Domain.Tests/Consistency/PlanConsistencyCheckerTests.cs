using System.Globalization;
using PeiTracker.Domain;
using PeiTracker.Domain.Consistency;

namespace PeiTracker.Domain.Tests.Consistency;

public class PlanConsistencyCheckerTests
{
    private static int nextId = 1;

    private static Indicator NewIndicator(string code, decimal? baseline = 10m, Direction direction = Direction.Ascendente, UnitOfMeasure unit = UnitOfMeasure.Numero, params (int Year, decimal Value)[] targets)
    {
        var allTargets = targets.Length > 0 ? targets : Enumerable.Range(2025, 6).Select(y => (Year: y, Value: 10m + y - 2024)).ToArray();
        return new Indicator
        {
            Id = nextId++,
            Key = code + "#" + nextId,
            PublishedCode = code,
            Name = "Indicador " + code,
            Direction = direction,
            Unit = unit,
            BaselineYear = 2023,
            BaselineValue = baseline,
            Targets = allTargets.Select(t => new AnnualTarget { Year = t.Year, Value = t.Value }).ToList(),
        };
    }

    private static Plan PlanWith(params Indicator[] actionIndicators)
    {
        var action = new StrategicAction { Id = 1, Code = "AEI.01.01", Statement = "Acción", Priority = 1, Indicators = actionIndicators.ToList() };
        var objective = new StrategicObjective
        {
            Id = 1,
            Code = "OEI.01",
            Statement = "Objetivo",
            Priority = 1,
            Actions = [action],
            Indicators = [NewIndicator("IOEI.01.01")],
        };
        return new Plan { Code = "P", Name = "P", FirstYear = 2025, LastYear = 2030, Objectives = [objective] };
    }

    /// <summary>"9 8 7" are the logros esperados of 2025, 2026 and 2027.</summary>
    private static List<AnnualTarget> FromTwentyTwentyFive(string targets) => targets.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select((t, i) => new AnnualTarget { Year = 2025 + i, Value = decimal.Parse(t, CultureInfo.InvariantCulture) }).ToList();

    private static IEnumerable<PlanIssue> Of(Plan plan, string kind) => PlanConsistencyChecker.Check(plan).Where(i => i.Kind == kind);

    [Fact]
    public void Check_CleanPlan_FindsNothing()
    {
        Assert.Empty(PlanConsistencyChecker.Check(PlanWith(NewIndicator("IAEI.01.01.01"))));
    }

    [Fact]
    public void Check_SamePublishedCodeTwice_FlagsBothAsErrors()
    {
        var issues = Of(PlanWith(NewIndicator("IAEI.01.01.01"), NewIndicator("IAEI.01.01.01")), PlanConsistencyChecker.DuplicateCode).ToList();

        Assert.Equal(2, issues.Count);
        Assert.All(issues, i => Assert.Equal(IssueSeverity.Error, i.Severity));
        Assert.All(issues, i => Assert.Equal("El código publicado IAEI.01.01.01 se usa para 2 indicadores distintos (este pertenece a AEI.01.01: «Indicador IAEI.01.01.01»).", i.Message));
    }

    [Fact]
    public void Check_IndicatorCodedForAnotherAction_IsAWarningNamingItsOwner()
    {
        var issue = Assert.Single(Of(PlanWith(NewIndicator("IAEI.02.01.01")), PlanConsistencyChecker.MismatchedCode));

        Assert.Equal((IssueSeverity.Advertencia, IssueTarget.Indicator), (issue.Severity, issue.Target));
        Assert.Equal("El código publicado IAEI.02.01.01 no corresponde a AEI.01.01, al que pertenece el indicador.", issue.Message);
    }

    [Theory]
    [InlineData("IAEI.01.01.01", "AEI.01.01", true)]
    [InlineData("IAEI.11.11.01", "AEI.11.08", false)]
    [InlineData("IOEI.02.01", "OEI.02", true)]
    [InlineData("IOEI.02.01", "OEI.03", false)]
    [InlineData("IOEI.01.01", "AEI.01.01", false)]
    [InlineData("IOEI.01", "OEI.01", false)]
    [InlineData("iaei.03.02.01", "aei.03.02", true)]
    [InlineData("IOEI.01.01", "Objetivo sin código", true)]
    [InlineData("Indicador 7", "OEI.01", true)]
    public void CodeMatchesOwner_PrefixOfTheOwner(string code, string owner, bool expected)
    {
        Assert.Equal(expected, PlanConsistencyChecker.CodeMatchesOwner(code, owner));
    }

    [Fact]
    public void Check_MissingBaseline_IsAWarning()
    {
        var issue = Assert.Single(Of(PlanWith(NewIndicator("IAEI.01.01.01", baseline: null)), PlanConsistencyChecker.MissingBaseline));

        Assert.Equal(IssueSeverity.Advertencia, issue.Severity);
        Assert.Equal("IAEI.01.01.01 no tiene valor de línea base: no podrá calcularse el Avance Tipo II.", issue.Message);
    }

    [Theory]
    [InlineData(5, "IAEI.01.01.01 no tiene logro esperado para 2030.")]
    [InlineData(4, "IAEI.01.01.01 no tiene logro esperado para 2029 y 2030.")]
    [InlineData(3, "IAEI.01.01.01 no tiene logro esperado para 2028, 2029 y 2030.")]
    public void Check_YearsWithoutTarget_NamesTheYears(int yearsWithTarget, string expected)
    {
        var indicator = NewIndicator("IAEI.01.01.01", targets: Enumerable.Range(2025, yearsWithTarget).Select(y => (y, 10m + y - 2024)).ToArray());

        var issue = Assert.Single(Of(PlanWith(indicator), PlanConsistencyChecker.MissingTargets));

        Assert.Equal(expected, issue.Message);
    }

    [Fact]
    public void Check_AscendingTargetThatFalls_IsFlagged()
    {
        var indicator = NewIndicator("IAEI.01.01.01", targets: [(2025, 100m), (2026, 90m), (2027, 90m), (2028, 90m), (2029, 90m), (2030, 90m)]);

        var issue = Assert.Single(Of(PlanWith(indicator), PlanConsistencyChecker.AgainstDirection));

        Assert.Contains("baja de 100 (2025) a 90 (2026)", issue.Message);
    }

    [Fact]
    public void Check_DescendingBaselineBelowEveryTarget_IsFlagged()
    {
        var indicator = NewIndicator("IAEI.01.01.01", baseline: 1m, direction: Direction.Descendente, targets: [(2025, 9m), (2026, 8m), (2027, 7m), (2028, 6m), (2029, 5m), (2030, 4m)]);

        var issue = Assert.Single(Of(PlanWith(indicator), PlanConsistencyChecker.AgainstDirection));

        Assert.Contains("por debajo de todos", issue.Message);
    }

    [Theory]
    [InlineData(Direction.Ascendente, "10", "100.00 90.50 90.50 95 96 97", "IAEI.01.01.01 es ascendente, pero su logro esperado baja de 100 (2025) a 90.5 (2026).")]
    [InlineData(Direction.Descendente, "10", "9 8 7 8 6 5", "IAEI.01.01.01 es descendente, pero su logro esperado sube de 7 (2027) a 8 (2028).")]
    [InlineData(Direction.Ascendente, "50", "11 12 13 14 15 16", "IAEI.01.01.01 es ascendente, pero su línea base (50) está por encima de todos sus logros esperados.")]
    [InlineData(Direction.Descendente, "1.5", "9 8 7 6 5 4", "IAEI.01.01.01 es descendente, pero su línea base (1.5) está por debajo de todos sus logros esperados.")]
    [InlineData(Direction.Ascendente, "10", "10 10 10 10 10 10", null)]
    [InlineData(Direction.Descendente, "10", "10 10 10 10 10 10", null)]
    [InlineData(Direction.Descendente, "10", "9 9 9 9 9 9", null)]
    [InlineData(Direction.NoDefinido, "10", "5 9 3 8 1 7", null)]
    [InlineData(Direction.Ascendente, "10", "", null)]
    public void Check_TargetsAgainstTheDirection_AreDescribed(Direction direction, string baseline, string targets, string? expected)
    {
        var indicator = NewIndicator("IAEI.01.01.01", baseline: decimal.Parse(baseline, CultureInfo.InvariantCulture), direction: direction);
        indicator.Targets = FromTwentyTwentyFive(targets);

        var messages = Of(PlanWith(indicator), PlanConsistencyChecker.AgainstDirection).Select(i => i.Message).ToList();

        Assert.Equal(expected is null ? [] : [expected], messages);
    }

    [Fact]
    public void Check_PercentageAbove100_IsAnError()
    {
        var indicator = NewIndicator("IAEI.01.01.01", unit: UnitOfMeasure.Porcentaje, targets: [(2025, 90m), (2026, 95m), (2027, 100m), (2028, 100m), (2029, 100m), (2030, 120m)]);

        var issue = Assert.Single(Of(PlanWith(indicator), PlanConsistencyChecker.PercentageOutOfRange));

        Assert.Equal(IssueSeverity.Error, issue.Severity);
        Assert.Contains("120 (2030)", issue.Message);
    }

    [Fact]
    public void Check_PercentageAbove100_AllowedByTheIndicator_IsNotFlagged()
    {
        var indicator = NewIndicator("IAEI.01.01.01", unit: UnitOfMeasure.Porcentaje, targets: [(2025, 90m), (2026, 95m), (2027, 100m), (2028, 100m), (2029, 110m), (2030, 120m)]);
        indicator.AllowsOver100 = true;

        Assert.Empty(Of(PlanWith(indicator), PlanConsistencyChecker.PercentageOutOfRange));
    }

    [Theory]
    [InlineData("0", "0 20 40 60 80 100", null)]
    [InlineData("50", "0 20 40 60 80 100", null)]
    [InlineData("100", "0 20 40 60 80 100", null)]
    [InlineData("-0.5", "0 20 40 60 80 100", "-0.5 (línea base)")]
    [InlineData("100.5", "0 20 40 60 80 100", "100.5 (línea base)")]
    [InlineData("120", "-5 20 40 60 80 120", "120 (línea base), -5 (2025), 120 (2030)")]
    public void Check_PercentageRange_ListsEveryFigureOutsideZeroToHundred(string baseline, string targets, string? outside)
    {
        var indicator = NewIndicator("IAEI.01.01.01", baseline: decimal.Parse(baseline, CultureInfo.InvariantCulture), unit: UnitOfMeasure.Porcentaje);
        indicator.Targets = FromTwentyTwentyFive(targets);

        var messages = Of(PlanWith(indicator), PlanConsistencyChecker.PercentageOutOfRange).Select(i => i.Message).ToList();

        Assert.Equal(outside is null ? [] : [$"IAEI.01.01.01 se mide en porcentaje, pero tiene valores fuera de 0-100: {outside}."], messages);
    }

    [Fact]
    public void Check_ActionWithoutIndicators_IsFlagged()
    {
        var issue = Assert.Single(Of(PlanWith(), PlanConsistencyChecker.WithoutIndicators));

        Assert.Equal((IssueSeverity.Advertencia, IssueTarget.Action, "AEI.01.01"), (issue.Severity, issue.Target, issue.Subject));
        Assert.Equal("La AEI.01.01 no tiene indicadores: su avance no podrá medirse.", issue.Message);
    }

    [Fact]
    public void Check_ObjectiveWithoutItsOwnIndicators_IsFlagged()
    {
        var plan = PlanWith(NewIndicator("IAEI.01.01.01"));
        plan.Objectives[0].Indicators.Clear();

        var issue = Assert.Single(Of(plan, PlanConsistencyChecker.WithoutIndicators));

        Assert.Equal((IssueSeverity.Advertencia, IssueTarget.Objective, "OEI.01"), (issue.Severity, issue.Target, issue.Subject));
        Assert.Equal("El OEI.01 no tiene indicadores propios.", issue.Message);
    }

    [Fact]
    public void Check_TwoObjectivesWithTheSamePriority_IsAnError()
    {
        var plan = PlanWith(NewIndicator("IAEI.01.01.01"));
        plan.Objectives.Add(new StrategicObjective { Id = 2, Code = "OEI.02", Statement = "Otro", Priority = 1, Indicators = [NewIndicator("IOEI.02.01")] });

        var issues = Of(plan, PlanConsistencyChecker.PriorityProblem).ToList();

        Assert.Contains(issues, i => i.Severity == IssueSeverity.Error && i.Subject == "OEI.02");
        Assert.Contains(issues, i => i.Message.Contains("falta la prioridad 2"));
    }

    [Fact]
    public void Check_RepeatedAndMissingPriorities_NameEveryObjectiveInvolved()
    {
        var plan = PlanWith(NewIndicator("IAEI.01.01.01"));
        plan.Objectives.Add(new StrategicObjective { Id = 2, Code = "OEI.03", Statement = "Otro", Priority = 1, Indicators = [NewIndicator("IOEI.03.01")] });
        plan.Objectives.Add(new StrategicObjective { Id = 3, Code = "OEI.02", Statement = "Otro", Priority = 1, Indicators = [NewIndicator("IOEI.02.01")] });
        plan.Objectives.Add(new StrategicObjective { Id = 4, Code = "OEI.04", Statement = "Otro", Priority = 6, Indicators = [NewIndicator("IOEI.04.01")] });

        var issues = Of(plan, PlanConsistencyChecker.PriorityProblem).Select(i => (i.Severity, i.Target, i.Subject, i.Message)).ToList();

        Assert.Equal(
            [
                (IssueSeverity.Error, IssueTarget.Objective, "OEI.01", "OEI.01 comparte la prioridad 1 con OEI.03, OEI.02 entre los OEI del plan."),
                (IssueSeverity.Error, IssueTarget.Objective, "OEI.02", "OEI.02 comparte la prioridad 1 con OEI.01, OEI.03 entre los OEI del plan."),
                (IssueSeverity.Error, IssueTarget.Objective, "OEI.03", "OEI.03 comparte la prioridad 1 con OEI.01, OEI.02 entre los OEI del plan."),
                (IssueSeverity.Advertencia, IssueTarget.Objective, "OEI.01", "Entre los OEI del plan faltan las prioridades 2, 3 y 4: las prioridades deberían ir de 1 a 4 sin saltos."),
            ],
            issues);
    }

    [Fact]
    public void Check_TwoActionsWithTheSamePriority_AreErrorsWithinTheirObjective()
    {
        var plan = PlanWith(NewIndicator("IAEI.01.01.01"));
        plan.Objectives[0].Actions.Add(new StrategicAction { Id = 2, Code = "AEI.01.02", Statement = "Otra", Priority = 1, Indicators = [NewIndicator("IAEI.01.02.01")] });

        var issues = Of(plan, PlanConsistencyChecker.PriorityProblem).Select(i => (i.Severity, i.Target, i.Subject, i.Message)).ToList();

        Assert.Equal(
            [
                (IssueSeverity.Error, IssueTarget.Action, "AEI.01.01", "AEI.01.01 comparte la prioridad 1 con AEI.01.02 entre las AEI del OEI.01."),
                (IssueSeverity.Error, IssueTarget.Action, "AEI.01.02", "AEI.01.02 comparte la prioridad 1 con AEI.01.01 entre las AEI del OEI.01."),
                (IssueSeverity.Advertencia, IssueTarget.Action, "AEI.01.01", "Entre las AEI del OEI.01 falta la prioridad 2: las prioridades deberían ir de 1 a 2 sin saltos."),
            ],
            issues);
    }

    [Fact]
    public void Check_Issues_ComeErrorsFirstThenByKindAndSubject()
    {
        var percentage = NewIndicator("IAEI.01.01.01", unit: UnitOfMeasure.Porcentaje, targets: [(2025, 90m), (2026, 95m), (2027, 100m), (2028, 100m), (2029, 100m), (2030, 120m)]);
        var noBaselineLater = NewIndicator("IAEI.01.01.04", baseline: null);
        var noBaselineInferred = NewIndicator("IAEI.01.01.02", baseline: null);
        noBaselineInferred.Inferred = InferredFields.Unit;
        var falling = NewIndicator("IAEI.01.01.03", targets: [(2025, 20m), (2026, 19m), (2027, 21m), (2028, 22m), (2029, 23m), (2030, 24m)]);

        var issues = PlanConsistencyChecker.Check(PlanWith(noBaselineLater, falling, noBaselineInferred, percentage))
            .Select(i => (i.Severity, i.Kind, i.Subject.Split('#')[0])).ToList();

        Assert.Equal(
            [
                (IssueSeverity.Error, PlanConsistencyChecker.PercentageOutOfRange, "IAEI.01.01.01"),
                (IssueSeverity.Advertencia, PlanConsistencyChecker.AgainstDirection, "IAEI.01.01.03"),
                (IssueSeverity.Advertencia, PlanConsistencyChecker.MissingBaseline, "IAEI.01.01.02"),
                (IssueSeverity.Advertencia, PlanConsistencyChecker.MissingBaseline, "IAEI.01.01.04"),
                (IssueSeverity.Informacion, PlanConsistencyChecker.InferredNotReviewed, "IAEI.01.01.02"),
            ],
            issues);
    }

    [Theory]
    [InlineData(InferredFields.Unit, "IAEI.01.01.01: la unidad de medida se dedujo del nombre del indicador; revísela en su ficha técnica.")]
    [InlineData(InferredFields.Direction, "IAEI.01.01.01: el sentido esperado se dedujo del nombre del indicador; revíselo en su ficha técnica.")]
    [InlineData(InferredFields.Aggregation, "IAEI.01.01.01: el tipo de agregación se dedujo del nombre del indicador; revíselo en su ficha técnica.")]
    [InlineData(InferredFields.Relevance, "IAEI.01.01.01: la relevancia se dedujo del nombre del indicador; revísela en su ficha técnica.")]
    [InlineData(InferredFields.Unit | InferredFields.Direction, "IAEI.01.01.01: unidad de medida y sentido esperado se dedujeron del nombre del indicador; revíselos en su ficha técnica.")]
    [InlineData(InferredFields.Unit | InferredFields.Direction | InferredFields.Aggregation | InferredFields.Relevance,
        "IAEI.01.01.01: unidad de medida, sentido esperado, tipo de agregación y relevancia se dedujeron del nombre del indicador; revíselos en su ficha técnica.")]
    public void Check_InferredFields_AreInformationNamingEachField(InferredFields inferred, string expected)
    {
        var indicator = NewIndicator("IAEI.01.01.01");
        indicator.Inferred = inferred;

        var issue = Assert.Single(Of(PlanWith(indicator), PlanConsistencyChecker.InferredNotReviewed));

        Assert.Equal(IssueSeverity.Informacion, issue.Severity);
        Assert.Equal(expected, issue.Message);
    }
}
