using PeiTracker.Domain;
using PeiTracker.Domain.Entry;

namespace PeiTracker.Domain.Tests.Entry;

public class ValueWorkflowTests
{
    [Theory]
    [InlineData(null, WorkflowAction.Guardar, WorkflowActor.Unit, ValueStatus.Borrador)]
    [InlineData(ValueStatus.Borrador, WorkflowAction.Guardar, WorkflowActor.Unit, ValueStatus.Borrador)]
    [InlineData(null, WorkflowAction.Enviar, WorkflowActor.Unit, ValueStatus.Enviado)]
    [InlineData(ValueStatus.Borrador, WorkflowAction.Enviar, WorkflowActor.Unit, ValueStatus.Enviado)]
    [InlineData(ValueStatus.Enviado, WorkflowAction.Validar, WorkflowActor.PlanningOffice, ValueStatus.Validado)]
    [InlineData(ValueStatus.Enviado, WorkflowAction.Observar, WorkflowActor.PlanningOffice, ValueStatus.Observado)]
    [InlineData(ValueStatus.Observado, WorkflowAction.Guardar, WorkflowActor.Unit, ValueStatus.Observado)]
    [InlineData(ValueStatus.Observado, WorkflowAction.Enviar, WorkflowActor.Unit, ValueStatus.Enviado)]
    public void Apply_LegalTransition_MovesToTheNextState(ValueStatus? current, WorkflowAction action, WorkflowActor actor, ValueStatus expected)
    {
        var result = ValueWorkflow.Apply(current, action, actor);

        Assert.True(result.Allowed, result.Reason);
        Assert.Equal(expected, result.Next);
    }

    [Theory]
    [InlineData(ValueStatus.Enviado, WorkflowAction.Guardar, WorkflowActor.Unit)]
    [InlineData(ValueStatus.Validado, WorkflowAction.Guardar, WorkflowActor.Unit)]
    [InlineData(ValueStatus.Enviado, WorkflowAction.Enviar, WorkflowActor.Unit)]
    [InlineData(ValueStatus.Validado, WorkflowAction.Enviar, WorkflowActor.Unit)]
    [InlineData(ValueStatus.Enviado, WorkflowAction.Validar, WorkflowActor.Unit)]
    [InlineData(ValueStatus.Enviado, WorkflowAction.Observar, WorkflowActor.Unit)]
    [InlineData(ValueStatus.Borrador, WorkflowAction.Validar, WorkflowActor.PlanningOffice)]
    [InlineData(null, WorkflowAction.Validar, WorkflowActor.PlanningOffice)]
    [InlineData(ValueStatus.Observado, WorkflowAction.Validar, WorkflowActor.PlanningOffice)]
    [InlineData(ValueStatus.Validado, WorkflowAction.Observar, WorkflowActor.PlanningOffice)]
    [InlineData(ValueStatus.Validado, WorkflowAction.Validar, WorkflowActor.PlanningOffice)]
    public void Apply_IllegalTransition_IsRefusedWithAReason(ValueStatus? current, WorkflowAction action, WorkflowActor actor)
    {
        var result = ValueWorkflow.Apply(current, action, actor);

        Assert.False(result.Allowed);
        Assert.Null(result.Next);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
    }
}
