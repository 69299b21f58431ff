using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain.Consistency;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Pages.Plan;

/// <summary>"Validación del plan": every inconsistency of a plan, grouped by severity, each linked to its item.</summary>
public class ValidacionModel(AppDbContext db) : PageModel
{
    public string PlanCode { get; private set; } = "";

    public string PlanName { get; private set; } = "";

    public IReadOnlyList<PlanIssue> Issues { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? plan)
    {
        var code = await db.ResolveCodeAsync(plan);
        var tree = code is null ? null : await db.LoadTreeAsync(code);
        if (tree is null)
        {
            return NotFound();
        }

        PlanCode = tree.Code;
        PlanName = tree.Name;
        var linked = await db.SectoralLinks.Where(l => l.PlanId == tree.Id).Select(l => l.ObjectiveId).Distinct().ToListAsync();
        Issues = PlanConsistencyChecker.Check(tree, new PlanArticulationFacts(linked.ToHashSet()));
        return Page();
    }

    public static string SeverityLabel(IssueSeverity severity) => severity switch
    {
        IssueSeverity.Error => "Errores",
        IssueSeverity.Advertencia => "Advertencias",
        _ => "Pendientes de revisión",
    };

    public string LinkTo(PlanIssue issue) => issue.Target switch
    {
        IssueTarget.Objective or IssueTarget.Action when issue.Kind is PlanConsistencyChecker.WithoutPesem or PlanConsistencyChecker.WithoutPgg =>
            $"/Plan/Articulacion?plan={Uri.EscapeDataString(PlanCode)}#{(issue.Target == IssueTarget.Objective ? "oei" : "aei")}-{issue.Subject}",
        IssueTarget.Indicator => $"/Plan/Indicador/{issue.TargetId}",
        IssueTarget.Objective => $"/Plan?plan={Uri.EscapeDataString(PlanCode)}#oei-{issue.Subject}",
        IssueTarget.Action => $"/Plan?plan={Uri.EscapeDataString(PlanCode)}#aei-{issue.Subject}",
        _ => $"/Plan?plan={Uri.EscapeDataString(PlanCode)}",
    };
}
