using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;

namespace PeiTracker.Web.Pages.Plan;

/// <summary>
/// The planning office sets the logros esperados of an indicator. Changing the target of a year
/// that has already started is a revision: the original target is kept next to the revised one.
/// </summary>
[Authorize(Policy = Policies.EditPlan)]
public class MetasModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public Dictionary<int, string?> Targets { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>The targets as they were when the form was opened; a mismatch on save means someone else changed them.</summary>
    [BindProperty]
    public string? Stamp { get; set; }

    public Indicator Indicator { get; private set; } = null!;

    public IReadOnlyList<int> Years { get; private set; } = [];

    public int CurrentYear { get; private set; }

    public string? ConflictMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Targets = Years.ToDictionary(y => y, y => (string?)DecimalText.ToInput(Indicator.TargetFor(y)));
        Stamp = StampOf(Indicator);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        // An indicator without targets has an empty stamp, which the form posts back as null.
        if ((Stamp ?? "") != StampOf(Indicator))
        {
            ConflictMessage = "Otra persona cambió los logros esperados mientras usted los editaba. Sus cambios no se guardaron: estos son los valores actuales.";
            ModelState.Clear();
            return await OnGetAsync(id);
        }

        var parsed = new Dictionary<int, decimal?>();
        foreach (var year in Years)
        {
            var text = Targets.GetValueOrDefault(year);
            if (!DecimalText.TryParse(text, out var value, out var error))
            {
                ModelState.AddModelError($"Targets[{year}]", $"{year}: {error}");
                continue;
            }

            // A target obeys the same range as a value of its unit of measure (whole counts, 0-100 %...).
            if (value is { } v && PeiTracker.Domain.Entry.ValueRules.Check(Indicator, v) is { } rangeError)
            {
                ModelState.AddModelError($"Targets[{year}]", $"{year}: {rangeError}");
            }

            if (value is null && Indicator.TargetFor(year) is not null && year <= CurrentYear)
            {
                ModelState.AddModelError($"Targets[{year}]", $"{year}: no se puede borrar la meta de un año ya iniciado; revísela con un nuevo valor.");
            }

            parsed[year] = value;
        }

        if (string.IsNullOrWhiteSpace(Reason))
        {
            ModelState.AddModelError(nameof(Reason), "Explique el motivo del cambio: queda en el historial.");
        }
        else if (Reason.Length > 1000)
        {
            ModelState.AddModelError(nameof(Reason), "El motivo no puede superar los 1000 caracteres.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow();
        var user = User.Identity!.Name!;
        var reason = Reason!.Trim();
        var changes = 0;
        foreach (var (year, value) in parsed)
        {
            var existing = Indicator.Targets.SingleOrDefault(t => t.Year == year);
            if (existing?.Value == value)
            {
                continue;
            }

            changes++;
            var revision = Indicator.SetTarget(year, value, CurrentYear, reason);
            db.AddAudit(now, user, AuditKind.Meta, Indicator.Key,
                revision ? $"Logro esperado {year} (revisión)" : $"Logro esperado {year}",
                AuditExtensions.Show(existing?.Value), AuditExtensions.Show(value), reason, Indicator.PlanId, Indicator.Id);
        }

        if (changes == 0)
        {
            TempData["Status"] = "No había cambios que guardar.";
            return RedirectToPage("Indicador", new { id });
        }

        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ConflictMessage = "Otra persona guardó logros esperados de este indicador al mismo tiempo. Sus cambios no se guardaron: estos son los valores actuales.";
            ModelState.Clear();
            return await OnGetAsync(id);
        }

        TempData["Status"] = $"Se guardaron {changes} logro(s) esperado(s).";
        return RedirectToPage("Indicador", new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var indicator = await db.Indicators.Include(i => i.Plan).Include(i => i.Targets).SingleOrDefaultAsync(i => i.Id == id);
        if (indicator is null)
        {
            return false;
        }

        Indicator = indicator;
        Years = indicator.Plan!.Years.ToList();
        CurrentYear = PeruTime.ToLima(clock.GetUtcNow()).Year;
        return true;
    }

    private static string StampOf(Indicator indicator) =>
        string.Join(";", indicator.Targets.OrderBy(t => t.Year).Select(t => $"{t.Year}={t.Value.ToString(CultureInfo.InvariantCulture)}"));
}
