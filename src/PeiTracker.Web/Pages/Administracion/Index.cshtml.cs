using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Pages.Administracion;

public class IndexModel(AppDbContext db) : PageModel
{
    public record UserRow(string Email, string FullName, IReadOnlyList<string> Roles, bool IsActive, bool LockedOut);

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var rows = await db.Users.AsNoTracking()
            .OrderBy(u => u.Email)
            .Select(u => new
            {
                u.Email,
                u.FullName,
                u.IsActive,
                u.LockoutEnd,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
            })
            .ToListAsync();
        Users = rows.Select(r => new UserRow(r.Email ?? "", r.FullName, r.Roles, r.IsActive, r.LockoutEnd > now)).ToList();
    }
}
