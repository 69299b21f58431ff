using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Exports;

/// <summary>
/// Reporte de seguimiento del PEI (.xlsx): header, one row per indicator in plan order with its
/// definition, línea base, logros esperados, valores obtenidos and Avance Tipo I of each period up to
/// the chosen one, and the semáforo; a second sheet with CEPLAN's alert table per OEI and AEI. A semester
/// keeps CEPLAN's column (avance against the annual logro esperado) and, beside it, the logro esperado of the
/// semester the semáforo uses, where it comes from, and the avance against it.
/// </summary>
public static class SeguimientoReport
{
    public const string MainSheet = "Seguimiento";
    public const string AlertSheet = "Alertas";
    public const int HeaderRow = 10;

    public static byte[] Build(PlanProgressView view, ReportPeriod period, DateTimeOffset dataAsOf, bool demo = false)
    {
        var plan = view.Plan;
        var periods = view.SelectablePeriods()
            .Where(p => p.Year < period.Year || (p.Year == period.Year && PlanProgressView.PeriodOrder(p.Kind) <= PlanProgressView.PeriodOrder(period.Kind)))
            .ToList();
        var xlsx = new XlsxWriter(DemoMark.Title($"Reporte de seguimiento del PEI {plan.Code} {period.Label}", demo), plan.Name);
        var fixedColumns = new[] { 14d, 60, 18, 12, 13, 13, 9, 11 };
        var widths = fixedColumns.Concat(plan.Years.Select(_ => 11d))
            .Concat(periods.SelectMany(p => p.Kind == PeriodKind.Anual ? new[] { 11d, 11d } : [11d, 13d, 11d, 18d, 13d])).Concat([22d]).ToArray();
        var sheet = xlsx.AddSheet(MainSheet, widths);
        sheet.Row((DemoMark.Title("Reporte de seguimiento del Plan Estratégico Institucional", demo), XlsxStyle.Title), (demo ? DemoMark.Notice : null, XlsxStyle.Bold));
        sheet.Row(("Periodo del PEI", XlsxStyle.Bold), ($"{plan.FirstYear}-{plan.LastYear}", XlsxStyle.Text));
        sheet.Row(("Nivel de gobierno", XlsxStyle.Bold), (plan.Institution.GovernmentLevel, XlsxStyle.Text));
        sheet.Row(("Sector", XlsxStyle.Bold), (plan.Institution.Sector, XlsxStyle.Text));
        sheet.Row(("Pliego", XlsxStyle.Bold), ($"{plan.Institution.PliegoCode}: {plan.Institution.Name}", XlsxStyle.Text));
        sheet.Row(("Periodo reportado", XlsxStyle.Bold), (period.Label, XlsxStyle.Text));
        sheet.Row(("Fecha de corte", XlsxStyle.Bold), (DataAsOf.Label(dataAsOf), XlsxStyle.Text));
        sheet.Row(("Valores incluidos", XlsxStyle.Bold), (view.IncludePending ? "Validados y pendientes de validación (enviados)" : "Solo valores validados por la OGPP", XlsxStyle.Text));
        sheet.Row(("Semáforo", XlsxStyle.Bold), ($"Avance Tipo I con tope {(plan.Settings.CapEnabled ? ProgressFormat.Number(plan.Settings.Cap, 0) : "desactivado")}: verde ≥ {ProgressFormat.Number(plan.Settings.GreenThreshold, 0)} %, amarillo ≥ {ProgressFormat.Number(plan.Settings.YellowThreshold, 0)} %, rojo menor", XlsxStyle.Text));

        var header = new List<(object?, XlsxStyle)>
        {
            ("Código", XlsxStyle.Header), ("Denominación del indicador", XlsxStyle.Header), ("Unidad de organización", XlsxStyle.Header),
            ("Relevancia", XlsxStyle.Header), ("Sentido esperado", XlsxStyle.Header), ("Tipo de agregación", XlsxStyle.Header),
            ("LB año", XlsxStyle.Header), ("LB valor", XlsxStyle.Header),
        };
        header.AddRange(plan.Years.Select(y => ((object?)$"LE {y}", XlsxStyle.Header)));
        foreach (var p in periods)
        {
            header.Add(($"VO {p.Label}", XlsxStyle.Header));
            if (p.Kind == PeriodKind.Anual)
            {
                header.Add(($"Avance Tipo I {p.Label} (%)", XlsxStyle.Header));
                continue;
            }

            header.Add(($"Avance Tipo I {p.Label} frente al LE anual (CEPLAN) (%)", XlsxStyle.Header));
            header.Add(($"LE {p.Label} usado por el semáforo", XlsxStyle.Header));
            header.Add(($"Origen del LE {p.Label}", XlsxStyle.Header));
            header.Add(($"Avance Tipo I {p.Label} frente al LE del semestre (%)", XlsxStyle.Header));
        }

        header.Add(($"Semáforo {period.Label}{(period.Kind == PeriodKind.Anual ? "" : " (frente al LE del semestre)")}", XlsxStyle.Header));
        sheet.Row([.. header]);
        sheet.Header(HeaderRow, filter: true);

        foreach (var objective in plan.Objectives)
        {
            foreach (var indicator in objective.AllIndicators)
            {
                var progress = view.Of(indicator);
                var numberStyle = NumberStyle(indicator);
                var cells = new List<(object?, XlsxStyle)>
                {
                    (indicator.PublishedCode, XlsxStyle.Text),
                    (indicator.Name, XlsxStyle.Wrapped),
                    (string.Join("; ", indicator.Units.Select(u => u.Name)), XlsxStyle.Wrapped),
                    (Labels.Relevance(indicator.Relevance), XlsxStyle.Text),
                    (Labels.Of(indicator.Direction), XlsxStyle.Text),
                    (Labels.Of(indicator.Aggregation), XlsxStyle.Text),
                    (indicator.BaselineYear, XlsxStyle.Text),
                    (indicator.BaselineValue, numberStyle),
                };
                cells.AddRange(plan.Years.Select(y => ((object?)indicator.TargetFor(y), numberStyle)));
                foreach (var p in periods)
                {
                    var at = progress.For(p.Year, p.Kind);
                    cells.Add((at.Value, numberStyle));
                    cells.Add((at.AgainstAnnualTarget.Capped, XlsxStyle.OneDecimal));
                    if (p.Kind != PeriodKind.Anual)
                    {
                        cells.Add((at.Target, numberStyle));
                        cells.Add((at.HasExpectation ? ProgressFormat.SourceShort(at.Source) : null, XlsxStyle.Text));
                        cells.Add((at.TipoI.Capped, XlsxStyle.OneDecimal));
                    }
                }

                cells.Add((progress.For(period.Year, period.Kind).StatusLabel, XlsxStyle.Text));
                sheet.Row([.. cells]);
            }
        }

        var alerts = xlsx.AddSheet(AlertSheet, 14, 70, 10, 11, 10, 10, 10, 10);
        alerts.Row((DemoMark.Title($"Tabla de alertas · {period.Label} · {DataAsOf.Label(dataAsOf)}", demo), XlsxStyle.Title));
        alerts.Row(("Código", XlsxStyle.Header), ("OEI / AEI", XlsxStyle.Header), ("Verde", XlsxStyle.Header), ("Amarillo", XlsxStyle.Header),
            ("Rojo", XlsxStyle.Header), ("Sin dato", XlsxStyle.Header), ("Sin meta", XlsxStyle.Header), ("Avance (%)", XlsxStyle.Header));
        void Alert(string code, string statement, RollUpResult r) => alerts.Row((code, XlsxStyle.Text), (statement, XlsxStyle.Wrapped),
            (r.Count(ProgressStatus.Verde), XlsxStyle.Integer), (r.Count(ProgressStatus.Amarillo), XlsxStyle.Integer), (r.Count(ProgressStatus.Rojo), XlsxStyle.Integer),
            (r.Count(ProgressStatus.SinDato), XlsxStyle.Integer), (r.Count(ProgressStatus.SinMeta), XlsxStyle.Integer), (r.Avance, XlsxStyle.OneDecimal));
        foreach (var objective in plan.Objectives)
        {
            Alert(objective.Code, objective.Statement, view.ForObjective(objective, period));
            foreach (var action in objective.Actions)
            {
                Alert(action.Code, action.Statement, view.ForAction(action, period));
            }
        }

        alerts.Header(2, filter: false);
        return xlsx.Build(dataAsOf);
    }

    /// <summary>Number format by unit of measure: whole numbers for counts, the indicator's decimals otherwise.</summary>
    public static XlsxStyle NumberStyle(IndicatorSnapshot indicator) => indicator.Unit is UnitOfMeasure.Numero or UnitOfMeasure.Cantidad
        ? XlsxStyle.Integer
        : indicator.Decimals switch
        {
            <= 0 => XlsxStyle.Integer,
            1 => XlsxStyle.OneDecimal,
            2 => XlsxStyle.TwoDecimals,
            _ => XlsxStyle.ThreeDecimals,
        };
}
