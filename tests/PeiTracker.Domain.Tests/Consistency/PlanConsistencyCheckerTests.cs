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
    }

    [Theory]
    [InlineData("IAEI.01.01.01", "AEI.01.01", true)]
    [InlineData("IAEI.11.11.01", "AEI.11.08", false)]
    [InlineData("IOEI.02.01", "OEI.02", true)]
    [InlineData("IOEI.02.01", "OEI.03", false)]
    [InlineData("IOEI.01.01", "AEI.01.01", false)]
    public void CodeMatchesOwner_PrefixOfTheOwner(string code, string owner, bool expected)
    {
        Assert.Equal(expected, PlanConsistencyChecker.CodeMatchesOwner(code, owner));
    }

    [Fact]
    public void Check_MissingBaseline_IsAWarning()
    {
        var issue = Assert.Single(Of(PlanWith(NewIndicator("IAEI.01.01.01", baseline: null)), PlanConsistencyChecker.MissingBaseline));

        Assert.Equal(IssueSeverity.Advertencia, issue.Severity);
    }

    [Fact]
    public void Check_YearsWithoutTarget_NamesTheYears()
    {
        var indicator = NewIndicator("IAEI.01.01.01", targets: [(2025, 1m), (2026, 2m), (2027, 3m), (2028, 4m)]);

        var issue = Assert.Single(Of(PlanWith(indicator), PlanConsistencyChecker.MissingTargets));

        Assert.Contains("2029 y 2030", issue.Message);
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

    [Fact]
    public void Check_ActionWithoutIndicators_IsFlagged()
    {
        var issue = Assert.Single(Of(PlanWith(), PlanConsistencyChecker.WithoutIndicators));

        Assert.Equal(IssueTarget.Action, issue.Target);
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
    public void Check_InferredFields_AreInformationNotErrors()
    {
        var indicator = NewIndicator("IAEI.01.01.01");
        indicator.Inferred = InferredFields.Unit | InferredFields.Direction;

        var issue = Assert.Single(Of(PlanWith(indicator), PlanConsistencyChecker.InferredNotReviewed));

        Assert.Equal(IssueSeverity.Informacion, issue.Severity);
        Assert.Contains("unidad de medida y sentido esperado", issue.Message);
    }
}
