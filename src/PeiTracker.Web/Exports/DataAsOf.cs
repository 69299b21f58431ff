using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;

namespace PeiTracker.Web.Exports;

/// <summary>What an export shows, so that its "Datos al" moves with changes to that and with nothing else.</summary>
[Flags]
public enum ExportedData
{
    /// <summary>The plan itself: OEI and AEI, the indicators' definitions, líneas base and logros esperados (Matriz, fichas técnicas).</summary>
    Plan = 1,

    /// <summary>Valores obtenidos and their review.</summary>
    Values = 2,

    /// <summary>The progress rules (thresholds, cap, weighting) that decide avance and semáforo.</summary>
    ProgressRules = 4,

    /// <summary>The institution's own data the progress reports print (its unidad ejecutora), shared by all its plans.</summary>
    Institution = 8,

    /// <summary>What a progress report shows: Reporte de seguimiento, open data, Informe de evaluación.</summary>
    Progress = Plan | Values | ProgressRules | Institution,

    /// <summary>The vinculación con la PGG, the PESEM and national policy links (Ruta estratégica, Anexos B-1 and B-2).</summary>
    Articulation = 16,

    /// <summary>The reporting points and their figures, printed by the Reporte de seguimiento's optional sheet "Desglose por punto de registro".</summary>
    PointFigures = 32,
    /// <summary>The conversations of the values' review, which the Informe cites among its sources (ADR 0022).</summary>
    Conversations = 64,
}

/// <summary>
/// The one "Datos al" rule of every export and page that prints it: the moment of the latest recorded
/// change to what that export shows, not the moment of the download, so the same data always give the
/// same file. A plan with no such change is dated 1 January of its first year, in Lima. Printed as a date
/// in Lima (<see cref="Label"/>); the JSON and the HTTP Last-Modified header carry the instant, to the second.
/// </summary>
public static class DataAsOf
{
    /// <summary>Which part of the exported data a change of this kind touches; null when it touches none.</summary>
    public static ExportedData? Touches(AuditKind kind) => kind switch
    {
        AuditKind.Definicion or AuditKind.Meta or AuditKind.LineaBase or AuditKind.Objetivo or AuditKind.Accion => ExportedData.Plan,
        AuditKind.Valor => ExportedData.Values,
        AuditKind.Configuracion => ExportedData.ProgressRules,
        AuditKind.Institucion => ExportedData.Institution,
        AuditKind.Articulacion => ExportedData.Articulation,
        AuditKind.ValorPunto or AuditKind.PuntoRegistro => ExportedData.PointFigures,
        AuditKind.Conversacion => ExportedData.Conversations,
        _ => null,
    };

    public static async Task<DateTimeOffset> OfPlanAsync(AppDbContext db, int planId, int firstYear, ExportedData shown, CancellationToken cancellationToken = default)
    {
        var kinds = Enum.GetValues<AuditKind>().Where(k => Touches(k) is { } part && (shown & part) != 0).ToArray();
        // A change to the institution is recorded once for all its plans (no plan id, the institution's id).
        var institutionId = db.Plans.IgnoreQueryFilters().Where(p => p.Id == planId).Select(p => (int?)p.InstitutionId);
        var lastAudit = await db.AuditEntries.AsNoTracking()
            .Where(a => (a.PlanId == planId || (a.PlanId == null && a.InstitutionId == institutionId.FirstOrDefault())) && kinds.Contains(a.Kind))
            .MaxAsync(a => (DateTimeOffset?)a.At, cancellationToken);

        // Values carry their own times too: values loaded by the demo switch or by SQL leave no audit row.
        var lastValue = shown.HasFlag(ExportedData.Values)
            ? await db.Values.AsNoTracking().Where(v => v.Indicator!.PlanId == planId)
                .MaxAsync(v => (DateTimeOffset?)(v.ValidatedAt ?? v.UpdatedAt ?? v.CreatedAt), cancellationToken)
            : null;
        var latest = new[] { lastAudit, lastValue }.Max() ?? PeruTime.StartOf(new DateOnly(firstYear, 1, 1));
        var utc = latest.UtcDateTime;
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    /// <summary>The cut-off day, in Lima.</summary>
    public static DateOnly Date(DateTimeOffset asOf) => DateOnly.FromDateTime(PeruTime.ToLima(asOf).DateTime);

    /// <summary>"05/03/2026".</summary>
    public static string Format(DateTimeOffset asOf) => Date(asOf).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>"Datos al 05/03/2026", as every export and page prints it.</summary>
    public static string Label(DateTimeOffset asOf) => "Datos al " + Format(asOf);

    /// <summary>"2026-03-05T14:20:31Z", for machine-read files.</summary>
    public static string Iso(DateTimeOffset asOf) => asOf.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
