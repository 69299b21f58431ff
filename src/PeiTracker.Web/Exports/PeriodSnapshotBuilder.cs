using System.Security.Cryptography;
using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Exports;

/// <summary>
/// The figures a period reported when it was closed, and the files generated from them, built from the same
/// view and the same writers as the live downloads, so a snapshot reads exactly as the reports did that day.
/// </summary>
public static class PeriodSnapshotBuilder
{
    public static PeriodSnapshot Build(PlanProgressView view, ReportPeriod period, int version, string takenBy, DateTimeOffset takenAt, string? note, DateTimeOffset dataAsOf, bool demo)
    {
        var snapshot = new PeriodSnapshot
        {
            PlanId = view.Plan.Id, Year = period.Year, Period = period.Kind, Version = version, TakenAt = takenAt, TakenBy = takenBy, Note = note,
            // An indicator shared by two actions is reported once, under the first.
            Figures = Figures(view, period).DistinctBy(f => (f.Kind, f.Code)).ToList(),
        };
        var stem = Stem(view.Plan.Code, period, version);
        snapshot.Files.Add(File($"reporte-seguimiento-{stem}.xlsx", XlsxWriter.ContentType, SeguimientoReport.Build(view, period, dataAsOf, demo)));
        snapshot.Files.Add(File($"{stem}-avance.csv", "text/csv; charset=utf-8", OpenData.ProgressCsv(view)));
        snapshot.Files.Add(File($"{stem}-indicadores.csv", "text/csv; charset=utf-8", OpenData.IndicatorsCsv(view)));
        snapshot.Files.Add(File($"{stem}-plan.json", "application/json; charset=utf-8", OpenData.JsonBytes(view, dataAsOf)));
        return snapshot;
    }

    /// <summary>
    /// The Informe de evaluación of a version, printed when it is published: it can only be approved once the period is
    /// closed, so it is added to the version then, never at closing (ADR 0017).
    /// </summary>
    public static SnapshotFile InformeFile(PeriodSnapshot snapshot, string planCode, byte[] pdf)
    {
        var file = File($"informe-evaluacion-{Stem(planCode, new ReportPeriod(snapshot.Year, snapshot.Period), snapshot.Version)}.pdf", "application/pdf", pdf);
        file.SnapshotId = snapshot.Id;
        return file;
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The plan, each OEI and AEI with its roll-up, and each indicator with its value, as the dashboards show them.</summary>
    private static IEnumerable<SnapshotFigure> Figures(PlanProgressView view, ReportPeriod period)
    {
        yield return RollUp(SnapshotFigureKind.Plan, view.Plan.Code, view.Plan.Name, view.ForPlan(period));
        foreach (var objective in view.Plan.Objectives)
        {
            yield return RollUp(SnapshotFigureKind.Objetivo, objective.Code, objective.Statement, view.ForObjective(objective, period));
            foreach (var indicator in objective.Indicators)
            {
                yield return Indicator(view, indicator, period);
            }

            foreach (var action in objective.Actions)
            {
                yield return RollUp(SnapshotFigureKind.Accion, action.Code, action.Statement, view.ForAction(action, period));
                foreach (var indicator in action.Indicators)
                {
                    yield return Indicator(view, indicator, period);
                }
            }
        }
    }

    private static SnapshotFigure RollUp(SnapshotFigureKind kind, string code, string name, RollUpResult rollUp) => new()
    {
        Kind = kind, Code = code, Name = name, Avance = rollUp.Avance, Status = ProgressFormat.Label(rollUp.Status), Coverage = rollUp.Coverage,
    };

    private static SnapshotFigure Indicator(PlanProgressView view, IndicatorSnapshot indicator, ReportPeriod period)
    {
        var progress = view.Of(indicator).For(period.Year, period.Kind);
        var figure = view.Settings.DashboardAvance == AvanceType.TipoII ? progress.TipoII : progress.TipoI;
        return new SnapshotFigure
        {
            Kind = SnapshotFigureKind.Indicador, Code = indicator.PublishedCode, Name = indicator.Name,
            Target = progress.Target, Value = progress.Value, Avance = figure.Capped, Status = progress.StatusLabel,
            Comment = indicator.Values.FirstOrDefault(v => v.Year == period.Year && v.Period == period.Kind && PlanProgressService.Counts(v.Status, view.IncludePending))?.Comment,
        };
    }

    private static string Stem(string planCode, ReportPeriod period, int version) => $"{planCode}-{period.Year}-{period.QueryValue}-v{version}";

    private static SnapshotFile File(string name, string contentType, byte[] content) =>
        new() { Name = name, ContentType = contentType, Content = content, Sha256 = Sha256(content) };
}
