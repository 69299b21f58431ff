namespace PeiTracker.Domain;

/// <summary>Unidad orgánica: an office of the institution responsible for indicators.</summary>
public class OrganizationalUnit
{
    public int Id { get; set; }

    public int InstitutionId { get; set; }

    public Institution? Institution { get; set; }

    public required string Name { get; set; }

    /// <summary>Siglas, e.g. "DGA" for the Dirección General de América.</summary>
    public required string Acronym { get; set; }
}
