using PeiTracker.Domain.Editing;

namespace PeiTracker.Domain.Points;

/// <summary>What a reporting point is: an órgano del servicio exterior or an oficina desconcentrada in Peru.</summary>
public enum ReportingPointKind
{
    Consulado = 0,
    Embajada = 1,
    RepresentacionPermanente = 2,
    OficinaDesconcentrada = 3,
}

/// <summary>
/// Punto de registro: a mission abroad (consulate, embassy, permanent representation) or a decentralised office in
/// Peru that counts the variables of indicators collected by point. It belongs to an institution and to the
/// responsible unidad orgánica it depends on (the consulates to the Dirección General de Comunidades Peruanas en
/// el Exterior). Its region is the continent and country abroad, the department in Peru. The list is data (a file
/// loaded at seed time, a CSV upload and the administration page), never code.
/// </summary>
public class ReportingPoint
{
    public const int MaxCodeLength = 40;
    public const int MaxNameLength = 300;
    public const int MaxPlaceLength = 100;
    public const string Peru = "Perú";

    public int Id { get; set; }

    public int InstitutionId { get; set; }

    public Institution? Institution { get; set; }

    /// <summary>Stable code the forms, the API and the files use, e.g. "CG-MIAMI"; unique within the institution.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public ReportingPointKind Kind { get; set; }

    /// <summary>The unidad orgánica the point depends on.</summary>
    public int UnitId { get; set; }

    public OrganizationalUnit? Unit { get; set; }

    /// <summary>Continent of an organ abroad ("América", "Europa", "Asia", "África", "Oceanía"); "América" for Peru.</summary>
    public required string Continent { get; set; }

    /// <summary>Country of an organ abroad; "Perú" for an oficina desconcentrada.</summary>
    public required string Country { get; set; }

    /// <summary>Department of an oficina desconcentrada in Peru; null abroad.</summary>
    public string? Department { get; set; }

    /// <summary>A deactivated point enters no new figures; what it entered and its history stay.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>PostgreSQL's xmin, used for optimistic concurrency.</summary>
    public uint Version { get; set; }

    /// <summary>How the point reads in the history and in choices: "CG-MIAMI · Consulado General del Perú en Miami".</summary>
    public string Label => $"{Code} · {Name}";

    /// <summary>The region as the breakdown prints it: "América · Estados Unidos" abroad, "Perú · Cusco" at home.</summary>
    public string Region => Department is { Length: > 0 } department ? $"{Peru} · {department}" : $"{Continent} · {Country}";

    /// <summary>A new point, or the refusal; <paramref name="others"/> are the institution's points.</summary>
    public static (ReportingPoint? Point, EditResult Result) Create(int institutionId, ReportingPointData data, IEnumerable<ReportingPoint> others)
    {
        var (clean, errors) = Check(data, others);
        if (errors.Count > 0)
        {
            return (null, EditResult.Refused(errors));
        }

        var point = new ReportingPoint
        {
            InstitutionId = institutionId,
            Code = clean.Code,
            Name = clean.Name,
            Kind = clean.Kind,
            UnitId = clean.UnitId,
            Continent = clean.Continent,
            Country = clean.Country,
            Department = clean.Department,
            IsActive = clean.IsActive,
        };
        return (point, EditResult.Applied([new FieldChange(AuditKind.PuntoRegistro, PointFields.Created, null, point.Describe(clean.UnitLabel))]));
    }

    /// <summary>Applies the new data (the code included); <paramref name="others"/> are the institution's points, this one among them or not.</summary>
    public EditResult Edit(ReportingPointData data, string? currentUnitLabel, IEnumerable<ReportingPoint> others)
    {
        var (clean, errors) = Check(data, others.Where(p => !ReferenceEquals(p, this) && (Id == 0 || p.Id != Id)));
        if (errors.Count > 0)
        {
            return EditResult.Refused(errors);
        }

        var changes = new List<FieldChange>();
        void Track(string field, string? before, string? after)
        {
            if (before != after)
            {
                changes.Add(new FieldChange(AuditKind.PuntoRegistro, field, before, after));
            }
        }

        Track(PointFields.Code, Code, clean.Code);
        Track(PointFields.Name, Name, clean.Name);
        Track(PointFields.Kind, Labels.Of(Kind), Labels.Of(clean.Kind));
        Track(PointFields.Unit, UnitId == clean.UnitId ? null : currentUnitLabel, UnitId == clean.UnitId ? null : clean.UnitLabel);
        Track(PointFields.Region, Region, clean.Region);
        Track(PointFields.State, StateLabel(IsActive), StateLabel(clean.IsActive));
        (Code, Name, Kind, UnitId, Continent, Country, Department, IsActive) =
            (clean.Code, clean.Name, clean.Kind, clean.UnitId, clean.Continent, clean.Country, clean.Department, clean.IsActive);
        return EditResult.Applied(changes);
    }

