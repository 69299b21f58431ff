using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Pages.Reportes;

public class IndexModel(AppDbContext db, Microsoft.AspNetCore.Authorization.IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    public string? PlanCode { get; private set; }

    public IReadOnlyList<int> Years { get; private set; } = [];

    public int DefaultYear { get; private set; }

    public bool CanExport { get; private set; }

    public async Task OnGetAsync(string? plan)
    {
        PlanCode = await db.ResolveCodeAsync(plan);
        var entity = PlanCode is null ? null : await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Code == PlanCode);
        Years = entity?.Years.ToList() ?? [];
        DefaultYear = Math.Clamp(Infrastructure.PeruTime.ToLima(clock.GetUtcNow()).Year - 1, entity?.FirstYear ?? 0, entity?.LastYear ?? 0);
        CanExport = entity is not null && (await authorization.AuthorizeAsync(User, Infrastructure.Policies.EditPlan)).Succeeded;
    }
}
