namespace PeiTracker.Domain;

/// <summary>A public entity (pliego) that keeps plans, e.g. "008 Ministerio de Relaciones Exteriores".</summary>
public class Institution
{
    public int Id { get; set; }

    /// <summary>Código de pliego, e.g. "008".</summary>
    public required string PliegoCode { get; set; }

    public required string Name { get; set; }

    public required string Sector { get; set; }

    /// <summary>Nivel de gobierno: Nacional, Regional, Local.</summary>
    public required string GovernmentLevel { get; set; }

    public List<OrganizationalUnit> Units { get; set; } = [];

    public List<Plan> Plans { get; set; } = [];

    public string DisplayName => $"{PliegoCode} {Name}";
}