    /// <summary>Deactivates or reactivates the point; nothing changes when it is already so.</summary>
    public EditResult SetActive(bool active)
    {
        if (active == IsActive)
        {
            return EditResult.Applied([]);
        }

        var change = new FieldChange(AuditKind.PuntoRegistro, PointFields.State, StateLabel(IsActive), StateLabel(active));
        IsActive = active;
        return EditResult.Applied([change]);
    }

    public static string StateLabel(bool active) => active ? "Activo" : "Desactivado";

    private string Describe(string? unitLabel) => $"{Name} ({Labels.Of(Kind)}; {Region}; {unitLabel}){(IsActive ? "" : "; desactivado")}";

    private static (CleanData Data, Dictionary<string, string> Errors) Check(ReportingPointData data, IEnumerable<ReportingPoint> others)
    {
        var errors = new Dictionary<string, string>();
        var code = (data.Code ?? "").Trim().ToUpperInvariant();
        var name = (data.Name ?? "").Trim();
        var continent = (data.Continent ?? "").Trim();
        var country = (data.Country ?? "").Trim();
        var department = string.IsNullOrWhiteSpace(data.Department) ? null : data.Department.Trim();
        var existing = others.ToList();
        if (code.Length == 0)
        {
            errors[PointFields.CodeKey] = PointFields.CodeRequired;
        }
        else if (code.Length > MaxCodeLength || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
        {
            errors[PointFields.CodeKey] = PointFields.CodeShape;
        }
        else if (existing.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase)) is { } sameCode)
        {
            errors[PointFields.CodeKey] = $"El código {code} ya es de {sameCode.Name}{(sameCode.IsActive ? "" : " (desactivado)")}. Elija otro código.";
        }

        if (name.Length == 0)
        {
            errors[PointFields.NameKey] = "Escriba el nombre del punto de registro (por ejemplo, Consulado General del Perú en Miami).";
        }
        else if (name.Length > MaxNameLength)
        {
            errors[PointFields.NameKey] = $"El nombre no puede superar los {MaxNameLength} caracteres.";
        }

        if (data.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors[PointFields.KindKey] = "Elija el tipo: consulado, embajada, representación permanente u oficina desconcentrada.";
            kind = default;
        }

        if (data.UnitId is not { } unitId || data.UnitLabel is null)
        {
            errors[PointFields.UnitKey] = "Elija la unidad orgánica de la que depende el punto (una unidad activa de la institución).";
            unitId = 0;
        }

        if (kind == ReportingPointKind.OficinaDesconcentrada)
        {
            (continent, country) = ("América", Peru);
            if (department is null)
            {
                errors[PointFields.DepartmentKey] = "Escriba el departamento del Perú donde está la oficina desconcentrada.";
            }
        }
        else
        {
            department = null;
            if (continent.Length == 0)
            {
                errors[PointFields.ContinentKey] = "Escriba el continente del órgano en el exterior (América, Europa, Asia, África u Oceanía).";
            }

            if (country.Length == 0)
            {
                errors[PointFields.CountryKey] = "Escriba el país del órgano en el exterior.";
            }
        }

        if (continent.Length > MaxPlaceLength || country.Length > MaxPlaceLength || department?.Length > MaxPlaceLength)
        {
            errors[PointFields.CountryKey] = $"El continente, el país y el departamento no pueden superar los {MaxPlaceLength} caracteres.";
        }

        return (new CleanData(code, name, kind, unitId, data.UnitLabel, continent, country, department, data.IsActive), errors);
    }

    private sealed record CleanData(string Code, string Name, ReportingPointKind Kind, int UnitId, string? UnitLabel, string Continent, string Country, string? Department, bool IsActive)
    {
        public string Region => Department is { Length: > 0 } department ? $"{Peru} · {department}" : $"{Continent} · {Country}";
    }
}

/// <summary>A point as a form or a file row gives it; <see cref="UnitLabel"/> is null when the unit named is not an active unit of the institution.</summary>
public sealed record ReportingPointData(string? Code, string? Name, ReportingPointKind? Kind, int? UnitId, string? UnitLabel, string? Continent, string? Country, string? Department, bool IsActive = true);

/// <summary>The history's field names, the forms' keys of the reporting point rules.</summary>
public static class PointFields
{
    public const string Created = "Punto de registro creado";
    public const string Code = "Código";
    public const string Name = "Nombre";
    public const string Kind = "Tipo";
    public const string Unit = "Unidad orgánica";
    public const string Region = "Región";
    public const string State = "Estado";

    public const string CodeKey = "Code";
    public const string NameKey = "Name";
    public const string KindKey = "Kind";
    public const string UnitKey = "Unit";
    public const string ContinentKey = "Continent";
    public const string CountryKey = "Country";
    public const string DepartmentKey = "Department";

    public const string CodeRequired = "Escriba el código del punto de registro (por ejemplo, CG-MIAMI).";
    public const string CodeShape = "El código debe tener hasta 40 caracteres: letras sin tilde, cifras, guion, punto o guion bajo, sin espacios.";
}
