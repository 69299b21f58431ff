using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeiTracker.Web.Notices;

namespace PeiTracker.Web.Pages.Avisos;

/// <summary>The person's own notices, newest first: what happened, where to act, and marking them read.</summary>
public class IndexModel(MyNotices notices) : PageModel
{
    public const int Shown = 100;

    public IReadOnlyList<OutboxNotice> Notices { get; private set; } = [];

    public async Task OnGetAsync() => Notices = await notices.LatestAsync(User, Shown);

    public async Task<IActionResult> OnPostReadAsync(long id)
    {
        // An id that is not a number binds as 0, which no notice has: nothing is marked.
        if (ModelState.IsValid)
        {
            await notices.MarkReadAsync(User, id);
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        await notices.MarkReadAsync(User, id: null);
        return RedirectToPage();
    }
}
