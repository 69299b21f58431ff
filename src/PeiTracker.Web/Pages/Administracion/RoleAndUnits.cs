using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Pages.Administracion;

/// <summary>
/// What the create and edit forms share: a role, units for a Registrador (those they report for) and for a head of
/// unit (those they head, ADR 0021) only, and for a Planificador only the jefatura de la OGPP, who approves the
/// Informe de evaluación (ADR 0016).
/// </summary>
public interface IRoleAndUnits
{
    string? Role { get; }

    List<int> UnitIds { get; }

    /// <summary>The reporting points a Registrador enters figures for (a consulate's staff), with or without units.</summary>
    List<int> PointIds { get; }

    bool HeadsPlanningOffice { get; }

    bool HeadsUnit { get; }
}

public sealed class RoleAndUnitsValidator : AbstractValidator<IRoleAndUnits>
{
    public const string RegistradorNeedsUnitOrPoint = "Un Registrador necesita al menos una unidad responsable o un punto de registro.";

    public RoleAndUnitsValidator()
    {
        RuleFor(x => x.Role).Must(r => r is not null && Roles.All.Contains(r)).WithMessage("Elija un rol de la lista.");
        RuleFor(x => x.UnitIds).NotEmpty().When(x => x.Role == Roles.Registrador && x.PointIds.Count == 0)
            .WithMessage(RegistradorNeedsUnitOrPoint);
        RuleFor(x => x.PointIds).Empty().When(x => x.Role is not null && x.Role != Roles.Registrador)
            .WithMessage("Solo el rol Registrador tiene puntos de registro: quite los puntos o elija Registrador.");
        RuleFor(x => x.UnitIds).NotEmpty().When(x => x.HeadsUnit && x.Role != Roles.Registrador)
            .WithMessage("Una jefatura de unidad necesita la unidad que dirige: elíjala en la lista.");
        RuleFor(x => x.UnitIds).Empty().When(x => x.Role is not null && x.Role != Roles.Registrador && !x.HeadsUnit)
            .WithMessage("Solo el rol Registrador tiene unidades responsables: quite las unidades, elija Registrador o marque la jefatura de unidad.");
        RuleFor(x => x.HeadsUnit).Must((input, heads) => !heads || input.Role is Roles.Registrador or Roles.Consulta or Roles.Planificador or Roles.Administrador)
            .WithMessage("Una cuenta de lectura de otras entidades (Sectorista, Ceplan) no puede ser jefatura de unidad.");
        RuleFor(x => x.HeadsPlanningOffice).Must((input, heads) => !heads || input.Role == Roles.Planificador)
            .WithMessage("Solo una cuenta con rol Planificador puede ser la jefatura de la OGPP.");
    }
}

public sealed record UnitOption(int Id, string Label);

public static class UnitOptions
{
    public const string UnknownOrInactive = "Una de las unidades elegidas no existe o está desactivada.";

    /// <summary>
    /// The units an account may be given: the active ones, and those it already has (a deactivated unit stays on the
    /// accounts that have it, and reads "desactivada"), but a deactivated unit is never offered to anyone new.
    /// </summary>
    public static Task<List<UnitOption>> LoadAsync(AppDbContext db, IReadOnlyCollection<int>? kept = null)
    {
        var keep = kept ?? [];
        return db.OrganizationalUnits.AsNoTracking()
            .Where(u => u.IsActive || keep.Contains(u.Id))
            .OrderBy(u => u.Name)
            .Select(u => new UnitOption(u.Id, u.Name + " (" + u.Acronym + ")" + (u.IsActive ? "" : " — desactivada")))
            .ToListAsync();
    }

    /// <summary>How a set of units reads in the audit trail: sorted labels, or null for none.</summary>
    public static string? Describe(IEnumerable<int> unitIds, IReadOnlyList<UnitOption> options)
    {
        var labels = options.Where(o => unitIds.Contains(o.Id)).Select(o => o.Label).Order(StringComparer.Ordinal).ToList();
        return labels.Count == 0 ? null : string.Join("; ", labels);
    }
}

public static class PointOptions
{
    public const string Field = "Puntos de registro";
    public const string UnknownOrInactive = "Uno de los puntos de registro elegidos no existe o está desactivado.";

    /// <summary>The points an account may be given: the active ones and those it already has.</summary>
    public static Task<List<UnitOption>> LoadAsync(AppDbContext db, int? institutionId, IReadOnlyCollection<int>? kept = null)
    {
        var keep = kept ?? [];
        return db.ReportingPoints.AsNoTracking()
            .Where(p => p.InstitutionId == institutionId && (p.IsActive || keep.Contains(p.Id)))
            .OrderBy(p => p.Code)
            .Select(p => new UnitOption(p.Id, p.Code + " · " + p.Name + (p.IsActive ? "" : " — desactivado")))
            .ToListAsync();
    }
}
