using PeiTracker.Domain;

namespace PeiTracker.Web.Data;

/// <summary>
/// A unidad orgánica a Registrador answers for: they enter the values of its indicators.
/// Only Registradores have units; the other roles see the whole plan.
/// </summary>
public class UserUnit
{
    public required string UserId { get; set; }

    public AppUser? User { get; set; }

    public int UnitId { get; set; }

    public OrganizationalUnit? Unit { get; set; }
}
