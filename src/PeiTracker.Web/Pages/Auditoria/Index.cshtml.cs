using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;

namespace PeiTracker.Web.Pages.Auditoria;

/// <summary>The audit trail: every change to values, targets, definitions, users and settings, filterable.</summary>
[Authorize(Policy = Policies.EditPlan)]
public class IndexModel(AppDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Usuario { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Elemento { get; set; }

    [BindProperty(SupportsGet = true)]
    public AuditKind? Tipo { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? Desde { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? Hasta { get; set; }

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int Pagina { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync()
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Usuario))
        {
            var user = Usuario.Trim().ToLower();
            query = query.Where(a => a.UserName.ToLower().Contains(user));
        }

        if (!string.IsNullOrWhiteSpace(Elemento))
        {
            var subject = Elemento.Trim().ToLower();
            query = query.Where(a => a.Subject.ToLower().Contains(subject));
        }

        if (Tipo is { } kind)
        {
            query = query.Where(a => a.Kind == kind);
        }

        // Dates are days in Lima (UTC-5, no daylight saving time).
        if (Desde is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(-5));
            query = query.Where(a => a.At >= start);
        }

        if (Hasta is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(-5));
            query = query.Where(a => a.At < end);
        }

        Total = await query.CountAsync();
        Pagina = Math.Clamp(Pagina, 1, PageCount);
        Entries = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((Pagina - 1) * PageSize).Take(PageSize).ToListAsync();
    }

    public string PageLink(int page)
    {
        var values = new Dictionary<string, string?>
        {
            ["usuario"] = Usuario,
            ["elemento"] = Elemento,
            ["tipo"] = Tipo?.ToString(),
            ["desde"] = Desde?.ToString("yyyy-MM-dd"),
            ["hasta"] = Hasta?.ToString("yyyy-MM-dd"),
            ["pagina"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return "/Auditoria" + Microsoft.AspNetCore.Http.QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    public static string KindLabel(AuditKind kind) => kind switch
    {
        AuditKind.Definicion => "Definición",
        AuditKind.Meta => "Logro esperado",
        AuditKind.LineaBase => "Línea base",
        AuditKind.Valor => "Valor obtenido",
        AuditKind.Objetivo => "OEI",
        AuditKind.Accion => "AEI",
        AuditKind.Usuario => "Usuario",
        AuditKind.Rol => "Rol",
        AuditKind.Configuracion => "Configuración",
        AuditKind.Exportacion => "Exportación",
        AuditKind.Periodo => "Periodo",
        AuditKind.Informe => "Informe de evaluación",
        AuditKind.Articulacion => "Articulación",
        AuditKind.UnidadOrganica => "Unidad orgánica",
        AuditKind.MotivoObservacion => "Motivo de observación",
        AuditKind.Institucion => "Entidad (unidad ejecutora)",
        AuditKind.Aviso => "Aviso por correo",
        AuditKind.Recordatorio => "Recordatorios de plazos",
        _ => kind.ToString(),
    };
}
