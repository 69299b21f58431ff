using PeiTracker.Domain.Editing;

namespace PeiTracker.Domain;

/// <summary>Unidad orgánica: an office of the institution responsible for indicators.</summary>
public class OrganizationalUnit
{
    public const int MaxNameLength = 300;
    public const int MaxAcronymLength = 30;

    public int Id { get; set; }

    public int InstitutionId { get; set; }

    public Institution? Institution { get; set; }

    public required string Name { get; set; }

    /// <summary>Siglas, e.g. "DGA" for the Dirección General de América.</summary>
    public required string Acronym { get; set; }

    /// <summary>
    /// A deactivated unit is no longer offered for new assignments (indicators, Registrador accounts); the
    /// indicators and accounts that already name it, and its history, keep it.
    /// </summary>
    public bool IsActive { get; set; } = true;

    /// <summary>PostgreSQL's xmin, used for optimistic concurrency.</summary>
    public uint Version { get; set; }

    /// <summary>How a unit reads in the history and in choices: "DGA · Dirección General de América".</summary>
    public string Label => $"{Acronym} · {Name}";

    /// <summary>A new unit of the institution, or the refusal; <paramref name="others"/> are the institution's units, active or not.</summary>
    public static (OrganizationalUnit? Unit, EditResult Result) Create(int institutionId, string name, string acronym, IEnumerable<OrganizationalUnit> others)
    {
        var (trimmedName, trimmedAcronym, errors) = Check(name, acronym, others);
        if (errors.Count > 0)
        {
            return (null, EditResult.Refused(errors));
        }

        var unit = new OrganizationalUnit { InstitutionId = institutionId, Name = trimmedName, Acronym = trimmedAcronym };
        return (unit, EditResult.Applied([new FieldChange(AuditKind.UnidadOrganica, UnitFields.Created, null, unit.Label)]));
    }

    /// <summary>Renames the unit (name, siglas or both); <paramref name="others"/> are the institution's other units.</summary>
    public EditResult Rename(string name, string acronym, IEnumerable<OrganizationalUnit> others)
    {
        var (trimmedName, trimmedAcronym, errors) = Check(name, acronym, others.Where(u => u.Id != Id));
        if (errors.Count > 0)
        {
            return EditResult.Refused(errors);
        }

        var changes = new List<FieldChange>();
        if (trimmedName != Name)
        {
            changes.Add(new FieldChange(AuditKind.UnidadOrganica, UnitFields.Name, Name, trimmedName));
            Name = trimmedName;
        }

        if (trimmedAcronym != Acronym)
        {
            changes.Add(new FieldChange(AuditKind.UnidadOrganica, UnitFields.Acronym, Acronym, trimmedAcronym));
            Acronym = trimmedAcronym;
        }

        return EditResult.Applied(changes);
    }

    /// <summary>Deactivates or reactivates the unit; nothing changes when it is already so.</summary>
    public EditResult SetActive(bool active)
    {
        if (active == IsActive)
        {
            return EditResult.Applied([]);
        }

        var change = new FieldChange(AuditKind.UnidadOrganica, UnitFields.State, StateLabel(IsActive), StateLabel(active));
        IsActive = active;
        return EditResult.Applied([change]);
    }

    public static string StateLabel(bool active) => active ? "Activa" : "Desactivada";

    private static (string Name, string Acronym, Dictionary<string, string> Errors) Check(string name, string acronym, IEnumerable<OrganizationalUnit> others)
    {
        var trimmedName = (name ?? "").Trim();
        var trimmedAcronym = (acronym ?? "").Trim();
        var errors = new Dictionary<string, string>();
        var existing = others.ToList();
        if (trimmedName.Length == 0)
        {
            errors[UnitFields.NameKey] = UnitFields.NameRequired;
        }
        else if (trimmedName.Length > MaxNameLength)
        {
            errors[UnitFields.NameKey] = UnitFields.NameTooLong;
        }
        else if (existing.FirstOrDefault(u => string.Equals(u.Name.Trim(), trimmedName, StringComparison.OrdinalIgnoreCase)) is { } sameName)
        {
            errors[UnitFields.NameKey] = UnitFields.NameTaken(sameName);
        }

        if (trimmedAcronym.Length == 0)
        {
            errors[UnitFields.AcronymKey] = UnitFields.AcronymRequired;
        }
        else if (trimmedAcronym.Length > MaxAcronymLength || trimmedAcronym.Any(char.IsWhiteSpace))
        {
            errors[UnitFields.AcronymKey] = UnitFields.AcronymShape;
        }
        else if (existing.FirstOrDefault(u => string.Equals(u.Acronym.Trim(), trimmedAcronym, StringComparison.OrdinalIgnoreCase)) is { } sameAcronym)
        {
            errors[UnitFields.AcronymKey] = UnitFields.AcronymTaken(sameAcronym);
        }

        return (trimmedName, trimmedAcronym, errors);
    }
}

/// <summary>The history's field names, the forms' keys and the Spanish messages of the unit rules.</summary>
public static class UnitFields
{
    public const string Created = "Unidad orgánica creada";
    public const string Name = "Nombre";
    public const string Acronym = "Siglas";
    public const string State = "Estado";

    public const string NameKey = "Name";
    public const string AcronymKey = "Acronym";

    public const string NameRequired = "Escriba el nombre de la unidad orgánica.";
    public const string NameTooLong = "El nombre no puede superar los 300 caracteres.";
    public const string AcronymRequired = "Escriba las siglas de la unidad orgánica (por ejemplo, DGA).";
    public const string AcronymShape = "Las siglas deben tener hasta 30 caracteres, sin espacios.";

    public static string NameTaken(OrganizationalUnit other) =>
        $"Ya existe una unidad con ese nombre: {other.Label}{(other.IsActive ? "" : " (desactivada)")}. Elija otro nombre.";

    public static string AcronymTaken(OrganizationalUnit other) =>
        $"Las siglas {other.Acronym} ya son de {other.Name}{(other.IsActive ? "" : " (desactivada)")}. Elija otras siglas.";
}
