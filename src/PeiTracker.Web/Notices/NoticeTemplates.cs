using PeiTracker.Domain;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Domain.Progress;

namespace PeiTracker.Web.Notices;

/// <summary>What a value's event says about it: the facts every template shows.</summary>
public sealed record ValueFacts(
    string PlanCode,
    string IndicatorCode,
    string IndicatorName,
    string Period,
    string Value,
    string Units,
    string Actor,
    DateTimeOffset At,
    string? Reason);

/// <summary>The Spanish e-mails, one per kind: the indicator's code and name, the period, and where to act.</summary>
public static class NoticeTemplates
{
    public const string Signature = "PeiTracker · Seguimiento del Plan Estratégico Institucional";

    /// <summary>"Anual 2025", "I semestre 2026".</summary>
    public static string PeriodLabel(int year, PeriodKind period) => $"{Labels.Of(period)} {year}";

    public static string ValueNumber(IndicatorValue value, Indicator indicator) => ProgressFormat.Number(value.Value, Math.Max(indicator.Decimals, 0));

    public static (string Subject, string Body) Render(NoticeKind kind, ValueFacts facts, string recipientName, Uri link) => kind switch
    {
        NoticeKind.ValorEnviado => (
            $"Valor enviado para revisión: {facts.IndicatorCode} · {facts.Period}",
            Letter(recipientName,
                $"La unidad {facts.Units} envió el valor obtenido del indicador {facts.IndicatorCode} «{facts.IndicatorName}» " +
                $"del periodo {facts.Period}: {facts.Value}.\nLo envió {facts.Actor} el {PeruTime.Format(facts.At)}.",
                "Revíselo y valídelo u obsérvelo en:", link,
                "Recibe este aviso porque forma parte de la oficina de planeamiento (Planificador) en PeiTracker.")),
        NoticeKind.ValorObservado => (
            $"Valor observado: {facts.IndicatorCode} · {facts.Period}",
            Letter(recipientName,
                $"La oficina de planeamiento observó el valor obtenido del indicador {facts.IndicatorCode} «{facts.IndicatorName}» " +
                $"del periodo {facts.Period} ({facts.Value}).\nMotivo: {facts.Reason}\nLo observó {facts.Actor} el {PeruTime.Format(facts.At)}.",
                "Corríjalo y vuelva a enviarlo en:", link,
                $"Recibe este aviso porque registra los valores de {facts.Units} en PeiTracker.")),
        NoticeKind.ValorValidado => (
            $"Valor validado: {facts.IndicatorCode} · {facts.Period}",
            Letter(recipientName,
                $"La oficina de planeamiento validó el valor obtenido del indicador {facts.IndicatorCode} «{facts.IndicatorName}» " +
                $"del periodo {facts.Period}: {facts.Value}.\nLo validó {facts.Actor} el {PeruTime.Format(facts.At)}.",
                "Puede verlo en:", link,
                $"Recibe este aviso porque registra los valores de {facts.Units} en PeiTracker.")),
        NoticeKind.ConversacionRespuesta => (
            $"Nuevo mensaje sobre el valor {facts.IndicatorCode} · {facts.Period}",
            Letter(recipientName,
                $"{facts.Actor} escribió en la conversación sobre el valor obtenido del indicador {facts.IndicatorCode} «{facts.IndicatorName}» " +
                $"del periodo {facts.Period} ({facts.Value}) el {PeruTime.Format(facts.At)}:\n{facts.Reason}",
                "Lea la conversación y responda en:", link,
                "Recibe este aviso porque participa en la revisión de este valor (la unidad responsable o la oficina de planeamiento).")),
        NoticeKind.ConversacionMencion => (
            $"Le mencionaron en la conversación del valor {facts.IndicatorCode} · {facts.Period}",
            Letter(recipientName,
                $"{facts.Actor} le mencionó en la conversación sobre el valor obtenido del indicador {facts.IndicatorCode} «{facts.IndicatorName}» " +
                $"del periodo {facts.Period} ({facts.Value}) el {PeruTime.Format(facts.At)}:\n{facts.Reason}",
                "Lea la conversación en:", link,
                "Recibe este aviso porque una persona de su institución le mencionó (@) en PeiTracker.")),
        NoticeKind.ConversacionResuelta => (
            $"Conversación resuelta: {facts.IndicatorCode} · {facts.Period}",
            Letter(recipientName,
                $"La oficina de planeamiento resolvió la conversación sobre el valor obtenido del indicador {facts.IndicatorCode} «{facts.IndicatorName}» " +
                $"del periodo {facts.Period} ({facts.Value}).\n{facts.Reason}\nLa resolvió {facts.Actor} el {PeruTime.Format(facts.At)}.",
                "Puede verla en:", link,
                $"Recibe este aviso porque registra los valores de {facts.Units} en PeiTracker.")),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Every kind of notice needs its template."),
    };

    public static string Letter(string name, string facts, string action, Uri link, string why) =>
        $"Estimado(a) {name}:\n\n{facts}\n\n{action}\n{link}\n\n--\n{Signature}\n{why}\n";
}
