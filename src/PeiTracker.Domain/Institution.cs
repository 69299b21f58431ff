using PeiTracker.Domain.Editing;

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

    /// <summary>
    /// Unidad ejecutora of the pliego whose budget runs the plan, as the Reporte de seguimiento prints it
    /// ("001 - Ministerio de Relaciones Exteriores"). A new institution starts with <see cref="DefaultExecutingUnit"/>.
    /// </summary>
    public string ExecutingUnit { get; set; } = "";

    public List<OrganizationalUnit> Units { get; set; } = [];

    public List<Plan> Plans { get; set; } = [];

    public string DisplayName => $"{PliegoCode} {Name}";

    /// <summary>PostgreSQL's xmin, used for optimistic concurrency.</summary>
    public uint Version { get; set; }

    /// <summary>
    /// The unidad ejecutora an institution starts with until its administrator writes the real one: most pliegos have
    /// a unidad ejecutora 001 named after the entity itself (PeiTracker's assumption, not a CEPLAN rule).
    /// </summary>
    public static string DefaultExecutingUnit(string name) => $"001 - {name}";

    public EditResult ChangeExecutingUnit(string? proposed)
    {
        var text = proposed?.Trim() ?? "";
        if (text.Length == 0)
        {
            return EditResult.Refused(nameof(ExecutingUnit), EditMessages.ExecutingUnitRequired);
        }

        if (text.Length > MaxExecutingUnitLength)
        {
            return EditResult.Refused(nameof(ExecutingUnit), EditMessages.ExecutingUnitTooLong);
        }

        if (text == ExecutingUnit)
        {
            return EditResult.Applied([]);
        }

        var before = ExecutingUnit;
        ExecutingUnit = text;
        return EditResult.Applied([new FieldChange(AuditKind.Institucion, AuditFields.ExecutingUnit, before, text)]);
    }

    public const int MaxExecutingUnitLength = 200;
}
