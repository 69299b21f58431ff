using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Notices;

/// <summary>The signed-in person's notices in the app: the bell's unread count, the list, marking them read.</summary>
public sealed class MyNotices(AppDbContext db, IOptions<IdentityOptions> identityOptions, TimeProvider clock)
{
    private string? UserId(ClaimsPrincipal user) => user.FindFirstValue(identityOptions.Value.ClaimsIdentity.UserIdClaimType);

    private IQueryable<OutboxNotice> Of(ClaimsPrincipal user)
    {
        var userId = UserId(user);
        // A daily digest repeats, by e-mail, notices the bell already shows one by one.
        return db.OutboxNotices.Where(n => userId != null && n.RecipientUserId == userId && n.Kind != NoticeKind.ResumenDiario);
    }

    public Task<int> UnreadCountAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        Of(user).CountAsync(n => n.ReadAt == null, cancellationToken);

    public Task<List<OutboxNotice>> LatestAsync(ClaimsPrincipal user, int count, CancellationToken cancellationToken = default) =>
        Of(user).AsNoTracking().OrderByDescending(n => n.Id).Take(count).ToListAsync(cancellationToken);

    /// <summary>Marks one notice (or, without an id, all) of this person read; another person's notice is never touched.</summary>
    public Task<int> MarkReadAsync(ClaimsPrincipal user, long? id, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        return Of(user).Where(n => n.ReadAt == null && (id == null || n.Id == id))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}
