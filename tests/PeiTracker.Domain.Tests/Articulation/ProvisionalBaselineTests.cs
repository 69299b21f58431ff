using PeiTracker.Domain.Consistency;
using PeiTracker.Domain.Editing;

namespace PeiTracker.Domain.Tests.Articulation;

/// <summary>A baseline printed with an unexplained mark is kept, flagged, and confirmed by the next baseline edit.</summary>
public class ProvisionalBaselineTests
{
    private static Indicator Provisional() => new()
    {
        Id = 3,
        Key = "IAEI.02.02.02",
        PublishedCode = "IAEI.02.02.02",
        Name = "Número de empresas beneficiarias de la promoción comercial en el exterior",
        Unit = UnitOfMeasure.Numero,
        Decimals = 0,
        BaselineYear = 2023,
        BaselineValue = 100m,
        BaselineProvisional = true,
    };

    [Fact]
    public void SetFigures_NewBaseline_ClearsTheMarkAndRecordsIt()
    {
        var indicator = Provisional();

        var result = indicator.SetFigures(new Baseline(2023, 98m), new Dictionary<int, decimal?>(), 2026, "Línea base confirmada");

        Assert.Contains(new FieldChange(AuditKind.LineaBase, AuditFields.BaselineProvisional, "Sí", "No"), result.Changes);
        Assert.False(indicator.BaselineProvisional);
    }

    [Fact]
    public void SetFigures_BaselineUntouched_KeepsTheMark()
    {
        var indicator = Provisional();

        indicator.SetFigures(null, new Dictionary<int, decimal?> { [2027] = 110m }, 2026, "Meta");

        Assert.True(indicator.BaselineProvisional);
    }

    [Fact]
    public void Check_ProvisionalBaseline_IsListedWithItsValue()
    {
        var objective = new StrategicObjective { Id = 1, Code = "OEI.02", Statement = "Mejorar la inserción" };
        var action = new StrategicAction { Id = 2, Code = "AEI.02.02", Statement = "Facilitación", Priority = 1, Objective = objective };
        var indicator = Provisional();
        action.Indicators.Add(indicator);
        objective.Actions.Add(action);
        var plan = new Plan { Code = "P", Name = "P", FirstYear = 2025, LastYear = 2030, Objectives = [objective] };
        objective.Priority = 1;

        var issue = Assert.Single(PlanConsistencyChecker.Check(plan), i => i.Kind == PlanConsistencyChecker.ProvisionalBaseline);

        Assert.Equal("IAEI.02.02.02", issue.Subject);
        Assert.Contains("100 (2023) es provisional", issue.Message);
    }
}
