using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Exports;

/// <summary>
/// Reporte de seguimiento del PEI (.xlsx) in CEPLAN's layout: header, then for each OEI a heading row with its
/// roll-up avance and semáforo, its own indicators, and for each of its AEI a heading row and the AEI's indicators.
/// An indicator row has its definition, unidad ejecutora, unidad de organización, línea base, logros esperados,
/// valores obtenidos and Avance Tipo I of each period up to the chosen one, and the semáforo; a second sheet has
/// CEPLAN's alert table per OEI and AEI. A semester keeps CEPLAN's column (avance against the annual logro esperado)
/// and, beside it, the logro esperado of the semester the semáforo uses, where it comes from, and the avance against it.
/// The heading rows' avance is the roll-up the dashboards show (<see cref="PlanProgressView.ForObjective"/>), placed in
/// the column of the avance the semáforo uses.
/// </summary>
public static class SeguimientoReport
{
    public const string MainSheet = "Seguimiento";
    public const string AlertSheet = "Alertas";
    public const string PointSheet = "Desglose por punto de registro";
    public const int HeaderRow = 11;

    /// <summary>Columns before the logros esperados: código, denominación, UE, unidad de organización, relevancia, sentido, agregación, LB año, LB valor.</summary>
    public const int FixedColumns = 9;

    public const int ExecutingUnitColumn = 2;

    public const int UnitColumn = 3;

    /// <summary>The 0-based column of the avance the semáforo uses in <paramref name="period"/>, where heading rows carry their roll-up.</summary>
    public static int AvanceColumn(PlanProgressView view, ReportPeriod period)
    {
        var column = FixedColumns + view.Plan.Years.Count();
        foreach (var p in Periods(view, period))
        {
            var width = p.Kind == PeriodKind.Anual ? 2 : 5;
            if (p == period)
            {
                return column + width - 1;
            }

            column += width;
        }

        throw new ArgumentException("The period is not one the report shows.", nameof(period));
    }

