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
    [InlineData(ValueStatus.Enviado, WorkflowAction.Retirar, WorkflowActor.Unit, ValueStatus.Borrador)]
    [InlineData(ValueStatus.Enviado, WorkflowAction.Retirar, WorkflowActor.PlanningOffice, ValueStatus.Borrador)]
    public void Apply_LegalTransition_MovesToTheNextState(ValueStatus? current, WorkflowAction action, WorkflowActor actor, ValueStatus expected)
    {
        var result = ValueWorkflow.Apply(current, action, actor);

        Assert.True(result.Allowed, result.Reason);
        Assert.Equal(expected, result.Next);
    }

    [Theory]
    [InlineData(ValueStatus.Enviado, WorkflowAction.Guardar, WorkflowActor.Unit, "El valor ya fue enviado a la OGPP: no puede modificarse mientras está en revisión.")]
    [InlineData(ValueStatus.Validado, WorkflowAction.Guardar, WorkflowActor.Unit, "El valor ya fue validado: no puede modificarse.")]
    [InlineData(ValueStatus.Enviado, WorkflowAction.Enviar, WorkflowActor.Unit, "El valor ya fue enviado.")]
    [InlineData(ValueStatus.Validado, WorkflowAction.Enviar, WorkflowActor.Unit, "El valor ya fue validado.")]
    [InlineData(ValueStatus.Enviado, WorkflowAction.Validar, WorkflowActor.Unit, "Solo la Oficina General de Planeamiento y Presupuesto valida u observa valores.")]
    [InlineData(ValueStatus.Enviado, WorkflowAction.Observar, WorkflowActor.Unit, "Solo la Oficina General de Planeamiento y Presupuesto valida u observa valores.")]
    [InlineData(ValueStatus.Borrador, WorkflowAction.Validar, WorkflowActor.PlanningOffice, "Solo se validan u observan valores enviados por la unidad.")]
    [InlineData(null, WorkflowAction.Validar, WorkflowActor.PlanningOffice, "Solo se validan u observan valores enviados por la unidad.")]
    [InlineData(ValueStatus.Observado, WorkflowAction.Validar, WorkflowActor.PlanningOffice, "Solo se validan u observan valores enviados por la unidad.")]
    [InlineData(ValueStatus.Validado, WorkflowAction.Observar, WorkflowActor.PlanningOffice, "El valor ya fue validado.")]
    [InlineData(ValueStatus.Validado, WorkflowAction.Validar, WorkflowActor.PlanningOffice, "El valor ya fue validado.")]
    [InlineData(ValueStatus.Validado, WorkflowAction.Retirar, WorkflowActor.Unit, "El valor ya fue validado por la OGPP: no puede retirarse.")]
    [InlineData(ValueStatus.Observado, WorkflowAction.Retirar, WorkflowActor.Unit, "Solo se retira un valor enviado que la OGPP aún no revisó.")]
    [InlineData(ValueStatus.Borrador, WorkflowAction.Retirar, WorkflowActor.Unit, "Solo se retira un valor enviado que la OGPP aún no revisó.")]
    [InlineData(null, WorkflowAction.Retirar, WorkflowActor.Unit, "Solo se retira un valor enviado que la OGPP aún no revisó.")]
    [InlineData(ValueStatus.Borrador, (WorkflowAction)99, WorkflowActor.PlanningOffice, "Acción no permitida.")]
    public void Apply_IllegalTransition_IsRefusedWithAReason(ValueStatus? current, WorkflowAction action, WorkflowActor actor, string reason)
    {
        var result = ValueWorkflow.Apply(current, action, actor);

        Assert.False(result.Allowed);
        Assert.Null(result.Next);
        Assert.Equal(reason, result.Reason);
    }
}
