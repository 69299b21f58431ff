using System.Globalization;
using System.Text;
using PeiTracker.Domain;
using PeiTracker.Domain.Progress;

namespace PeiTracker.Web.Notices;

/// <summary>An indicator a unit still owes for a period: its code and name.</summary>
public sealed record OwedIndicator(string Code, string Name);

/// <summary>A responsible unit and what it owes.</summary>
public sealed record LateUnit(int UnitId, string Acronym, string Name, IReadOnlyList<OwedIndicator> Owed)
{
    public string Label => $"{Name} ({Acronym})";
}

/// <summary>A plan's section of the weekly digest: its indicators at risk as the dashboard shows them, and its late units.</summary>
public sealed record WeeklyPlan(string PlanCode, string PlanName, string Period, IReadOnlyList<WeeklyRisk> AtRisk, IReadOnlyList<(string Period, DateOnly Due, LateUnit Unit)> Late, Uri Link);

/// <summary>An indicator at risk: code, name, the period's semáforo and the projection's class.</summary>
public sealed record WeeklyRisk(string Code, string Name, string Status, string Projection);

/// <summary>The Spanish e-mails of the scheduled notices (ADR 0021), in the style of <see cref="NoticeTemplates"/>.</summary>
public static class ReminderTemplates
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static string Date(DateOnly day) => day.ToString("dd/MM/yyyy", Invariant);

    private static string Days(int days) => days == 1 ? "1 día" : $"{days.ToString(Invariant)} días";

    private static string Owed(IReadOnlyList<OwedIndicator> owed) => string.Join("\n", owed.Select(o => $"- {o.Code} «{o.Name}»"));

    /// <summary>To a unit's Registrador: the deadline is near, today, or passed, and these indicators are not sent.</summary>
    public static (string Subject, string Body) Deadline(ReminderStep step, string planCode, string period, DateOnly due, LateUnit unit, string recipientName, Uri link)
    {
        var (subject, when) = step.Stage switch
        {
            ReminderStage.Antes => ($"{(step.DaysBefore == 1 ? "Falta" : "Faltan")} {Days(step.DaysBefore)} para reportar {period}: {unit.Acronym}", $"vence el {Date(due)}, en {Days(step.DaysBefore)}"),
            ReminderStage.Vence => ($"Hoy vence el plazo para reportar {period}: {unit.Acronym}", $"vence hoy, {Date(due)}"),
            _ => ($"Venció el plazo para reportar {period}: {unit.Acronym}", $"venció el {Date(due)}"),
        };
        return (subject, NoticeTemplates.Letter(recipientName,
            $"El plazo para reportar los valores obtenidos del periodo {period} del plan {planCode} {when}.\n" +
            $"La unidad {unit.Label} aún no envió el valor de {unit.Owed.Count} indicador(es):\n{Owed(unit.Owed)}",
            "Regístrelos y envíelos en:", link,
            $"Recibe este aviso porque registra los valores de {unit.Acronym} en PeiTracker."));
    }

    /// <summary>To the head of a late unit.</summary>
    public static (string Subject, string Body) EscalationToHead(int daysLate, string planCode, string period, DateOnly due, LateUnit unit, string recipientName, Uri link) =>
        ($"Reporte atrasado {Days(daysLate)}: {unit.Acronym} · {period}",
            NoticeTemplates.Letter(recipientName,
                $"La unidad {unit.Label} no envió los valores obtenidos del periodo {period} del plan {planCode}; el plazo venció el {Date(due)} ({Days(daysLate)} de atraso).\n" +
                $"Indicadores pendientes ({unit.Owed.Count}):\n{Owed(unit.Owed)}",
                "Puede ver el avance de la unidad en:", link,
                $"Recibe este aviso porque es jefe(a) de {unit.Acronym} en PeiTracker. Este aviso no se puede desactivar."));

    /// <summary>To the planning office: every unit of the plan late for the period.</summary>
    public static (string Subject, string Body) EscalationToOffice(int daysLate, string planCode, string period, DateOnly due, IReadOnlyList<LateUnit> units, string recipientName, Uri link) =>
        ($"Unidades con reporte atrasado {Days(daysLate)}: {period} · {planCode}",
            NoticeTemplates.Letter(recipientName,
                $"El plazo para reportar los valores obtenidos del periodo {period} del plan {planCode} venció el {Date(due)}. " +
                $"{units.Count} unidad(es) no enviaron todos sus valores:\n" +
                string.Join("\n", units.Select(u => $"{u.Label}: {string.Join(", ", u.Owed.Select(o => o.Code))}")),
                "Revise el estado de los periodos en:", link,
                "Recibe este aviso porque forma parte de la oficina de planeamiento (Planificador) en PeiTracker. Este aviso no se puede desactivar."));

    /// <summary>A commitment of the Matriz de compromisos due soon, today, or overdue.</summary>
    public static (string Subject, string Body) Commitment(ReminderStep step, string planCode, string informePeriod, string unit, string? about, string action, DateOnly due, string recipientName, Uri link, bool planningOffice)
    {
        var (subject, when) = step.Stage switch
        {
            ReminderStage.Antes => ($"Compromiso por vencer en {Days(step.DaysBefore)}: {unit}", $"vence el {Date(due)}, en {Days(step.DaysBefore)}"),
            ReminderStage.Vence => ($"Compromiso que vence hoy: {unit}", $"vence hoy, {Date(due)}"),
            _ => ($"Compromiso vencido: {unit}", $"venció el {Date(due)} y sigue abierto"),
        };
        return (subject, NoticeTemplates.Letter(recipientName,
            $"El compromiso de {unit} tomado en el informe de evaluación de {informePeriod} del plan {planCode} {when}.\n" +
            (about is null ? "" : $"Sobre: {about}\n") + $"Compromiso: {action}",
            "Vea la Matriz de compromisos en:", link,
            planningOffice ? "Recibe este aviso porque forma parte de la oficina de planeamiento (Planificador) en PeiTracker."
                : $"Recibe este aviso porque {unit} responde por este compromiso en PeiTracker."));
    }

    /// <summary>Monday's digest for directors.</summary>
    public static (string Subject, string Body) Weekly(DateOnly weekStart, IReadOnlyList<WeeklyPlan> plans, string recipientName, Uri link)
    {
        var risks = plans.Sum(p => p.AtRisk.Count);
        var late = plans.Sum(p => p.Late.Select(l => l.Unit.UnitId).Distinct().Count());
        var text = new StringBuilder($"Semana del {Date(weekStart)}.");
        foreach (var plan in plans)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n\nPlan {plan.PlanCode} «{plan.PlanName}»\n");
            text.Append(plan.AtRisk.Count == 0
                ? $"Ningún indicador en riesgo de no alcanzar su meta (avance de {plan.Period})."
                : $"Indicadores en riesgo de no alcanzar su meta (avance de {plan.Period}):\n" +
                  string.Join("\n", plan.AtRisk.Select(r => $"- {r.Code} «{r.Name}»: semáforo {r.Status}; proyección {r.Projection}")));
            text.Append('\n');
            text.Append(plan.Late.Count == 0
                ? "Ninguna unidad con reporte atrasado."
                : "Unidades con reporte atrasado:\n" + string.Join("\n", plan.Late.Select(l => $"- {l.Unit.Label}: {l.Period} (plazo {Date(l.Due)}), {l.Unit.Owed.Count} indicador(es) sin enviar")));
            text.Append(CultureInfo.InvariantCulture, $"\nTablero: {plan.Link}");
        }

        return ($"Resumen semanal: {risks} indicador(es) en riesgo, {late} unidad(es) con reporte atrasado",
            NoticeTemplates.Letter(recipientName, text.ToString(), "Vea el tablero en:", link,
                "Recibe este resumen porque tiene el rol Consulta o es jefe(a) de unidad en PeiTracker."));
    }

    /// <summary>One e-mail with the day's notices of the kinds the person receives as a daily digest.</summary>
    public static (string Subject, string Body) Daily(DateOnly day, IReadOnlyList<OutboxNotice> notices, string recipientName, Uri link) =>
        ($"Resumen diario de avisos del {Date(day)}: {notices.Count} aviso(s)",
            NoticeTemplates.Letter(recipientName,
                string.Join("\n\n", notices.Select(n => $"{OutboxNotice.Label(n.Kind)}: {n.Subject}" + (n.Link is null ? "" : $"\n{n.Link}"))),
                "Vea todos sus avisos en:", link,
                "Recibe este resumen porque eligió recibir estos avisos en un resumen diario. Puede cambiarlo en sus preferencias de avisos."));

}
