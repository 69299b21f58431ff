using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Progress;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Pages.Plan;

/// <summary>
/// An indicator's ficha técnica with its línea base and logros esperados. The definition and the computed progress
/// come from caches checked against the plan's data version (ADR 0007); the values with their evidence and the
/// history are read at every request, in one query each, whatever their number.
/// </summary>
public class IndicadorModel(AppDbContext db, PlanProgressService progress, IndicatorSheetCache sheets, Points.PointBreakdownCache breakdowns, IAuthorizationService authorization, Entry.ValueConversations conversations) : PageModel
{
    /// <summary>The conversations of the indicator's values, for those who may read them (ADR 0022); empty for anyone else.</summary>
    public IReadOnlyList<Entry.ThreadView> Threads { get; private set; } = [];

    public bool ReadsConversations { get; private set; }

    public IndicatorSheet Indicator { get; private set; } = null!;

    public IReadOnlyList<ValueRow> Values { get; private set; } = [];

    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    public bool CanEdit { get; private set; }

    public bool IncludePending { get; private set; }

    public IndicatorProgress Progress { get; private set; } = null!;

    /// <summary>A recorded value as the values table shows it, with the names of its evidence files (not their content).</summary>
    public sealed record ValueRow(int Year, PeriodKind Period, decimal? Value, ValueStatus Status, bool IsDemo, string? Comment, string? ReviewNote, string? DataSource, IReadOnlyList<EvidenceLink> Evidence);

    public sealed record EvidenceLink(int Id, string FileName);

    /// <summary>
    /// The periods worth a row: every year expecting, holding or awaiting a value, and the semesters up to the
    /// last year the unit reported (later ones would be a column of "sin dato" for periods not yet reached),
    /// besides any semester with a value or a logro esperado of its own.
    /// </summary>
    public IReadOnlyList<PeriodProgress> Followed => followed ??= Progress.Periods
        .Where(p => p.IsFollowed && (p.Period == PeriodKind.Anual || p.Value is not null || p.PendingValidation || p.Source == ExpectationSource.SemestralDefinida
            || (Indicator.Settings.SemesterFollowUp && p.Year <= Values.Select(v => v.Year).DefaultIfEmpty(0).Max())))
        .ToList();

    private IReadOnlyList<PeriodProgress>? followed;

    /// <summary>Why the latest counted period's semáforo and the projection seem to disagree, when they do.</summary>
    public string? Why => Progress.Periods.LastOrDefault(p => p.Value is not null) is { } latest ? Progress.WhyStatusAndProjectionDiffer(latest.Year, latest.Period) : null;

    /// <summary>Series for the chart: baseline, targets, counted annual values and the projection, by year.</summary>
    public object ChartData()
    {
        var years = new List<int>();
        if (Indicator.BaselineYear is { } baselineYear && baselineYear < Indicator.FirstYear)
        {
            years.Add(baselineYear);
        }

        years.AddRange(Indicator.Years);
        decimal? At(Func<int, decimal?> pick, int year) => pick(year) is { } v ? Math.Round(v, Math.Max(Indicator.Decimals, 2)) : null;
        var annual = Progress.Periods.Where(p => p.Period == PeriodKind.Anual && p.Value is not null).ToDictionary(p => p.Year, p => p.Value);
        var projection = Progress.Projection;
        var lastValueYear = annual.Keys.DefaultIfEmpty(0).Max();
        // An agregable indicator projects a total over the plan's years, which does not belong on a chart of yearly values.
        var drawn = !projection.Accumulated && projection.SlopePerYear is not null;
        return new
        {
            labels = years.Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            baseline = years.Select(y => y == Indicator.BaselineYear ? Indicator.BaselineValue : null),
            targets = years.Select(y => At(Indicator.TargetFor, y)),
            values = years.Select(y => At(annual.GetValueOrDefault, y)),
            projection = years.Select(y => projection.ProjectedValue is { } projected && drawn && lastValueYear > 0
                ? y == lastValueYear ? annual[y] : y == Indicator.LastYear ? Math.Round(projected, Math.Max(Indicator.Decimals, 2)) : (decimal?)null
                : null),
        };
    }

    /// <summary>The figures by reporting point and region for <see cref="BreakdownPeriod"/>, when the indicator is collected by point.</summary>
    public Points.PointBreakdown? Breakdown { get; private set; }

    /// <summary>The period of the breakdown: the one chosen, else the latest with a point's figures, else the plan's first year.</summary>
    public ReportPeriod? BreakdownPeriod { get; private set; }

    /// <summary>
    /// Everything the rendered ficha, logros esperados, avance and values depend on: the plan's data version (every row
    /// they show moves it, an evidence file included, ADR 0007), the pending switch, the period chosen on the dashboard
    /// and the dashboard address linked back to. They show the same to every reader of the page.
    /// </summary>
    public string BodyKey => string.Join('|', Indicator.Id, Indicator.DataVersion, IncludePending, ChosenPeriod?.Year, ChosenPeriod?.QueryValue, Back);

