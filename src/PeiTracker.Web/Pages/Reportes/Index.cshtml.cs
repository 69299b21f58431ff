using Microsoft.AspNetCore.Mvc.RazorPages;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Pages.Reportes;

public class IndexModel(AppDbContext db) : PageModel
{
    public string? PlanCode { get; private set; }

    public async Task OnGetAsync(string? plan) => PlanCode = await db.ResolveCodeAsync(plan);
}
