using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;

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

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var indicator = await db.Indicators.AsNoTracking()
            .Include(i => i.Plan)
            .Include(i => i.Objective)
            .Include(i => i.Action).ThenInclude(a => a!.Objective)
            .Include(i => i.ResponsibleUnits).ThenInclude(u => u.Unit)
            .Include(i => i.Targets)
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
        History = await db.AuditEntries.AsNoTracking()
            .Where(a => a.IndicatorId == id)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(200)
            .ToListAsync();
        CanEdit = (await authorization.AuthorizeAsync(User, Policies.EditPlan)).Succeeded;
        return Page();
    }

    public bool IsInferred(InferredFields field) => Indicator.Inferred.HasFlag(field);

    public string Format(decimal? value) => value is { } v
        ? Math.Round(v, Indicator.Decimals, MidpointRounding.AwayFromZero).ToString("N" + Indicator.Decimals, System.Globalization.CultureInfo.CurrentCulture)
        : "—";
}
