namespace PeiTracker.Web.Data;

/// <summary>The four roles of the product and what each may do.</summary>
public static class Roles
{
    /// <summary>Manages users, settings and everything a Planificador can do.</summary>
    public const string Administrador = "Administrador";

    /// <summary>The planning office (OGPP): maintains the plan, validates values, exports reports.</summary>
    public const string Planificador = "Planificador";

    /// <summary>Staff of a responsible unit: enters the values of the unit's indicators.</summary>
    public const string Registrador = "Registrador";

    /// <summary>Directors and senior management: read only.</summary>
    public const string Consulta = "Consulta";

    public static readonly IReadOnlyList<string> All = [Administrador, Planificador, Registrador, Consulta];
}
