using System.Globalization;
using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Exports;

/// <summary>The text the Informe de evaluación proposes for each section, written from the figures and the units' comments; the planning office edits it.</summary>
public static class NarrativeDraft
{
    public static string For(PlanProgressView view, InformeSection section, ReportPeriod period) => section switch
    {
        InformeSection.ResumenEjecutivo => Summary(view, period),
        InformeSection.Conclusiones => Conclusions(view, period),
        InformeSection.Recomendaciones => Recommendations(view, period),
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, "An OEI's analysis is drafted for its objective."),
    };

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
        var commented = indicators.Select(i => (Indicator: i, Progress: view.Of(i).For(period.Year, period.Kind), Comment: CommentOf(view, i, period)))
            .Where(x => x.Comment is not null).ToList();
        var helped = commented.Where(x => x.Progress.Status == ProgressStatus.Verde).Select(x => $"{x.Indicator.PublishedCode}: {x.Comment}").ToList();
        var hindered = commented.Where(x => x.Progress.Status is ProgressStatus.Amarillo or ProgressStatus.Rojo).Select(x => $"{x.Indicator.PublishedCode}: {x.Comment}").ToList();
        text.Add(helped.Count > 0 ? $"Contribuyó al avance, según las unidades: {string.Join("; ", helped)}." : "Las unidades no comentaron factores que contribuyeran al avance.");
        text.Add(hindered.Count > 0 ? $"Dificultó el avance, según las unidades: {string.Join("; ", hindered)}." : "Las unidades no comentaron factores que dificultaran el avance.");
        return string.Join(" ", text);
    }

    private static string? CommentOf(PlanProgressView view, IndicatorSnapshot indicator, ReportPeriod period) =>
        indicator.Values.FirstOrDefault(v => v.Year == period.Year && v.Period == period.Kind && PlanProgressService.Counts(v.Status, view.IncludePending))?.Comment is { Length: > 0 } comment
            ? comment.Trim().TrimEnd('.')
            : null;

    private static string Summary(PlanProgressView view, ReportPeriod period)
    {
        var plan = view.ForPlan(period);
        var byStatus = view.Plan.Objectives.Select(o => view.ForObjective(o, period).Status).ToList();
        var opening = plan.Avance is { } avance
            ? $"En {PeriodPhrase(period)}, el {view.Plan.Name} alcanzó un avance de {ProgressFormat.Percent(avance)} ({ProgressFormat.Label(plan.Status).ToLowerInvariant()}), medido por {plan.Included.Count.ToString(CultureInfo.InvariantCulture)} de sus {plan.Total.ToString(CultureInfo.InvariantCulture)} indicadores de objetivo."
            : $"En {PeriodPhrase(period)}, el {view.Plan.Name} no tiene avance calculable: ningún indicador de objetivo tiene a la vez logro esperado y valor validado.";
        return opening + $" De sus {byStatus.Count} objetivos estratégicos, {byStatus.Count(s => s == ProgressStatus.Verde)} están en verde, " +
               $"{byStatus.Count(s => s == ProgressStatus.Amarillo)} en amarillo y {byStatus.Count(s => s == ProgressStatus.Rojo)} en rojo; " +
               $"{byStatus.Count(s => s is not (ProgressStatus.Verde or ProgressStatus.Amarillo or ProgressStatus.Rojo))} no tienen avance calculable.";
    }

    private static string Conclusions(PlanProgressView view, ReportPeriod period)
    {
        var behind = view.Plan.Objectives.Where(o => view.ForObjective(o, period).Status is ProgressStatus.Amarillo or ProgressStatus.Rojo).Select(o => o.Code).ToList();
        var without = view.AllIndicators.Count(i => view.Of(i).For(period.Year, period.Kind).Status == ProgressStatus.SinDato);
        return (behind.Count == 0
                   ? "Ningún objetivo estratégico quedó por debajo del umbral verde en el periodo."
                   : $"Quedaron por debajo del umbral verde: {string.Join(", ", behind)}.")
               + $" {without.ToString(CultureInfo.InvariantCulture)} indicador(es) no tienen valor validado para el periodo.";
    }

    private static string Recommendations(PlanProgressView view, ReportPeriod period)
    {
        var red = view.AllIndicators.Where(i => view.Of(i).For(period.Year, period.Kind).Status == ProgressStatus.Rojo).DistinctBy(i => i.Id).ToList();
        return red.Count == 0
            ? "Mantener el seguimiento semestral de los indicadores y el registro oportuno de sus valores."
            : string.Join(" ", red.Select((i, n) => $"{(n + 1).ToString(CultureInfo.InvariantCulture)}. Que {string.Join(" y ", i.Units.Select(u => u.Acronym))} adopte medidas para acelerar el avance de {i.PublishedCode} («{i.Name}»)."));
    }

    private static string PeriodPhrase(ReportPeriod period) => period.Kind switch
    {
        PeriodKind.PrimerSemestre => $"el primer semestre de {period.Year}",
        PeriodKind.SegundoSemestre => $"el segundo semestre de {period.Year}",
        _ => $"el año {period.Year}",
    };
}
