using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data;

/// <summary>
/// The institution that runs the installation: the Ministerio de Relaciones Exteriores (pliego 008), whose plan the
/// app was built for. Accounts that existed before institutions were told apart belong to it (migration
/// UserInstitutions), and so does the first administrator.
/// </summary>
public static class HomeInstitution
{
    public const string PliegoCode = "008";

    public const string Name = "Ministerio de Relaciones Exteriores";

    public const string Sector = "Relaciones Exteriores";

    /// <summary>Pliego 008 when it exists, else the first institution; created when there is none.</summary>
    public static async Task<int> EnsureAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        var institutions = db.Institutions.IgnoreQueryFilters();
        var existing = await institutions.Where(i => i.PliegoCode == PliegoCode).Select(i => (int?)i.Id).SingleOrDefaultAsync(cancellationToken)
            ?? await institutions.OrderBy(i => i.Id).Select(i => (int?)i.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            return id;
        }

        var home = new Institution { PliegoCode = PliegoCode, Name = Name, Sector = Sector, GovernmentLevel = "Nacional", ExecutingUnit = Institution.DefaultExecutingUnit(Name) };
        db.Institutions.Add(home);
        await db.SaveChangesAsync(cancellationToken);
        return home.Id;
    }
}
