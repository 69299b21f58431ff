using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PeiTracker.Web.Pages.Transparencia;

/// <summary>
/// Portal de transparencia: for each institution and plan, the periods whose follow-up and Informe de evaluación
/// were approved and published, newest first. Public, cacheable, without script.
/// </summary>
[AllowAnonymous]
public class IndexModel(PublishedRecords published) : PageModel
{
    public IReadOnlyList<PublishedRecords.Listed> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Rows = await published.ListAsync(HttpContext.RequestAborted);
        var content = string.Join("\n", Rows);
        return PublishedRecords.NotModified(HttpContext, content) ? StatusCode(StatusCodes.Status304NotModified) : Page();
    }
}
