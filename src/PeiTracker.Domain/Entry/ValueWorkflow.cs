namespace PeiTracker.Domain.Entry;

/// <summary>Who acts on a value in the review workflow.</summary>
public enum WorkflowActor
{
    /// <summary>Staff of the responsible unit (Registrador).</summary>
    Unit = 0,

    /// <summary>The planning office (Planificador or Administrador).</summary>
    PlanningOffice = 1,
}

public enum WorkflowAction
{
    /// <summary>Save without sending (borrador).</summary>
    Guardar = 0,

    /// <summary>The unit sends the value for review.</summary>
    Enviar = 1,

    /// <summary>The planning office accepts it.</summary>
    Validar = 2,

    /// <summary>The planning office returns it with a reason.</summary>
    Observar = 3,

    /// <summary>The sender takes a sent value back, before the planning office reviews it, to correct it.</summary>
    Retirar = 4,
}

/// <summary>
/// borrador → enviado (unit) → validado or observado (planning office) → corrected and sent again; a sent value
/// not yet reviewed can be withdrawn back to borrador.
/// Every other move is refused with a reason the person can act on.
/// </summary>
public static class ValueWorkflow
{
    public static WorkflowResult Apply(ValueStatus? current, WorkflowAction action, WorkflowActor actor)
    {
        return (action, current) switch
        {
            (WorkflowAction.Guardar, null or ValueStatus.Borrador or ValueStatus.Observado) => WorkflowResult.Ok(current == ValueStatus.Observado ? ValueStatus.Observado : ValueStatus.Borrador),
            (WorkflowAction.Guardar, ValueStatus.Enviado) => WorkflowResult.Refused("El valor ya fue enviado a la OGPP: no puede modificarse mientras está en revisión."),
            (WorkflowAction.Guardar, ValueStatus.Validado) => WorkflowResult.Refused("El valor ya fue validado: no puede modificarse."),
            (WorkflowAction.Enviar, null or ValueStatus.Borrador or ValueStatus.Observado) => WorkflowResult.Ok(ValueStatus.Enviado),
            (WorkflowAction.Enviar, ValueStatus.Enviado) => WorkflowResult.Refused("El valor ya fue enviado."),
            (WorkflowAction.Enviar, ValueStatus.Validado) => WorkflowResult.Refused("El valor ya fue validado."),
            (WorkflowAction.Validar or WorkflowAction.Observar, _) when actor != WorkflowActor.PlanningOffice =>
                WorkflowResult.Refused("Solo la Oficina General de Planeamiento y Presupuesto valida u observa valores."),
            (WorkflowAction.Validar, ValueStatus.Enviado) => WorkflowResult.Ok(ValueStatus.Validado),
            (WorkflowAction.Observar, ValueStatus.Enviado) => WorkflowResult.Ok(ValueStatus.Observado),
            (WorkflowAction.Validar or WorkflowAction.Observar, ValueStatus.Validado) => WorkflowResult.Refused("El valor ya fue validado."),
            (WorkflowAction.Validar or WorkflowAction.Observar, _) => WorkflowResult.Refused("Solo se validan u observan valores enviados por la unidad."),
            (WorkflowAction.Retirar, ValueStatus.Enviado) => WorkflowResult.Ok(ValueStatus.Borrador),
            (WorkflowAction.Retirar, ValueStatus.Validado) => WorkflowResult.Refused("El valor ya fue validado por la OGPP: no puede retirarse."),
            (WorkflowAction.Retirar, _) => WorkflowResult.Refused("Solo se retira un valor enviado que la OGPP aún no revisó."),
            _ => WorkflowResult.Refused("Acción no permitida."),
        };
    }
}

public sealed record WorkflowResult(bool Allowed, ValueStatus? Next, string? Reason)
{
    public static WorkflowResult Ok(ValueStatus next) => new(true, next, null);

    public static WorkflowResult Refused(string reason) => new(false, null, reason);
}

/// <summary>A workflow's answer for states of another kind (a reporting point's figures).</summary>
public sealed record WorkflowResult<TState>(bool Allowed, TState? Next, string? Reason)
    where TState : struct
{
    public static WorkflowResult<TState> Ok(TState next) => new(true, next, null);

    public static WorkflowResult<TState> Refused(string reason) => new(false, null, reason);
}
