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

/// <summary>An indicator's ficha técnica with its línea base and logros esperados.</summary>
public class IndicadorModel(AppDbContext db, IAuthorizationService authorization) : PageModel
{
    public Indicator Indicator { get; private set; } = null!;

    public string PlanCode { get; private set; } = "";

    public IReadOnlyList<int> Years { get; private set; } = [];

    public string OwnerCode { get; private set; } = "";

    public string OwnerStatement { get; private set; } = "";

    public string? ObjectiveCode { get; private set; }

    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    public bool CanEdit { get; private set; }

    public bool IncludePending { get; private set; }

    public IndicatorProgress Progress { get; private set; } = null!;

    /// <summary>
    /// The periods worth a row: every year expecting, holding or awaiting a value, and the semesters up to the
    /// last year the unit reported (later ones would be a column of "sin dato" for periods not yet reached),
    /// besides any semester with a value or a logro esperado of its own.
    /// </summary>
    public IReadOnlyList<PeriodProgress> Followed => followed ??= Progress.Periods
        .Where(p => p.IsFollowed && (p.Period == PeriodKind.Anual || p.Value is not null || p.PendingValidation || p.Source == ExpectationSource.SemestralDefinida
            || (Indicator.Plan!.Settings.SemesterFollowUp && p.Year <= Indicator.Values.Select(v => v.Year).DefaultIfEmpty(0).Max())))
        .ToList();

    private IReadOnlyList<PeriodProgress>? followed;

    /// <summary>Why the latest counted period's semáforo and the projection seem to disagree, when they do.</summary>
    public string? Why => Progress.Periods.LastOrDefault(p => p.Value is not null) is { } latest ? Progress.WhyStatusAndProjectionDiffer(latest.Year, latest.Period) : null;

    /// <summary>Series for the chart: baseline, targets, counted annual values and the projection, by year.</summary>
    public object ChartData()
    {
        var years = new List<int>();
        if (Indicator.BaselineYear is { } baselineYear && baselineYear < Indicator.Plan!.FirstYear)
        {
            years.Add(baselineYear);
        }

        years.AddRange(Years);
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
                ? y == lastValueYear ? annual[y] : y == Indicator.Plan!.LastYear ? Math.Round(projected, Math.Max(Indicator.Decimals, 2)) : (decimal?)null
                : null),
        };
    }

    /// <summary>The dashboard view this page was opened from, when it was: the breadcrumb leads back to it.</summary>
    public string? Back { get; private set; }

    /// <summary>The period chosen on that dashboard, marked in the avance table.</summary>
    public ReportPeriod? ChosenPeriod { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, bool? pendientes, int? anio, string? periodo, string? volver)
    {
        var indicator = await db.Indicators.AsNoTracking()
            .Include(i => i.Plan)
            .Include(i => i.Objective)
            .Include(i => i.Action).ThenInclude(a => a!.Objective)
            .Include(i => i.ResponsibleUnits).ThenInclude(u => u.Unit)
            .Include(i => i.Targets)
            .Include(i => i.SemesterTargets)
            .Include(i => i.Values).ThenInclude(v => v.Evidence)
            .Include(i => i.Variables)
            .AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == id);
        if (indicator is null)
        {
            return NotFound();
        }

        Indicator = indicator;
        PlanCode = indicator.Plan!.Code;
        Years = indicator.Plan.Years.ToList();
        (OwnerCode, OwnerStatement, ObjectiveCode) = indicator.Action is { } action
            ? (action.Code, action.Statement, action.Objective!.Code)
            : (indicator.Objective!.Code, indicator.Objective.Statement, null);
        IncludePending = pendientes ?? !indicator.Plan.Settings.OnlyValidated;
        Back = IsDashboardAddress(volver) ? volver : null;
        ChosenPeriod = anio is { } year && indicator.Plan.Covers(year) && PeriodText.TryParse(periodo, out var kind) ? new ReportPeriod(year, kind) : null;
        Progress = ProgressCalculator.Calculate(
            IndicatorInput.From(indicator, indicator.Values.Where(v => PlanProgressService.Counts(v.Status, IncludePending))),
            indicator.Plan.Settings, indicator.Plan.FirstYear, indicator.Plan.LastYear);
        History = await db.AuditEntries.AsNoTracking()
            .Where(a => a.IndicatorId == id)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(200)
            .ToListAsync();
        CanEdit = (await authorization.AuthorizeAsync(User, Policies.EditPlan)).Succeeded;
        return Page();
    }

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
