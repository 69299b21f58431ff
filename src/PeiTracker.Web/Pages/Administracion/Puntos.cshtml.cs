using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Points;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Points;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Pages.Administracion;

/// <summary>
/// The institution's reporting points: the list, a form to add one, and a CSV upload that adds and updates points
/// (preview, then confirm with a reason), with their history.
/// </summary>
public class PuntosModel(AppDbContext db, InstitutionScope scope, AuditedWriter writer, ReportingPointImport import) : PageModel
{
    public const int MaxFileBytes = 1024 * 1024;

    public sealed record PointListRow(int Id, string Code, string Name, ReportingPointKind Kind, string Unit, string Region, bool IsActive, int Accounts);

    [BindProperty]
    public PointInput Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Archivo { get; set; }

    /// <summary>The uploaded text, carried from the preview to the confirmation.</summary>
    [BindProperty]
    public string? Texto { get; set; }

    [BindProperty]
    public string? Huella { get; set; }

    [BindProperty]
    public string? MotivoCarga { get; set; }

    public IReadOnlyList<PointListRow> Points { get; private set; } = [];

    public IReadOnlyList<OrganizationalUnit> Units { get; private set; } = [];

    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    public PointImportPlan? Preview { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>The points as the upload reads them back, to edit in a spreadsheet and upload again.</summary>
    public async Task<IActionResult> OnGetDownloadAsync()
    {
        var points = await db.ReportingPoints.AsNoTracking().Include(p => p.Unit).Where(p => p.InstitutionId == scope.HomeInstitutionId).OrderBy(p => p.Code).ToListAsync();
        var text = ReportingPointFile.Write(points.Select(p => (p, p.Unit!.Acronym)));
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(), "text/csv; charset=utf-8", ReportingPointFile.SeedFile);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ChangeReason.Check(ModelState, "Input.Reason", Input.Reason);
        await LoadAsync();
        var others = await db.ReportingPoints.AsNoTracking().Where(p => p.InstitutionId == scope.HomeInstitutionId).ToListAsync();
        var (point, result) = ReportingPoint.Create(scope.HomeInstitutionId!.Value, Input.ToData(Units), others);
        ModelState.AddEditErrors(result, "Input.");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        db.ReportingPoints.Add(point!);
        if (await writer.SaveAsync(new AuditContext(User.Identity!.Name!, point!.Code, Input.Reason!.Trim(), null, null), result) == WriteStatus.Conflict)
        {
            ModelState.AddModelError(string.Empty, $"Otra persona creó el punto {point.Code} hace un momento: revise la lista. No se guardó nada.");
            await LoadAsync();
            return Page();
        }

        TempData["Status"] = $"Punto de registro creado: {point.Label}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        await LoadAsync();
        if (Archivo is null || Archivo.Length == 0)
        {
            ModelState.AddModelError(nameof(Archivo), "Elija el archivo CSV de puntos de registro.");
            return Page();
        }

        if (Archivo.Length > MaxFileBytes)
        {
            ModelState.AddModelError(nameof(Archivo), "El archivo supera 1 MB: una lista de puntos de registro cabe en mucho menos.");
            return Page();
        }

        using var reader = new StreamReader(Archivo.OpenReadStream(), Encoding.UTF8);
        Texto = await reader.ReadToEndAsync();
        Preview = await import.PreviewAsync(scope.HomeInstitutionId!.Value, Texto, addOnly: false);
        Huella = Preview.Fingerprint;
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        ChangeReason.Check(ModelState, nameof(MotivoCarga), MotivoCarga);
        if (!ModelState.IsValid || Texto is null)
        {
            await LoadAsync();
            Preview = Texto is null ? null : await import.PreviewAsync(scope.HomeInstitutionId!.Value, Texto, addOnly: false);
            return Page();
        }

        var (status, plan) = await import.ApplyAsync(scope.HomeInstitutionId!.Value, Texto, addOnly: false, User.Identity!.Name!, MotivoCarga!.Trim(), Huella);
        switch (status)
        {
            case WriteStatus.Saved:
                TempData["Status"] = $"Archivo cargado: {plan.Count(PointImportPlan.New)} punto(s) nuevo(s), {plan.Count(PointImportPlan.Updated)} actualizado(s), {plan.Count(PointImportPlan.Same)} sin cambios.";
                return RedirectToPage();
            case WriteStatus.Unchanged:
                TempData["Status"] = "El archivo no tenía cambios que guardar.";
                return RedirectToPage();
            case WriteStatus.Conflict:
                ModelState.AddModelError(string.Empty, "Los puntos de registro cambiaron desde la vista previa: revise la nueva vista previa y confirme de nuevo. No se guardó nada.");
                break;
            default:
                ModelState.AddModelError(string.Empty, "El archivo tiene errores: corríjalos y vuelva a cargarlo. No se guardó nada.");
                break;
        }

        await LoadAsync();
        Preview = await import.PreviewAsync(scope.HomeInstitutionId!.Value, Texto, addOnly: false);
        Huella = Preview.Fingerprint;
        return Page();
    }

    private async Task LoadAsync()
    {
        Units = await db.OrganizationalUnits.AsNoTracking().Where(u => u.InstitutionId == scope.HomeInstitutionId && u.IsActive).OrderBy(u => u.Acronym).ToListAsync();
        Points = (await db.ReportingPoints.AsNoTracking().Where(p => p.InstitutionId == scope.HomeInstitutionId)
                .Select(p => new { p.Id, p.Code, p.Name, p.Kind, Unit = p.Unit!.Acronym, p.Continent, p.Country, p.Department, p.IsActive, Accounts = db.UserReportingPoints.Count(u => u.PointId == p.Id) })
                .ToListAsync())
            .Select(p => new PointListRow(p.Id, p.Code, p.Name, p.Kind, p.Unit, new ReportingPoint { Code = p.Code, Name = p.Name, Continent = p.Continent, Country = p.Country, Department = p.Department }.Region, p.IsActive, p.Accounts))
            .OrderByDescending(p => p.IsActive).ThenBy(p => p.Kind).ThenBy(p => p.Code, StringComparer.Ordinal).ToList();
        History = await HistoryOf(db, scope.HomeInstitutionId).Take(50).ToListAsync();
    }

    public static IQueryable<AuditEntry> HistoryOf(AppDbContext db, int? institutionId) =>
        db.AuditEntries.AsNoTracking().Where(a => a.Kind == AuditKind.PuntoRegistro && a.PlanId == null && a.InstitutionId == institutionId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id);
}

/// <summary>What the point forms bind; <see cref="Reason"/> goes into the history.</summary>
public sealed class PointInput
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    public ReportingPointKind? Kind { get; set; }

    public int? UnitId { get; set; }

    public string? Continent { get; set; }

    public string? Country { get; set; }

    public string? Department { get; set; }

    public bool IsActive { get; set; } = true;

    public string? Reason { get; set; }

    public uint Version { get; set; }

    /// <summary>The input as the point's rules read it; a unit not among <paramref name="activeUnits"/> reads as none.</summary>
    public ReportingPointData ToData(IEnumerable<OrganizationalUnit> activeUnits) =>
        new(Code, Name, Kind, UnitId, activeUnits.FirstOrDefault(u => u.Id == UnitId)?.Label, Continent, Country, Department, IsActive);
}
