using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Infrastructure;

/// <summary>
/// Which part of their institution's plans a signed-in person works on (the institution itself is
/// <see cref="InstitutionScope"/>'s). Administradores, Planificadores and Consulta see every indicator;
/// a Registrador sees only the indicators of the units they answer for; the cross-institution readers
/// (Sectorista, Ceplan) have no units, so nothing here is theirs to enter or to download.
/// </summary>
public sealed class UserScope(AppDbContext db, IOptions<IdentityOptions> identityOptions)
{
    private static readonly string[] RolesThatSeeEverything = [Roles.Administrador, Roles.Planificador, Roles.Consulta];

    public bool SeesEverything(ClaimsPrincipal user) => RolesThatSeeEverything.Any(user.IsInRole);

    /// <summary>The ids of the units the user answers for; empty for anonymous users and for roles without units.</summary>
    public async Task<IReadOnlySet<int>> UnitIdsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var userId = UserIdOf(user);
        return userId is null ? new HashSet<int>()
            : (await db.UserUnits.AsNoTracking().Where(x => x.UserId == userId).Select(x => x.UnitId).ToListAsync(cancellationToken)).ToHashSet();
    }

    /// <summary>The ids of the reporting points the user enters figures for; empty for anonymous users and for roles without points.</summary>
    public async Task<IReadOnlySet<int>> PointIdsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var userId = UserIdOf(user);
        return userId is null ? new HashSet<int>()
            : (await db.UserReportingPoints.AsNoTracking().Where(x => x.UserId == userId).Select(x => x.PointId).ToListAsync(cancellationToken)).ToHashSet();
    }

    private string? UserIdOf(ClaimsPrincipal user) => user.FindFirstValue(identityOptions.Value.ClaimsIdentity.UserIdClaimType);
}
