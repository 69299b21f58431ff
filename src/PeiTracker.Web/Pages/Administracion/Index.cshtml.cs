using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;

namespace PeiTracker.Web.Pages.Administracion;

/// <summary>The accounts of the administrator's institution, filtered by text, role and state.</summary>
public class IndexModel(AppDbContext db, InstitutionScope scope, TimeProvider clock) : PageModel
{
    public record UserRow(
        string Id,
        string Email,
        string FullName,
        string? Role,
        IReadOnlyList<string> Units,
        bool IsActive,
        DateTimeOffset? LockedUntil,
        bool MustChangePassword);

    public static readonly IReadOnlyList<(string Value, string Label)> States =
    [
        ("activas", "Activas"),
        ("desactivadas", "Desactivadas"),
        ("bloqueadas", "Bloqueadas"),
        ("cambio", "Con cambio de contraseña pendiente"),
    ];

    /// <summary>Text searched in the e-mail and the name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Rol { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Estado { get; set; }

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public int Total { get; private set; }

    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || !string.IsNullOrEmpty(Rol) || !string.IsNullOrEmpty(Estado);

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow();
        var users = scope.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var text = Q.Trim().ToLowerInvariant();
            users = users.Where(u => u.Email!.ToLower().Contains(text) || u.FullName.ToLower().Contains(text));
        }

        if (Roles.Every.Contains(Rol ?? ""))
        {
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Rol)));
        }

        users = Estado switch
        {
            "activas" => users.Where(u => u.IsActive),
            "desactivadas" => users.Where(u => !u.IsActive),
            "bloqueadas" => users.Where(u => u.LockoutEnd > now),
            "cambio" => users.Where(u => u.MustChangePassword),
            _ => users,
        };

        Total = await scope.Users.CountAsync();
        var rows = await users
            .OrderBy(u => u.Email)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.FullName,
                u.IsActive,
                u.LockoutEnd,
                u.MustChangePassword,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
                Units = u.Units.Select(x => x.Unit!.Acronym).OrderBy(a => a).ToList(),
            })
            .ToListAsync();
        Users = rows.Select(r => new UserRow(
                r.Id,
                r.Email ?? "",
                r.FullName,
                r.Roles.Count == 0 ? null : string.Join(", ", r.Roles.Order(StringComparer.Ordinal)),
                r.Units,
                r.IsActive,
                r.LockoutEnd > now ? r.LockoutEnd : null,
                r.MustChangePassword))
            .ToList();
    }
}
