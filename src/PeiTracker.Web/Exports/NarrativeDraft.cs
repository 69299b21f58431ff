using System.Globalization;
using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Exports;

/// <summary>The paragraph the Informe de evaluación proposes for an OEI, written from the figures; the planning office edits it.</summary>
public static class NarrativeDraft
{
    public static string For(PlanProgressView view, ObjectiveSnapshot objective, ReportPeriod period)
    {
        var rollUp = view.ForObjective(objective, period);
        var indicators = objective.AllIndicators.ToList();
        var all = view.RollUp(indicators, period);
        var text = new List<string>();
        text.Add(rollUp.Avance is { } avance
            ? $"En {PeriodPhrase(period)}, el {objective.Code} alcanzó un avance de {ProgressFormat.Percent(avance)} ({ProgressFormat.Label(rollUp.Status).ToLowerInvariant()}), medido por {rollUp.Included.Count.ToString(CultureInfo.InvariantCulture)} de sus {rollUp.Total.ToString(CultureInfo.InvariantCulture)} indicadores de objetivo."
            : $"En {PeriodPhrase(period)}, el {objective.Code} no tiene avance calculable: ninguno de sus indicadores de objetivo tiene a la vez logro esperado y valor validado.");
        var pending = all.PendingCount > 0 ? $" ({all.PendingCount.ToString(CultureInfo.InvariantCulture)} con valor enviado pendiente de validación)" : "";
        text.Add($"De sus {indicators.Count} indicadores (de objetivo y de acciones), {all.Count(ProgressStatus.Verde)} alcanzaron su logro esperado (verde), " +
                 $"{all.Count(ProgressStatus.Amarillo)} quedaron en amarillo y {all.Count(ProgressStatus.Rojo)} en rojo; {all.Count(ProgressStatus.SinDato)} no tienen valor validado{pending} y {all.Count(ProgressStatus.SinMeta)} no tienen meta para el periodo.");
        var behind = indicators
            .Select(i => (Indicator: i, Progress: view.Of(i).For(period.Year, period.Kind)))
            .Where(x => x.Progress.TipoI.Capped is not null && x.Progress.Status is ProgressStatus.Rojo or ProgressStatus.Amarillo)
            .OrderBy(x => x.Progress.TipoI.Capped)
            .FirstOrDefault();
        if (behind.Indicator is not null)
        {
            text.Add($"El indicador más rezagado es {behind.Indicator.PublishedCode} («{behind.Indicator.Name}»), con {ProgressFormat.Percent(behind.Progress.TipoI.Capped)} de avance.");
        }

        var atRisk = indicators.Count(i => view.Of(i).Projection.Class is ProjectionClass.EnRiesgo or ProjectionClass.RequiereAcelerar);
        text.Add(atRisk == 0
            ? $"Con los valores registrados, ningún indicador aparece en riesgo de no alcanzar su meta {view.Plan.LastYear.ToString(CultureInfo.InvariantCulture)}."
            : $"Según la tendencia de los valores anuales (estimación de PeiTracker), {atRisk} indicador(es) están en riesgo o requieren acelerar para alcanzar su meta {view.Plan.LastYear.ToString(CultureInfo.InvariantCulture)}.");
        return string.Join(" ", text);
    }

    private static string PeriodPhrase(ReportPeriod period) => period.Kind switch
    {
        PeriodKind.PrimerSemestre => $"el primer semestre de {period.Year}",
        PeriodKind.SegundoSemestre => $"el segundo semestre de {period.Year}",
        _ => $"el año {period.Year}",
    };
}
