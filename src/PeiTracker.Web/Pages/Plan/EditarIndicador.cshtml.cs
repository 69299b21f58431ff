using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Editing;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Pages.Plan;

/// <summary>The planning office edits an indicator's ficha técnica and línea base, with a required reason.</summary>
[Authorize(Policy = Policies.EditPlan)]
public class EditarIndicadorModel(AppDbContext db, AuditedWriter writer, IValidator<EditarIndicadorModel.InputModel> validator) : PageModel
{
    public const string ConflictText =
        "Otra persona modificó este indicador o sus logros esperados mientras usted lo editaba. Sus cambios no se guardaron: revise los datos actuales (abajo) y vuelva a aplicarlos.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Indicator Indicator { get; private set; } = null!;

    public IReadOnlyList<SelectListItem> UnitOptions { get; private set; } = [];

    public string? ConflictMessage { get; private set; }

    public class InputModel
    {
        public string Name { get; set; } = "";

        public UnitOfMeasure Unit { get; set; }

        public Direction Direction { get; set; }

        public PermissibleLimitKind? LimitKind { get; set; }

        public string? PermissibleLimit { get; set; }

        public Aggregation Aggregation { get; set; }

        public int Relevance { get; set; }

        public int Decimals { get; set; }

        public bool AllowsOver100 { get; set; }

        public string? Justification { get; set; }

        public string? LimitationsAndAssumptions { get; set; }

        public string? CalculationMethod { get; set; }

        public string? DataSource { get; set; }

        public string? BaselineYear { get; set; }

        public string? BaselineValue { get; set; }

        public List<int> UnitIds { get; set; } = [];

        /// <summary>The planning office confirms the inferred fields; they stop showing as pending.</summary>
        public bool MarkReviewed { get; set; }

        public string? Reason { get; set; }

        public uint Version { get; set; }
    }

    /// <summary>What only the form can check (the text of numbers, the reason); the ficha's rules are the indicator's own (<see cref="Indicator.EditDefinition"/>).</summary>
    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator()
        {
            RuleFor(x => x.PermissibleLimit).Must(BeANumber).WithMessage(x => NumberError(x.PermissibleLimit));
            RuleFor(x => x.BaselineValue).Must(BeANumber).WithMessage(x => NumberError(x.BaselineValue));
            RuleFor(x => x.BaselineYear).Must(y => string.IsNullOrWhiteSpace(y) || int.TryParse(y, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                .WithMessage(EditMessages.BaselineYear);
            RuleFor(x => x.Reason).NotEmpty().WithMessage(ChangeReason.RequiredMessage)
                .MaximumLength(ChangeReason.MaxLength).WithMessage(ChangeReason.TooLongMessage);
        }

        private static bool BeANumber(string? text) => DecimalText.TryParse(text, out _, out _);

        private static string NumberError(string? text) => DecimalText.TryParse(text, out _, out var error) ? "" : error!;
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var i = Indicator;
        Input = new InputModel
        {
            Name = i.Name,
            Unit = i.Unit,
            Direction = i.Direction,
            LimitKind = i.LimitKind,
            PermissibleLimit = DecimalText.ToInput(i.PermissibleLimit),
            Aggregation = i.Aggregation,
            Relevance = i.Relevance,
            Decimals = i.Decimals,
            AllowsOver100 = i.AllowsOver100,
            Justification = i.Justification,
            LimitationsAndAssumptions = i.LimitationsAndAssumptions,
            CalculationMethod = i.CalculationMethod,
            DataSource = i.DataSource,
            BaselineYear = i.BaselineYear?.ToString(CultureInfo.InvariantCulture),
            BaselineValue = DecimalText.ToInput(i.BaselineValue),
            UnitIds = i.ResponsibleUnits.Select(u => u.UnitId).ToList(),
            Version = i.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var validation = await validator.ValidateAsync(Input);
        foreach (var failure in validation.Errors)
        {
            ModelState.AddModelError($"{nameof(Input)}.{failure.PropertyName}", failure.ErrorMessage);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        DecimalText.TryParse(Input.BaselineValue, out var baselineValue, out _);
        DecimalText.TryParse(Input.PermissibleLimit, out var limit, out _);
        int? baselineYear = string.IsNullOrWhiteSpace(Input.BaselineYear) ? null : int.Parse(Input.BaselineYear, NumberStyles.Integer, CultureInfo.InvariantCulture);
        var definition = new IndicatorDefinition
        {
            Name = Input.Name ?? "",
            Unit = Input.Unit,
            Direction = Input.Direction,
            LimitKind = Input.LimitKind,
            PermissibleLimit = limit,
            Aggregation = Input.Aggregation,
            Relevance = Input.Relevance,
            Decimals = Input.Decimals,
            AllowsOver100 = Input.AllowsOver100,
            Justification = Input.Justification,
            LimitationsAndAssumptions = Input.LimitationsAndAssumptions,
            CalculationMethod = Input.CalculationMethod,
            DataSource = Input.DataSource,
            UnitIds = Input.UnitIds,
            MarkReviewed = Input.MarkReviewed,
        };
        var units = UnitOptions.ToDictionary(o => int.Parse(o.Value, CultureInfo.InvariantCulture), o => o.Text);
        writer.Expect(Indicator, Input.Version);
        var edit = Indicator.EditDefinition(definition, new Baseline(baselineYear, baselineValue), units);
        var context = new AuditContext(User.Identity!.Name!, Indicator.Key, Input.Reason!.Trim(), Indicator.PlanId, Indicator.Id);
        return await writer.SaveAsync(context, edit) switch
        {
            WriteStatus.Invalid => Refused(edit),
            WriteStatus.Conflict => await ConflictAsync(id),
            WriteStatus.Unchanged => Done(id, "No había cambios que guardar."),
            _ => Done(id, $"Se guardaron {edit.Changes.Count} cambio(s) en la ficha técnica."),
        };
    }

    private PageResult Refused(EditResult edit)
    {
        ModelState.AddEditErrors(edit, $"{nameof(Input)}.");
        return Page();
    }

    private async Task<IActionResult> ConflictAsync(int id)
    {
        ConflictMessage = ConflictText;
        ModelState.Clear();
        await OnGetAsync(id);
        return Page();
    }

    private RedirectToPageResult Done(int id, string status)
    {
        TempData["Status"] = status;
        return RedirectToPage("Indicador", new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var indicator = await db.Indicators
            .Include(i => i.ResponsibleUnits)
            .Include(i => i.Plan)
            .SingleOrDefaultAsync(i => i.Id == id);
        if (indicator is null)
        {
            return false;
        }

        Indicator = indicator;
        // A deactivated unit stays on the indicators that have it but is not offered to the others.
        var assigned = indicator.ResponsibleUnits.Select(u => u.UnitId).ToList();
        UnitOptions = await db.OrganizationalUnits.AsNoTracking()
            .Where(u => u.InstitutionId == indicator.Plan!.InstitutionId && (u.IsActive || assigned.Contains(u.Id)))
            .OrderBy(u => u.Name)
            .Select(u => new SelectListItem($"{u.Name} ({u.Acronym}){(u.IsActive ? "" : " — desactivada")}", u.Id.ToString()))
            .ToListAsync();
        return true;
    }
}
