using PeiTracker.Domain.Points;

namespace PeiTracker.Domain.Tests.Points;

/// <summary>
/// A reporting point's figures: borrador → enviado (the point) → aceptado or observado (the responsible unit) →
/// corrected and sent again. Every pair of state and action, with the state it leaves or the Spanish reason it is refused.
/// </summary>
public class PointWorkflowTests
{
    private const string Sent = "Las cifras ya fueron enviadas a la unidad responsable: no pueden modificarse mientras las revisa.";
    private const string AcceptedFinal = "Las cifras ya fueron aceptadas por la unidad responsable: no pueden modificarse.";
    private const string AlreadyAccepted = "Las cifras ya fueron aceptadas.";
    private const string NotSent = "Solo se aceptan u observan cifras que el punto de registro envió.";

    public static TheoryData<PointSubmissionStatus?, PointAction, PointSubmissionStatus?, string?> Transitions => new()
    {
        { null, PointAction.Guardar, PointSubmissionStatus.Borrador, null },
        { PointSubmissionStatus.Borrador, PointAction.Guardar, PointSubmissionStatus.Borrador, null },
        { PointSubmissionStatus.Observado, PointAction.Guardar, PointSubmissionStatus.Observado, null },
        { null, PointAction.Enviar, PointSubmissionStatus.Enviado, null },
        { PointSubmissionStatus.Borrador, PointAction.Enviar, PointSubmissionStatus.Enviado, null },
        { PointSubmissionStatus.Observado, PointAction.Enviar, PointSubmissionStatus.Enviado, null },
        { PointSubmissionStatus.Enviado, PointAction.Guardar, null, Sent },
        { PointSubmissionStatus.Enviado, PointAction.Enviar, null, Sent },
        { PointSubmissionStatus.Aceptado, PointAction.Guardar, null, AcceptedFinal },
        { PointSubmissionStatus.Aceptado, PointAction.Enviar, null, AcceptedFinal },
        { PointSubmissionStatus.Enviado, PointAction.Aceptar, PointSubmissionStatus.Aceptado, null },
        { PointSubmissionStatus.Enviado, PointAction.Observar, PointSubmissionStatus.Observado, null },
        { PointSubmissionStatus.Aceptado, PointAction.Aceptar, null, AlreadyAccepted },
        { PointSubmissionStatus.Aceptado, PointAction.Observar, null, AlreadyAccepted },
        { null, PointAction.Aceptar, null, NotSent },
        { PointSubmissionStatus.Borrador, PointAction.Aceptar, null, NotSent },
        { PointSubmissionStatus.Observado, PointAction.Observar, null, NotSent },
        { PointSubmissionStatus.Borrador, (PointAction)99, null, "Acción no permitida." },
    };

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Apply_EachStateAndAction_LeavesTheExpectedStateOrSaysWhyNot(PointSubmissionStatus? current, PointAction action, PointSubmissionStatus? next, string? reason)
    {
        var result = PointWorkflow.Apply(current, action);

        Assert.Equal(next is not null, result.Allowed);
        Assert.Equal(next, result.Next);
        Assert.Equal(reason, result.Reason);
    }
}
