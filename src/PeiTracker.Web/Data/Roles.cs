namespace PeiTracker.Web.Data;

/// <summary>The roles of the product and what each may do.</summary>
public static class Roles
{
    /// <summary>Manages the users and settings of their institution and everything a Planificador can do.</summary>
    public const string Administrador = "Administrador";

    /// <summary>The planning office (OGPP): maintains the plan, validates values, exports reports.</summary>
    public const string Planificador = "Planificador";

    /// <summary>Staff of a responsible unit: enters the values of the unit's indicators.</summary>
    public const string Registrador = "Registrador";

    /// <summary>Directors and senior management: read only.</summary>
    public const string Consulta = "Consulta";

    /// <summary>The sector head's office: reads the dashboards and published data of every institution of its sector; changes nothing.</summary>
    public const string Sectorista = "Sectorista";

    /// <summary>CEPLAN: reads the dashboards and published data of every institution; changes nothing.</summary>
    public const string Ceplan = "Ceplan";

    /// <summary>Runs the installation: creates institutions and their first administrators.</summary>
    public const string AdministradorPlataforma = "AdministradorPlataforma";

    /// <summary>The roles an institution's Administrador gives to its own people.</summary>
    public static readonly IReadOnlyList<string> All = [Administrador, Planificador, Registrador, Consulta];

    /// <summary>The roles that read beyond their own institution; only the platform administrator gives them.</summary>
    public static readonly IReadOnlyList<string> CrossInstitution = [Sectorista, Ceplan];

    /// <summary>Every role of the product, as created at start-up.</summary>
    public static readonly IReadOnlyList<string> Every = [.. All, .. CrossInstitution, AdministradorPlataforma];
}
