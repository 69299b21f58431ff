using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Infrastructure;

/// <summary>
/// Which institutions a request reads, resolved once per request from the person (ADR 0013) and applied to the
/// request's <see cref="AppDbContext"/>, whose query filters then hide every other institution's data: its ids
/// answer 404 as if they did not exist. Everyone reads their own institution; a Sectorista every institution of
/// its sector and a Ceplan all of them, read only. A request nobody signed in to reads no institution.
/// </summary>
public sealed class InstitutionScope(AppDbContext db)
{
    /// <summary>The signed-in person's own institution; null before <see cref="ApplyAsync"/> and for anonymous requests.</summary>
    public int? HomeInstitutionId { get; private set; }

    /// <summary>
    /// The accounts of the person's own institution: the only ones its administrators list and manage (Identity's
    /// tables carry no query filter, so that sign-in and the e-mail's uniqueness see every account).
    /// </summary>
    public IQueryable<AppUser> Users => db.Users.Where(u => u.InstitutionId == HomeInstitutionId);

    /// <summary>The roles that read beyond their institution never change anything, anywhere.</summary>
    public static bool IsReadOnly(ClaimsPrincipal user) => Roles.CrossInstitution.Any(user.IsInRole);

    public async Task ApplyAsync(ClaimsPrincipal user, int homeInstitutionId, CancellationToken cancellationToken = default)
    {
        HomeInstitutionId = homeInstitutionId;
        if (user.IsInRole(Roles.Ceplan))
        {
            db.SeeEveryInstitution(homeInstitutionId);
            return;
        }

        if (user.IsInRole(Roles.Sectorista))
        {
            var sector = db.Institutions.IgnoreQueryFilters().Where(i => i.Id == homeInstitutionId).Select(i => i.Sector);
            var ofSector = await db.Institutions.IgnoreQueryFilters().Where(i => sector.Contains(i.Sector)).Select(i => i.Id).ToListAsync(cancellationToken);
            db.RestrictToInstitutions([homeInstitutionId, .. ofSector], homeInstitutionId);
            return;
        }

        db.RestrictToInstitutions([homeInstitutionId], homeInstitutionId);
    }

    /// <summary>For requests without a person (sign-in page, error page, health): no institution's data.</summary>
    public void SeeNothing()
    {
        HomeInstitutionId = null;
        db.RestrictToInstitutions([], null);
    }
}