    public static byte[] Build(PlanProgressView view, ReportPeriod period, DateTimeOffset dataAsOf, bool demo = false, IReadOnlyList<IndicatorBreakdown>? breakdowns = null)
    {
        var plan = view.Plan;
        var periods = Periods(view, period);
        var xlsx = new XlsxWriter(DemoMark.Title($"Reporte de seguimiento del PEI {plan.Code} {period.Label}", demo), plan.Name);
        var fixedColumns = new[] { 19d, 60, 20, 18, 12, 13, 13, 9, 11 };
        var widths = fixedColumns.Concat(plan.Years.Select(_ => 11d))
            .Concat(periods.SelectMany(p => p.Kind == PeriodKind.Anual ? new[] { 11d, 11d } : [11d, 13d, 11d, 18d, 13d])).Concat([22d]).ToArray();
        var sheet = xlsx.AddSheet(MainSheet, widths);
        var settings = plan.Settings;
        // The demo notice stands clear of the title, which overflows into the next columns and would be cut by it.
        sheet.Row((DemoMark.Title("Reporte de seguimiento del Plan Estratégico Institucional", demo), XlsxStyle.Title), (null, XlsxStyle.Text), (null, XlsxStyle.Text),
            (null, XlsxStyle.Text), (demo ? DemoMark.Notice : null, XlsxStyle.Bold));
        sheet.Row(("Periodo del PEI", XlsxStyle.Bold), ($"{plan.FirstYear}-{plan.LastYear}", XlsxStyle.Text));
        sheet.Row(("Nivel de gobierno", XlsxStyle.Bold), (plan.Institution.GovernmentLevel, XlsxStyle.Text));
        sheet.Row(("Sector", XlsxStyle.Bold), (plan.Institution.Sector, XlsxStyle.Text));
        sheet.Row(("Pliego", XlsxStyle.Bold), ($"{plan.Institution.PliegoCode}: {plan.Institution.Name}", XlsxStyle.Text));
        sheet.Row(("Periodo reportado", XlsxStyle.Bold), (period.Label, XlsxStyle.Text));
        sheet.Row(("Fecha de corte", XlsxStyle.Bold), (DataAsOf.Label(dataAsOf), XlsxStyle.Text));
        sheet.Row(("Valores incluidos", XlsxStyle.Bold), (view.IncludePending ? "Validados y pendientes de validación (enviados)" : "Solo valores validados por la OGPP", XlsxStyle.Text));
        sheet.Row(("Semáforo", XlsxStyle.Bold), ($"Avance Tipo I con tope {(settings.CapEnabled ? ProgressFormat.Number(settings.Cap, 0) : "desactivado")}: verde ≥ {ProgressFormat.Number(settings.GreenThreshold, 0)} %, amarillo ≥ {ProgressFormat.Number(settings.YellowThreshold, 0)} %, rojo menor", XlsxStyle.Text));
        sheet.Row(("Filas de OEI y AEI", XlsxStyle.Bold), (
            $"Avance del OEI o AEI como en el tablero: promedio {(settings.Weighting == WeightingRule.PorRelevancia ? "ponderado por relevancia" : "simple")} del Avance {(settings.DashboardAvance == AvanceType.TipoII ? "Tipo II" : "Tipo I")} de sus indicadores con avance en el periodo, en la columna del avance que usa el semáforo",
            XlsxStyle.Text));

        var header = new List<(object?, XlsxStyle)>
        {
            ("Código", XlsxStyle.Header), ("Denominación del OEI, AEI o indicador", XlsxStyle.Header), ("Unidad ejecutora", XlsxStyle.Header),
            ("Unidad de organización", XlsxStyle.Header), ("Relevancia", XlsxStyle.Header), ("Sentido esperado", XlsxStyle.Header),
            ("Tipo de agregación", XlsxStyle.Header), ("LB año", XlsxStyle.Header), ("LB valor", XlsxStyle.Header),
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

        var columns = widths.Length;
        void Heading(string code, string statement, Func<ReportPeriod, RollUpResult> rollUp, XlsxStyle text, XlsxStyle figure)
        {
            var cells = Enumerable.Repeat<(object?, XlsxStyle)>((null, text), columns).ToArray();
            cells[0] = (code, text);
            cells[1] = (statement, text);
            foreach (var p in periods)
            {
                cells[AvanceColumn(view, p)] = (rollUp(p).Avance, figure);
            }

            cells[^1] = (ProgressFormat.Label(rollUp(period).Status), text);
            sheet.Row(cells);
        }

        foreach (var objective in plan.Objectives)
        {
            Heading(objective.Code, objective.Statement, p => view.ForObjective(objective, p), XlsxStyle.ObjectiveRow, XlsxStyle.ObjectiveFigure);
            IndicatorRows(objective.Indicators);
            foreach (var action in objective.Actions)
            {
                Heading(action.Code, action.Statement, p => view.ForAction(action, p), XlsxStyle.ActionRow, XlsxStyle.ActionFigure);
                IndicatorRows(action.Indicators);
            }
        }

        void IndicatorRows(IEnumerable<IndicatorSnapshot> indicators)
        {
            foreach (var indicator in indicators)
            {
                var progress = view.Of(indicator);
                var numberStyle = NumberStyle(indicator);
                var cells = new List<(object?, XlsxStyle)>
                {
                    (indicator.PublishedCode, XlsxStyle.Text),
                    (indicator.Name, XlsxStyle.Wrapped),
                    (plan.Institution.ExecutingUnit, XlsxStyle.Wrapped),
                    (string.Join("; ", indicator.Units.Select(u => u.Name)), XlsxStyle.Wrapped),
                    (Labels.Relevance(indicator.Relevance), XlsxStyle.Wrapped),
                    (Labels.Of(indicator.Direction), XlsxStyle.Wrapped),
                    (Labels.Of(indicator.Aggregation), XlsxStyle.Wrapped),
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
                        cells.Add((at.HasExpectation ? ProgressFormat.SourceShort(at.Source) : null, XlsxStyle.Wrapped));
                        cells.Add((at.TipoI.Capped, XlsxStyle.OneDecimal));
                    }
                }

                cells.Add((progress.For(period.Year, period.Kind).StatusLabel, XlsxStyle.Wrapped));
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
        if (breakdowns is not null)
        {
            AddPointSheet(xlsx, period, dataAsOf, demo, breakdowns);
        }

        return xlsx.Build(dataAsOf);
    }

    /// <summary>
    /// The optional sheet: for each indicator collected by point, one row per point with its region, figures, own value
    /// and state, then the indicator's row, the formula on the sums of the accepted points' figures.
    /// </summary>
    private static void AddPointSheet(XlsxWriter xlsx, ReportPeriod period, DateTimeOffset dataAsOf, bool demo, IReadOnlyList<IndicatorBreakdown> breakdowns)
    {
        var sheet = xlsx.AddSheet(PointSheet, 16, 16, 44, 18, 12, 18, 14, 26, 12, 18);
        sheet.Row((DemoMark.Title($"Desglose por punto de registro · {period.Label} · {DataAsOf.Label(dataAsOf)}", demo), XlsxStyle.Title));
        sheet.Row(("Código del indicador", XlsxStyle.Header), ("Código del punto", XlsxStyle.Header), ("Punto de registro", XlsxStyle.Header), ("Tipo", XlsxStyle.Header),
            ("Continente", XlsxStyle.Header), ("País", XlsxStyle.Header), ("Departamento", XlsxStyle.Header), ("Variables", XlsxStyle.Header), ("Valor", XlsxStyle.Header), ("Estado", XlsxStyle.Header));
        if (breakdowns.Count == 0)
        {
            sheet.Row(("Ningún indicador del plan se registra por punto de registro.", XlsxStyle.Text));
        }

        foreach (var (code, breakdown) in breakdowns)
        {
            foreach (var row in breakdown.Rows)
            {
                sheet.Row((code, XlsxStyle.Text), (row.Code, XlsxStyle.Text), (row.Name, XlsxStyle.Wrapped), (Labels.Of(row.Kind), XlsxStyle.Text), (row.Continent, XlsxStyle.Text),
                    (row.Country, XlsxStyle.Text), (row.Department, XlsxStyle.Text), (Figures(row.Figures), XlsxStyle.Text), (row.Own.Value, XlsxStyle.TwoDecimals), (Labels.Of(row.Status), XlsxStyle.Text));
            }

            sheet.Row((code, XlsxStyle.Bold), ("Total", XlsxStyle.Bold), ($"Puntos aceptados: {breakdown.Total.PointCount} ({breakdown.Formula.Text} {breakdown.Total.Evaluation.Explanation})", XlsxStyle.Wrapped),
                (null, XlsxStyle.Text), (null, XlsxStyle.Text), (null, XlsxStyle.Text), (null, XlsxStyle.Text), (Figures(breakdown.Total.Sums), XlsxStyle.Bold), (breakdown.Total.Evaluation.Value, XlsxStyle.TwoDecimals), (null, XlsxStyle.Text));
        }

        sheet.Header(2, filter: false);
    }

    private static string? Figures(IReadOnlyDictionary<string, decimal> figures) =>
        Indicator.DescribeFigurePairs(figures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, f.Value)));

    /// <summary>The periods the report has columns for: every selectable one up to the chosen period.</summary>
    private static List<ReportPeriod> Periods(PlanProgressView view, ReportPeriod period) => view.SelectablePeriods()
        .Where(p => p.Year < period.Year || (p.Year == period.Year && PlanProgressView.PeriodOrder(p.Kind) <= PlanProgressView.PeriodOrder(period.Kind)))
        .ToList();

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

/// <summary>An indicator's breakdown by reporting point, for the Reporte de seguimiento's optional sheet.</summary>
public sealed record IndicatorBreakdown(string Code, Points.PointBreakdown Breakdown);
