using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;

namespace PeiTracker.Web.Pages.Plan;

/// <summary>The planning office edits an indicator's ficha técnica and línea base, with a required reason.</summary>
[Authorize(Policy = Policies.EditPlan)]
public class EditarIndicadorModel(AppDbContext db, TimeProvider clock, IValidator<EditarIndicadorModel.InputModel> validator) : PageModel
{
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

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator()
        {
            RuleFor(x => x.Name).NotEmpty().WithMessage("El nombre del indicador es obligatorio.")
                .MaximumLength(1000).WithMessage("El nombre no puede superar los 1000 caracteres.");
            RuleFor(x => x.Relevance).InclusiveBetween(Indicator.MinRelevance, Indicator.MaxRelevance)
                .WithMessage("La relevancia debe ser 1 (muy relevante), 2 (relevante) o 3 (poco relevante).");
            RuleFor(x => x.Decimals).InclusiveBetween(0, Indicator.MaxDecimals)
                .WithMessage($"Los decimales deben estar entre 0 y {Indicator.MaxDecimals}.");
            RuleFor(x => x.Unit).IsInEnum().WithMessage("Elija una unidad de medida de la lista.");
            RuleFor(x => x.Direction).IsInEnum().WithMessage("Elija un sentido esperado de la lista.");
            RuleFor(x => x.Aggregation).IsInEnum().WithMessage("Elija un tipo de agregación de la lista.");
            RuleFor(x => x.LimitKind).NotNull().When(x => x.Direction == Direction.NoDefinido)
                .WithMessage("Un indicador de sentido «no definido» necesita un máximo o mínimo permisible.");
            RuleFor(x => x.PermissibleLimit).NotEmpty().When(x => x.Direction == Direction.NoDefinido)
                .WithMessage("Indique el valor del límite permisible.");
            RuleFor(x => x.PermissibleLimit).Must(BeANumber).WithMessage(x => NumberError(x.PermissibleLimit));
            RuleFor(x => x.BaselineValue).Must(BeANumber).WithMessage(x => NumberError(x.BaselineValue));
            RuleFor(x => x.BaselineYear).Must(y => string.IsNullOrWhiteSpace(y) || (int.TryParse(y, out var year) && year is >= 2000 and <= 2100))
                .WithMessage("El año de la línea base debe ser un año entre 2000 y 2100.");
            RuleFor(x => x.BaselineYear).NotEmpty().When(x => !string.IsNullOrWhiteSpace(x.BaselineValue))
                .WithMessage("Indique el año de la línea base.");
            RuleFor(x => x.UnitIds).NotEmpty().WithMessage("Elija al menos una unidad responsable.");
            RuleFor(x => x.Justification).MaximumLength(4000).WithMessage("Máximo 4000 caracteres.");
            RuleFor(x => x.LimitationsAndAssumptions).MaximumLength(4000).WithMessage("Máximo 4000 caracteres.");
            RuleFor(x => x.CalculationMethod).MaximumLength(4000).WithMessage("Máximo 4000 caracteres.");
            RuleFor(x => x.DataSource).MaximumLength(4000).WithMessage("Máximo 4000 caracteres.");
            RuleFor(x => x.Reason).NotEmpty().WithMessage("Explique el motivo del cambio: queda en el historial.")
                .MaximumLength(1000).WithMessage("El motivo no puede superar los 1000 caracteres.");
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
            BaselineYear = i.BaselineYear?.ToString(System.Globalization.CultureInfo.InvariantCulture),
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

        var validUnitIds = UnitOptions.Select(o => int.Parse(o.Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        if (Input.UnitIds.Any(u => !validUnitIds.Contains(u)))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.UnitIds)}", "Una de las unidades elegidas no pertenece a la institución.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var indicator = Indicator;
        if (indicator.Version != Input.Version)
        {
            ConflictMessage = "Otra persona modificó este indicador mientras usted lo editaba. Sus cambios no se guardaron: revise los datos actuales (abajo) y vuelva a aplicarlos.";
            ModelState.Clear();
            await OnGetAsync(id);
            return Page();
        }

        DecimalText.TryParse(Input.BaselineValue, out var baselineValue, out _);
        DecimalText.TryParse(Input.PermissibleLimit, out var limit, out _);
        int? baselineYear = string.IsNullOrWhiteSpace(Input.BaselineYear) ? null : int.Parse(Input.BaselineYear, System.Globalization.CultureInfo.InvariantCulture);
        var now = clock.GetUtcNow();
        var user = User.Identity!.Name!;
        var changes = 0;

        void Track(AuditKind kind, string field, string? before, string? after)
        {
            if (before == after)
            {
                return;
            }

            changes++;
            db.AddAudit(now, user, kind, indicator.Key, field, before, after, Input.Reason, indicator.PlanId, indicator.Id);
        }

        Track(AuditKind.Definicion, "Nombre", indicator.Name, Input.Name.Trim());
        Track(AuditKind.Definicion, "Unidad de medida", Labels.Of(indicator.Unit), Labels.Of(Input.Unit));
        Track(AuditKind.Definicion, "Sentido esperado", Labels.Of(indicator.Direction), Labels.Of(Input.Direction));
        var newLimitKind = Input.Direction == Direction.NoDefinido ? Input.LimitKind : null;
        var newLimit = Input.Direction == Direction.NoDefinido ? limit : null;
        Track(AuditKind.Definicion, "Límite permisible", LimitText(indicator.LimitKind, indicator.PermissibleLimit), LimitText(newLimitKind, newLimit));
        Track(AuditKind.Definicion, "Tipo de agregación", Labels.Of(indicator.Aggregation), Labels.Of(Input.Aggregation));
        Track(AuditKind.Definicion, "Relevancia", indicator.Relevance.ToString(System.Globalization.CultureInfo.InvariantCulture), Input.Relevance.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Track(AuditKind.Definicion, "Decimales", indicator.Decimals.ToString(System.Globalization.CultureInfo.InvariantCulture), Input.Decimals.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Track(AuditKind.Definicion, "Admite más de 100 %", indicator.AllowsOver100 ? "Sí" : "No", Input.AllowsOver100 ? "Sí" : "No");
        Track(AuditKind.Definicion, "Justificación", indicator.Justification, Clean(Input.Justification));
        Track(AuditKind.Definicion, "Limitaciones y supuestos", indicator.LimitationsAndAssumptions, Clean(Input.LimitationsAndAssumptions));
        Track(AuditKind.Definicion, "Método de cálculo", indicator.CalculationMethod, Clean(Input.CalculationMethod));
        Track(AuditKind.Definicion, "Fuente de datos", indicator.DataSource, Clean(Input.DataSource));
        Track(AuditKind.LineaBase, "Línea base", BaselineText(indicator.BaselineYear, indicator.BaselineValue), BaselineText(baselineYear, baselineValue));
        var unitNames = UnitOptions.ToDictionary(o => int.Parse(o.Value, System.Globalization.CultureInfo.InvariantCulture), o => o.Text);
        Track(AuditKind.Definicion, "Unidades responsables",
            string.Join("; ", indicator.ResponsibleUnits.Select(u => unitNames[u.UnitId]).Order()),
            string.Join("; ", Input.UnitIds.Distinct().Select(u => unitNames[u]).Order()));
        var inferredAfter = Input.MarkReviewed ? InferredFields.None : indicator.Inferred;
        Track(AuditKind.Definicion, "Campos inferidos", indicator.Inferred.ToString(), inferredAfter.ToString());

        if (changes == 0)
        {
            TempData["Status"] = "No había cambios que guardar.";
            return RedirectToPage("Indicador", new { id });
        }

        indicator.Name = Input.Name.Trim();
        indicator.Unit = Input.Unit;
        indicator.Direction = Input.Direction;
        indicator.LimitKind = newLimitKind;
        indicator.PermissibleLimit = newLimit;
        indicator.Aggregation = Input.Aggregation;
        indicator.Relevance = Input.Relevance;
        indicator.Decimals = Input.Decimals;
        indicator.AllowsOver100 = Input.AllowsOver100;
        indicator.Justification = Clean(Input.Justification);
        indicator.LimitationsAndAssumptions = Clean(Input.LimitationsAndAssumptions);
        indicator.CalculationMethod = Clean(Input.CalculationMethod);
        indicator.DataSource = Clean(Input.DataSource);
        indicator.BaselineYear = baselineYear;
        indicator.BaselineValue = baselineValue;
        indicator.Inferred = inferredAfter;
        indicator.ResponsibleUnits.RemoveAll(u => !Input.UnitIds.Contains(u.UnitId));
        foreach (var unitId in Input.UnitIds.Distinct().Where(u => indicator.ResponsibleUnits.All(r => r.UnitId != u)))
        {
            indicator.ResponsibleUnits.Add(new IndicatorResponsibleUnit { IndicatorId = indicator.Id, UnitId = unitId });
        }

        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ConflictMessage = "Otra persona guardó cambios en este indicador al mismo tiempo. Sus cambios no se guardaron: revise los datos actuales y vuelva a aplicarlos.";
            ModelState.Clear();
            await OnGetAsync(id);
            return Page();
        }

        TempData["Status"] = $"Se guardaron {changes} cambio(s) en la ficha técnica.";
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
        UnitOptions = await db.OrganizationalUnits.AsNoTracking()
            .Where(u => u.InstitutionId == indicator.Plan!.InstitutionId)
            .OrderBy(u => u.Name)
            .Select(u => new SelectListItem($"{u.Name} ({u.Acronym})", u.Id.ToString()))
            .ToListAsync();
        return true;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? BaselineText(int? year, decimal? value) =>
        year is null && value is null ? null : $"{AuditExtensions.Show(value) ?? "sin valor"} ({year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "sin año"})";

    private static string? LimitText(PermissibleLimitKind? kind, decimal? value) =>
        kind is null ? null : $"{Labels.Of(kind.Value)}: {AuditExtensions.Show(value)}";
}
