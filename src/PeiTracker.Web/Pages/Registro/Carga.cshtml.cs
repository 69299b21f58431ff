using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Entry;
using PeiTracker.Web.Data;
using PeiTracker.Web.Entry;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Imports;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Progress;

namespace PeiTracker.Web.Pages.Registro;

/// <summary>
/// Bulk entry by Excel (ADR 0020): a person downloads their pending indicators of a period as .xlsx, fills values or
/// variables, uploads the file, reads a preview with every change and every error (sheet, row, column), and confirms
/// as drafts or sent. The file waits in <see cref="PendingUploadStore"/> between preview and confirmation; every row
/// goes through <see cref="ValueEntryService"/>, the one write path of values.
/// </summary>
[Authorize(Roles = $"{Roles.Administrador},{Roles.Planificador},{Roles.Registrador}")]
[UploadLimit(2 * BulkEntryImport.MaxFileBytes)]
[RequestSizeLimit(2 * BulkEntryImport.MaxFileBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = 2 * BulkEntryImport.MaxFileBytes)]
public class CargaModel(AppDbContext db, UserScope scope, TimeProvider clock, ValueEntryService entry, BulkEntryImport import, PendingUploadStore uploads, IDataProtectionProvider protection)
    : PlanillaPageModel<BulkPreview, BulkRow>(db, clock, entry, uploads)
{
    public const string ValuesChangedMessage =
        "Los valores cambiaron desde la vista previa (otra persona guardó cambios). No se guardó nada: revise la nueva vista previa y confirme otra vez.";

    /// <summary>The unit whose indicators the planning office downloads (null: all).</summary>
    [BindProperty(SupportsGet = true)]
    public int? Unidad { get; set; }

    public bool IsPlanningOffice { get; private set; }

    public IReadOnlyList<(int Id, string Label)> Units { get; private set; } = [];

    protected override string DefaultFileName => "carga.xlsx";

    protected override string ChangedMessage => ValuesChangedMessage;

    public async Task<IActionResult> OnGetDescargarAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (PeriodProblem is not null)
        {
            return await PageAsync();
        }

        var items = await PendingAsync();
        var now = Clock.GetUtcNow();
        var unit = Unidad is { } id ? Units.FirstOrDefault(u => u.Id == id).Label : null;
        var scopeLabel = IsPlanningOffice ? unit ?? "Todas las unidades orgánicas" : string.Join(", ", items.SelectMany(i => i.Indicator.ResponsibleUnits).Select(u => u.Unit!.Acronym).Distinct().Order(StringComparer.Ordinal).DefaultIfEmpty("Su unidad orgánica"));
        var fileName = $"carga-{Plan!.Code}-{Period.Year}-{Period.QueryValue}.xlsx";
        await Db.RecordAsync(Clock, User, "Carga de valores (planilla)", $"{fileName}; {items.Count} indicador(es)", Plan.Id);
        var bytes = BulkEntryWorkbook.Build(Plan, Period.Year, Period.Kind, scopeLabel, items, protection, now);
        return File(bytes, XlsxWriter.ContentType, fileName);
    }

    protected override BulkPreview Fail(string message) => BulkPreview.Fail(message);

    protected override Task<BulkPreview> PreviewAsync(byte[] content) => import.PreviewAsync(User, Plan!, Period.Year, Period.Kind, content, FileName);

    protected override Task<string?> ConfirmAsync(BulkPreview preview, bool send) => import.ConfirmAsync(User, preview, send ? WorkflowAction.Enviar : WorkflowAction.Guardar);

    protected override IActionResult Confirmed(int saved, bool send)
    {
        TempData["Status"] = send
            ? $"Carga de «{FileName}»: {saved} valor(es) guardado(s) y enviado(s) a la OGPP para su validación."
            : $"Carga de «{FileName}»: {saved} valor(es) guardado(s) como borrador. Recuerde enviarlos a la OGPP.";
        return Redirect($"/Registro?plan={Plan!.Code}&anio={Period.Year}&periodo={Period.QueryValue}");
    }

    protected override async Task LoadChoicesAsync()
    {
        IsPlanningOffice = User.IsInRole(Roles.Administrador) || User.IsInRole(Roles.Planificador);
        if (IsPlanningOffice)
        {
            var planId = Plan!.Id;
            Units = (await Db.Indicators.AsNoTracking().Where(i => i.PlanId == planId).SelectMany(i => i.ResponsibleUnits).Select(u => new { u.Unit!.Id, u.Unit.Acronym, u.Unit.Name }).Distinct().ToListAsync())
                .OrderBy(u => u.Acronym, StringComparer.Ordinal).Select(u => (u.Id, $"{u.Acronym} · {u.Name}")).ToList();
        }
    }

    protected override async Task<int> CountPendingAsync() => (await PendingAsync()).Count;

    /// <summary>
    /// The person's indicators without a value for the period, or with one in borrador or observado; not those
    /// collected by point, whose value is computed from the points' figures (/Registro/CargaPuntos).
    /// </summary>
    private async Task<List<BulkEntryWorkbook.Item>> PendingAsync()
    {
        var (year, kind) = (Period.Year, Period.Kind);
        IReadOnlySet<int>? units = IsPlanningOffice ? Unidad is { } unit ? new HashSet<int> { unit } : null : await scope.UnitIdsAsync(User);
        var indicators = await Db.Indicators.AsNoTracking()
            .Where(i => i.PlanId == Plan!.Id && !i.CollectedByPoint)
            .Where(i => units == null || i.ResponsibleUnits.Any(u => units.Contains(u.UnitId)))
            .Include(i => i.Variables)
            .Include(i => i.ResponsibleUnits).ThenInclude(u => u.Unit)
            .Include(i => i.Values.Where(v => v.Year == year && v.Period == kind)).ThenInclude(v => v.Variables)
            .AsSplitQuery()
            .ToListAsync();
        return indicators
            .Select(i => new BulkEntryWorkbook.Item(i, i.Values.SingleOrDefault()))
            .Where(i => i.Value is null || i.Value.Status is ValueStatus.Borrador or ValueStatus.Observado)
            .OrderBy(i => i.Indicator.Key, StringComparer.Ordinal)
            .ToList();
    }
}
