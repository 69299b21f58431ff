using Microsoft.AspNetCore.Identity;
using PeiTracker.Domain;

namespace PeiTracker.Web.Data;

public class AppUser : IdentityUser
{
    public required string FullName { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Set by an administrator; the user must choose a new password at next login.</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The head of the planning office (jefe de la OGPP): a Planificador who approves the Informe de evaluación (ADR 0016).</summary>
    public bool HeadsPlanningOffice { get; set; }

    /// <summary>The head of the units on the account (jefe de unidad): hears when they are late (ADR 0021) and gets the weekly digest.</summary>
    public bool HeadsUnit { get; set; }

    /// <summary>
    /// The institution the person works for: what they see and change is that institution's
    /// (a Sectorista's and a Ceplan's reading reaches further, see <see cref="Infrastructure.InstitutionScope"/>).
    /// </summary>
    public int InstitutionId { get; set; }

    public Institution? Institution { get; set; }

    /// <summary>The units a Registrador answers for; empty for every other role.</summary>
    public List<UserUnit> Units { get; set; } = [];

    /// <summary>The reporting points a Registrador enters figures for; empty for every other role.</summary>
    public List<UserReportingPoint> Points { get; set; } = [];
}
