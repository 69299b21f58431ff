using Microsoft.EntityFrameworkCore;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Notices;

/// <summary>
/// An active account a notice is addressed to; <see cref="OnIndicatorPage"/> when it reads the value on the indicator's
/// page (a Consulta), not on the value's form.
/// </summary>
public sealed record NoticeRecipient(string UserId, string Email, string Name, bool OnIndicatorPage = false);

/// <summary>
/// Who a notice goes to, always active accounts with an e-mail: the planning office of an institution, the
/// Registradores and the heads of units, the directors of an institution.
/// </summary>
public sealed class NoticeRecipients(AppDbContext db)
{
    /// <summary>Every active Planificador of the institution.</summary>
    public Task<List<NoticeRecipient>> PlanningOfficeAsync(int institutionId, CancellationToken cancellationToken = default) =>
        ToListAsync(InRole(Roles.Planificador).Where(u => u.InstitutionId == institutionId), cancellationToken);

    /// <summary>The active Registradores of any of the units.</summary>
    public Task<List<NoticeRecipient>> RegistradoresAsync(IReadOnlyCollection<int> unitIds, CancellationToken cancellationToken = default) =>
        ToListAsync(InRole(Roles.Registrador).Where(u => u.Units.Any(x => unitIds.Contains(x.UnitId))), cancellationToken);

    /// <summary>The active heads (jefe de unidad) of any of the units, whatever their role.</summary>
    public Task<List<NoticeRecipient>> HeadsAsync(IReadOnlyCollection<int> unitIds, CancellationToken cancellationToken = default) =>
        ToListAsync(Active().Where(u => u.HeadsUnit && u.Units.Any(x => unitIds.Contains(x.UnitId))), cancellationToken);

    /// <summary>The institution's directors: accounts of the reading role (Consulta) and heads of units.</summary>
    public Task<List<NoticeRecipient>> DirectorsAsync(int institutionId, CancellationToken cancellationToken = default) =>
        ToListAsync(Active().Where(u => u.InstitutionId == institutionId)
            .Where(u => u.HeadsUnit || db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Consulta))), cancellationToken);

    private IQueryable<AppUser> Active() => db.Users.AsNoTracking().Where(u => u.IsActive && u.Email != null);

    private IQueryable<AppUser> InRole(string roleName) =>
        from user in Active()
        join userRole in db.UserRoles on user.Id equals userRole.UserId
        join role in db.Roles on userRole.RoleId equals role.Id
        where role.Name == roleName
        select user;

    private static Task<List<NoticeRecipient>> ToListAsync(IQueryable<AppUser> users, CancellationToken cancellationToken) =>
        users.OrderBy(u => u.Email).Select(u => new NoticeRecipient(u.Id, u.Email!, u.FullName)).ToListAsync(cancellationToken);
}
