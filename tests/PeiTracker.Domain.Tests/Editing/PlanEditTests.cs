using PeiTracker.Domain.Editing;

namespace PeiTracker.Domain.Tests.Editing;

/// <summary>The write operations of OEIs, AEIs and a plan's progress rules.</summary>
public class PlanEditTests
{
    private static StrategicObjective Objective() => new() { Code = "OEI.01", Statement = "Fortalecer la política exterior", Priority = 1 };

    private static StrategicAction Action() => new() { Code = "AEI.01.01", Statement = "Promoción de intereses", Priority = 2 };

    [Theory]
    [InlineData("", 1, "Statement", "El enunciado es obligatorio.")]
    [InlineData("   ", 1, "Statement", "El enunciado es obligatorio.")]
    [InlineData("long", 1, "Statement", "El enunciado no puede superar los 2000 caracteres.")]
    [InlineData("Enunciado", 0, "Priority", "La prioridad debe ser un número entre 1 y 99.")]
    [InlineData("Enunciado", 100, "Priority", "La prioridad debe ser un número entre 1 y 99.")]
    public void Edit_StatementOrPriorityBreakingARule_IsRefusedWithItsMessageAndChangesNothing(string statement, int priority, string key, string message)
    {
        var objective = Objective();
        var action = Action();
        var text = statement == "long" ? new string('x', 2001) : statement;

        var objectiveResult = objective.Edit(text, priority);
        var actionResult = action.Edit(text, priority);

        Assert.Equal(new Dictionary<string, string> { [key] = message }, objectiveResult.Errors);
        Assert.Equal(objectiveResult.Errors, actionResult.Errors);
        Assert.Equal(("Fortalecer la política exterior", 1), (objective.Statement, objective.Priority));
        Assert.Equal(("Promoción de intereses", 2), (action.Statement, action.Priority));
    }

    [Fact]
    public void Edit_Objective_ReportsEachChangeAsAnOeiChange()
    {
        var objective = Objective();

        var result = objective.Edit("  Fortalecer la política exterior del Perú ", 3);

        Assert.Equal(
            [
                new FieldChange(AuditKind.Objetivo, "Enunciado", "Fortalecer la política exterior", "Fortalecer la política exterior del Perú"),
                new FieldChange(AuditKind.Objetivo, "Prioridad", "1", "3"),
            ],
            result.Changes);
        Assert.Equal(("Fortalecer la política exterior del Perú", 3), (objective.Statement, objective.Priority));
    }

    [Fact]
    public void Edit_ActionWithTheSameValues_IsNoChange()
    {
        var action = Action();

        var result = action.Edit("Promoción de intereses ", 2);

        Assert.True(result.IsValid);
        Assert.Empty(result.Changes);
    }

    [Fact]
    public void Edit_ActionPriority_IsAnAeiChange()
    {
        var result = Action().Edit("Promoción de intereses", 1);

        Assert.Equal([new FieldChange(AuditKind.Accion, "Prioridad", "2", "1")], result.Changes);
    }

    // ---- Progress rules ------------------------------------------------------------------------

    private static Plan NewPlan() => new() { Code = "P", Name = "Plan", FirstYear = 2025, LastYear = 2030 };

    [Theory]
    [InlineData(95, 95, true, 100, "El umbral amarillo debe ser menor que el verde.")]
    [InlineData(95, 75, true, 90, "El tope no puede ser menor que el umbral verde.")]
    [InlineData(95, -1, true, 100, "Los umbrales deben estar entre 0 y 1000.")]
    [InlineData(1001, 75, false, 100, "Los umbrales deben estar entre 0 y 1000.")]
    public void ChangeSettings_IncoherentRules_AreRefusedWithTheirMessage(int green, int yellow, bool capEnabled, int cap, string message)
    {
        var plan = NewPlan();
        var before = plan.Settings.Describe();

        var result = plan.ChangeSettings(new PlanSettings { GreenThreshold = green, YellowThreshold = yellow, CapEnabled = capEnabled, Cap = cap });

        Assert.Equal(new Dictionary<string, string> { [""] = message }, result.Errors);
        Assert.Equal(before, plan.Settings.Describe());
    }

    [Fact]
    public void ChangeSettings_OptionNotInTheList_IsRefused()
    {
        var result = NewPlan().ChangeSettings(new PlanSettings { Weighting = (WeightingRule)9 });

        Assert.Equal("Elija las opciones de la lista.", result.Errors[""]);
    }

    [Fact]
    public void ChangeSettings_SameRulesReadWithTheDatabasesScale_IsNoChange()
    {
        var plan = NewPlan();
        plan.Settings = new PlanSettings { GreenThreshold = 95.000000m, Cap = 100.000000m };

        var result = plan.ChangeSettings(new PlanSettings());

        Assert.True(result.IsValid);
        Assert.Empty(result.Changes);
    }

    [Fact]
    public void ChangeSettings_NewThreshold_ReportsTheWholeRuleSetBeforeAndAfter()
    {
        var plan = NewPlan();
        plan.Settings = new PlanSettings { GreenThreshold = 95.000000m };

        var result = plan.ChangeSettings(new PlanSettings { GreenThreshold = 90m, Weighting = WeightingRule.Igual });

        var change = Assert.Single(result.Changes);
        Assert.Equal((AuditKind.Configuracion, "Reglas de avance"), (change.Kind, change.Field));
        Assert.Equal("verde ≥ 95; amarillo ≥ 75; tope 100; ponderación por relevancia; avance del tablero Tipo I; solo validados; seguimiento semestral y anual; semestres sin logro esperado propio: mitad del anual en el I semestre si es agregable, el anual en los demás casos", change.Before);
        Assert.Equal("verde ≥ 90; amarillo ≥ 75; tope 100; ponderación igual; avance del tablero Tipo I; solo validados; seguimiento semestral y anual; semestres sin logro esperado propio: mitad del anual en el I semestre si es agregable, el anual en los demás casos", change.After);
        Assert.Equal((90m, WeightingRule.Igual), (plan.Settings.GreenThreshold, plan.Settings.Weighting));
    }
}