    /// <summary>Everything the rendered breakdown depends on (it shows the same to every reader of the page).</summary>
    public string BreakdownKey { get; private set; } = "";

    /// <summary>The dashboard view this page was opened from, when it was: the breadcrumb leads back to it.</summary>
    public string? Back { get; private set; }

    /// <summary>The period chosen on that dashboard, marked in the avance table.</summary>
    public ReportPeriod? ChosenPeriod { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, bool? pendientes, int? anio, string? periodo, string? volver, CancellationToken cancellationToken)
    {
        // The version first: the sheet and the progress are then never older than the version they are used under.
        var stamp = await db.StampOfIndicatorAsync(id, cancellationToken);
        if (stamp is null || await sheets.GetAsync(db, id, stamp, cancellationToken) is not { } sheet)
        {
            return NotFound();
        }

        Indicator = sheet;
        IncludePending = pendientes ?? !stamp.OnlyValidated;
        Back = IsDashboardAddress(volver) ? volver : null;
        ChosenPeriod = anio is { } year && sheet.Covers(year) && PeriodText.TryParse(periodo, out var kind) ? new ReportPeriod(year, kind) : null;
        Progress = (await progress.LoadAsync(stamp, IncludePending, cancellationToken)).Of(id);
        Values = (await ValuesQuery(db, id).ToListAsync(cancellationToken))
            .OrderBy(v => v.Year).ThenBy(v => v.Period).ToList();
        ReadsConversations = await conversations.CanReadAsync(User, sheet.ResponsibleUnitIds, sheet.InstitutionId, cancellationToken);
        Threads = ReadsConversations ? await conversations.ThreadsAsync(id, cancellationToken: cancellationToken) : [];
        History = await db.AuditEntries.AsNoTracking()
            .Where(a => a.IndicatorId == id && (ReadsConversations || a.Kind != AuditKind.Conversacion))
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(200)
            .ToListAsync(cancellationToken);
        CanEdit = (await authorization.AuthorizeAsync(User, Policies.EditPlan)).Succeeded;
        await LoadBreakdownAsync(id, stamp.DataVersion, cancellationToken);
        return Page();
    }

    private async Task LoadBreakdownAsync(int id, long dataVersion, CancellationToken cancellationToken)
    {
        if (!Indicator.CollectedByPoint)
        {
            return;
        }

        var latest = ChosenPeriod is null ? await breakdowns.LatestPeriodAsync(db, id, dataVersion, cancellationToken) : null;
        BreakdownPeriod = ChosenPeriod ?? (latest is { } l ? new ReportPeriod(l.Year, l.Period) : new ReportPeriod(Indicator.FirstYear, PeriodKind.Anual));
        Breakdown = await breakdowns.GetAsync(db, id, BreakdownPeriod.Year, BreakdownPeriod.Kind, dataVersion, cancellationToken);
        BreakdownKey = string.Join('|', id, dataVersion, BreakdownPeriod.Year, BreakdownPeriod.QueryValue);
    }

    private static IQueryable<ValueRow> ValuesQuery(AppDbContext db, int id) =>
        db.Values.AsNoTracking().Where(v => v.IndicatorId == id)
            .Select(v => new ValueRow(v.Year, v.Period, v.Value, v.Status, v.IsDemo, v.Comment, v.ReviewNote, v.DataSource,
                v.Evidence.OrderBy(e => e.Id).Select(e => new EvidenceLink(e.Id, e.FileName)).ToList()));

    /// <summary>Only a local dashboard address is linked back to, so the parameter cannot lead anywhere else.</summary>
    private static bool IsDashboardAddress(string? address) =>
        address is not null && address.Length <= 500 && (address == "/Tablero" || address.StartsWith("/Tablero/", StringComparison.Ordinal) || address.StartsWith("/Tablero?", StringComparison.Ordinal))
        && !address.Contains("//", StringComparison.Ordinal) && !address.Contains('\\') && !address.Any(char.IsControl);

    /// <summary>This page with the pending switch set, keeping the dashboard context it was opened with.</summary>
    public string PendingSwitchLink(bool include) =>
        $"/Plan/Indicador/{Indicator.Id}" + QueryString.Create(new Dictionary<string, string?>
        {
            ["pendientes"] = include ? "true" : "false",
            ["anio"] = ChosenPeriod?.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["periodo"] = ChosenPeriod?.QueryValue,
            ["volver"] = Back,
        }.Where(v => v.Value is not null));

    public bool IsInferred(InferredFields field) => Indicator.Inferred.HasFlag(field);

    public string Format(decimal? value) => value is { } v
        ? Math.Round(v, Indicator.Decimals, MidpointRounding.AwayFromZero).ToString("N" + Indicator.Decimals, System.Globalization.CultureInfo.CurrentCulture)
        : "—";
}
