using System.Globalization;
using System.Text;
using System.Text.Json;
using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Exports;

/// <summary>
/// Open data of a plan: CSV (UTF-8 with BOM so Excel reads accents) and JSON with the plan's
/// indicators, baselines, targets, validated values and avance. Same data, same bytes. The avance lists every
/// period up to the latest one with a validated value in which the indicator expects or has a value, with the
/// same state the dashboards show ("Sin dato" when a logro esperado has no validated value).
/// </summary>
public static class OpenData
{
    public static byte[] IndicatorsCsv(PlanProgressView view)
    {
        var years = view.Plan.Years.ToList();
        var csv = new StringBuilder();
        Line(csv, ["codigo", "clave", "oei", "aei", "indicador", "unidad_medida", "sentido_esperado", "tipo_agregacion", "relevancia", "unidad_organica", "linea_base_anio", "linea_base_valor", .. years.Select(y => $"logro_esperado_{y}")]);
        foreach (var (indicator, objective, action) in Rows(view))
        {
            Line(csv, [indicator.PublishedCode, indicator.Key, objective.Code, action?.Code ?? "", indicator.Name, Labels.Of(indicator.Unit), Labels.Of(indicator.Direction),
                Labels.Of(indicator.Aggregation), indicator.Relevance.ToString(CultureInfo.InvariantCulture),
                string.Join("; ", indicator.Units.Select(u => u.Name)),
                indicator.BaselineYear?.ToString(CultureInfo.InvariantCulture) ?? "", ExportNumber.Text(indicator.BaselineValue), .. years.Select(y => ExportNumber.Text(indicator.TargetFor(y)))]);
        }

        return WithBom(csv);
    }

    public static byte[] ProgressCsv(PlanProgressView view)
    {
        var csv = new StringBuilder();
        Line(csv, ["codigo", "clave", "anio", "periodo", "logro_esperado", "valor_obtenido", "avance_tipo_i", "avance_tipo_ii", "semaforo",
            "origen_logro_esperado", "logro_esperado_anual", "avance_tipo_i_frente_le_anual"]);
        var last = LastPublished(view);
        foreach (var (indicator, _, _) in Rows(view))
        {
            foreach (var p in Published(view, indicator, last))
            {
                Line(csv, [indicator.PublishedCode, indicator.Key, p.Year.ToString(CultureInfo.InvariantCulture), Labels.Of(p.Period), ExportNumber.Text(p.Target), ExportNumber.Text(p.Value),
                    ExportNumber.Text(p.TipoI.Capped), ExportNumber.Text(p.TipoII.Capped), p.StatusLabel,
                    p.HasExpectation ? ProgressFormat.SourceShort(p.Source) : "", ExportNumber.Text(p.AnnualTarget), ExportNumber.Text(p.AgainstAnnualTarget.Capped)]);
            }
        }

        return WithBom(csv);
    }

    public static object Json(PlanProgressView view, DateTimeOffset asOf) => Json(view, asOf, LastPublished(view));

    /// <summary>The JSON file as downloaded: indented, accents kept as written.</summary>
    public static byte[] JsonBytes(PlanProgressView view, DateTimeOffset asOf) => JsonSerializer.SerializeToUtf8Bytes(Json(view, asOf), JsonFileOptions);

    private static readonly JsonSerializerOptions JsonFileOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static object Json(PlanProgressView view, DateTimeOffset asOf, ReportPeriod? last) => new
    {
        plan = new { codigo = view.Plan.Code, nombre = view.Plan.Name, pliego = view.Plan.Institution.PliegoCode, entidad = view.Plan.Institution.Name, sector = view.Plan.Institution.Sector, periodo = $"{view.Plan.FirstYear}-{view.Plan.LastYear}" },
        datosAl = DataAsOf.Iso(asOf),
        valores = "Solo valores validados por la OGPP",
        indicadores = Rows(view).Select(r => new
        {
            codigo = r.Indicator.PublishedCode,
            clave = r.Indicator.Key,
            oei = r.Objective.Code,
            aei = r.Action?.Code,
            nombre = r.Indicator.Name,
            unidadMedida = Labels.Of(r.Indicator.Unit),
            sentidoEsperado = Labels.Of(r.Indicator.Direction),
            lineaBase = new { anio = r.Indicator.BaselineYear, valor = ExportNumber.Normal(r.Indicator.BaselineValue) },
            logrosEsperados = r.Indicator.Targets.OrderBy(t => t.Year).Select(t => new { anio = t.Year, valor = ExportNumber.Normal(t.Value) }),
            avance = Published(view, r.Indicator, last).Select(p => new
            {
                anio = p.Year,
                periodo = Labels.Of(p.Period),
                valorObtenido = ExportNumber.Normal(p.Value),
                logroEsperado = ExportNumber.Normal(p.Target),
                avanceTipoI = ExportNumber.Normal(p.TipoI.Capped),
                avanceTipoII = ExportNumber.Normal(p.TipoII.Capped),
                semaforo = p.StatusLabel,
                pendienteDeValidacion = p.PendingValidation,
                origenLogroEsperado = p.HasExpectation ? ProgressFormat.SourceShort(p.Source) : null,
                logroEsperadoAnual = ExportNumber.Normal(p.AnnualTarget),
                avanceTipoIFrenteLeAnual = ExportNumber.Normal(p.AgainstAnnualTarget.Capped),
            }),
        }),
    };

    /// <summary>The latest period with a counted value anywhere in the plan: later periods are not published yet.</summary>
    private static ReportPeriod? LastPublished(PlanProgressView view) => view.PeriodsWithData().FirstOrDefault();

    /// <summary>The indicator's followed periods up to <paramref name="last"/>.</summary>
    private static IEnumerable<PeriodProgress> Published(PlanProgressView view, IndicatorSnapshot indicator, ReportPeriod? last) =>
        last is null ? [] : view.Of(indicator).Periods.Where(p => p.IsFollowed
            && (p.Year, PlanProgressView.PeriodOrder(p.Period)).CompareTo((last.Year, PlanProgressView.PeriodOrder(last.Kind))) <= 0);

    private static IEnumerable<(IndicatorSnapshot Indicator, ObjectiveSnapshot Objective, ActionSnapshot? Action)> Rows(PlanProgressView view) =>
        view.Plan.Objectives.SelectMany(o => o.Indicators.Select(i => (i, o, (ActionSnapshot?)null))
            .Concat(o.Actions.SelectMany(a => a.Indicators.Select(i => (i, o, (ActionSnapshot?)a)))));

    private static void Line(StringBuilder csv, IEnumerable<string> fields)
    {
        csv.Append(string.Join(",", fields.Select(Field))).Append("\r\n");
    }

    /// <summary>RFC 4180 quoting, after the formula rule of every export (<see cref="FormulaText"/>).</summary>
    private static string Field(string value)
    {
        value = FormulaText.ForCsv(value);
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static byte[] WithBom(StringBuilder csv) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
}
