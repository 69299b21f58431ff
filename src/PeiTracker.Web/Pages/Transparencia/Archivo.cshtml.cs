using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PeiTracker.Web.Pages.Transparencia;

/// <summary>
/// A file of a published version, for anyone: the bytes stored at closing, so every download is identical and its
/// SHA-256 is the one printed next to it. The content never changes, so its tag is its hash and it may be cached for good.
/// </summary>
[AllowAnonymous]
public class ArchivoModel(PublishedRecords published) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id)
    {
        var file = await published.FileAsync(id, HttpContext.RequestAborted);
        if (file is null)
        {
            return NotFound();
        }

        Response.Headers["X-Content-SHA256"] = file.Sha256;
        if (PublishedRecords.NotModifiedByTag(HttpContext, $"\"{file.Sha256}\"", "public, max-age=31536000, immutable"))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        return File(file.Content, file.ContentType, file.Name);
    }
}
