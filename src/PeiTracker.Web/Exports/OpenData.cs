using System.Globalization;
using System.Text;
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
                string.Join("; ", indicator.ResponsibleUnits.Select(u => u.Unit!.Name)),
                indicator.BaselineYear?.ToString(CultureInfo.InvariantCulture) ?? "", Number(indicator.BaselineValue), .. years.Select(y => Number(indicator.TargetFor(y)))]);
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
                Line(csv, [indicator.PublishedCode, indicator.Key, p.Year.ToString(CultureInfo.InvariantCulture), Labels.Of(p.Period), Number(p.Target), Number(p.Value),
                    Number(p.TipoI.Capped), Number(p.TipoII.Capped), p.StatusLabel,
                    p.HasExpectation ? ProgressFormat.SourceShort(p.Source) : "", Number(p.AnnualTarget), Number(p.AgainstAnnualTarget.Capped)]);
            }
        }

        return WithBom(csv);
    }

    public static object Json(PlanProgressView view, DateTimeOffset asOf) => Json(view, asOf, LastPublished(view));

    private static object Json(PlanProgressView view, DateTimeOffset asOf, ReportPeriod? last) => new
    {
        plan = new { codigo = view.Plan.Code, nombre = view.Plan.Name, pliego = view.Plan.Institution!.PliegoCode, entidad = view.Plan.Institution.Name, sector = view.Plan.Institution.Sector, periodo = $"{view.Plan.FirstYear}-{view.Plan.LastYear}" },
        datosAl = asOf.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
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
            lineaBase = new { anio = r.Indicator.BaselineYear, valor = Normal(r.Indicator.BaselineValue) },
            logrosEsperados = r.Indicator.Targets.OrderBy(t => t.Year).Select(t => new { anio = t.Year, valor = Normal(t.Value) }),
            avance = Published(view, r.Indicator, last).Select(p => new
            {
                anio = p.Year,
                periodo = Labels.Of(p.Period),
                valorObtenido = Normal(p.Value),
                logroEsperado = Normal(p.Target),
                avanceTipoI = Normal(p.TipoI.Capped),
                avanceTipoII = Normal(p.TipoII.Capped),
                semaforo = p.StatusLabel,
                pendienteDeValidacion = p.PendingValidation,
                origenLogroEsperado = p.HasExpectation ? ProgressFormat.SourceShort(p.Source) : null,
                logroEsperadoAnual = Normal(p.AnnualTarget),
                avanceTipoIFrenteLeAnual = Normal(p.AgainstAnnualTarget.Capped),
            }),
        }),
    };

    /// <summary>The latest period with a counted value anywhere in the plan: later periods are not published yet.</summary>
    private static ReportPeriod? LastPublished(PlanProgressView view) => view.PeriodsWithData().FirstOrDefault();

    /// <summary>The indicator's followed periods up to <paramref name="last"/>.</summary>
    private static IEnumerable<PeriodProgress> Published(PlanProgressView view, Indicator indicator, ReportPeriod? last) =>
        last is null ? [] : view.Of(indicator).Periods.Where(p => p.IsFollowed
            && (p.Year, PlanProgressView.PeriodOrder(p.Period)).CompareTo((last.Year, PlanProgressView.PeriodOrder(last.Kind))) <= 0);

    private static IEnumerable<(Indicator Indicator, StrategicObjective Objective, StrategicAction? Action)> Rows(PlanProgressView view) =>
        view.Plan.Objectives.SelectMany(o => o.Indicators.Select(i => (i, o, (StrategicAction?)null))
            .Concat(o.Actions.SelectMany(a => a.Indicators.Select(i => (i, o, (StrategicAction?)a)))));

    private static decimal? Normal(decimal? value) => value is { } v ? v / 1.000000000000000000000000000000000m : null;

    private static string Number(decimal? value) => Normal(value)?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static void Line(StringBuilder csv, IEnumerable<string> fields)
    {
        csv.Append(string.Join(",", fields.Select(Field))).Append("\r\n");
    }

    /// <summary>RFC 4180 quoting; text starting like a formula gets a leading apostrophe so a spreadsheet shows it as text.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static byte[] WithBom(StringBuilder csv) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
}
