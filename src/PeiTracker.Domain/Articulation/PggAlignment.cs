using System.Globalization;
using System.Text.RegularExpressions;
using PeiTracker.Domain.Editing;

namespace PeiTracker.Domain.Articulation;

/// <summary>How an OEI or an AEI is linked to the Política General de Gobierno in the Ruta estratégica.</summary>
public enum PggStatus
{
    /// <summary>The plan's copy prints nothing legible for it: pending, not "not prioritised".</summary>
    SinDato = 0,

    /// <summary>Linked to one eje and one of its lineamientos.</summary>
    Vinculado = 1,

    /// <summary>The document prints "No priorizado".</summary>
    NoPriorizado = 2,
}

/// <summary>
/// The "Vinculación con la PGG" of an OEI or an AEI: an eje and one of its lineamientos ("Eje 10 Lin. 10.5"),
/// "No priorizado", or nothing known. The lineamiento is numbered inside its eje (10.5 belongs to eje 10).
/// </summary>
public sealed partial record PggAlignment(PggStatus Status, int? Eje, string? Lineamiento)
{
    public const int MaxEje = 99;

    public static readonly PggAlignment Unknown = new(PggStatus.SinDato, null, null);

    public static readonly PggAlignment NotPrioritised = new(PggStatus.NoPriorizado, null, null);

    public static PggAlignment Linked(int eje, string lineamiento) => new(PggStatus.Vinculado, eje, lineamiento);

    /// <summary>As the Ruta estratégica prints it: "Eje 10 Lin. 10.5", "No priorizado"; "Sin dato" when unknown.</summary>
    public string Describe() => Status switch
    {
        PggStatus.Vinculado => $"Eje {Eje?.ToString(CultureInfo.InvariantCulture)} Lin. {Lineamiento}",
        PggStatus.NoPriorizado => "No priorizado",
        _ => "Sin dato",
    };

    /// <summary>
    /// Reads the cell as the document prints it ("Eje 10 Lin.10.5", "Eje 1 Lin. 1.3", "No priorizado"); null or
    /// blank is <see cref="Unknown"/>. Anything else is not a PGG cell and is refused with an exception: the data
    /// file is wrong, and loading it must stop.
    /// </summary>
    public static PggAlignment Parse(string? printed)
    {
        if (string.IsNullOrWhiteSpace(printed))
        {
            return Unknown;
        }

        if (printed.Trim().Equals("No priorizado", StringComparison.OrdinalIgnoreCase))
        {
            return NotPrioritised;
        }

        var match = PrintedCell().Match(printed.Trim());
        if (!match.Success)
        {
            throw new FormatException($"«{printed}» no es una vinculación con la PGG («Eje N Lin. N.n» o «No priorizado»).");
        }

        var parsed = Linked(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value);
        return parsed.Problem() is { } problem ? throw new FormatException($"«{printed}»: {problem}") : parsed;
    }

    /// <summary>Why this alignment cannot be stored (in Spanish, for the form), or null when it can.</summary>
    public string? Problem()
    {
        if (!Enum.IsDefined(Status))
        {
            return ArticulationMessages.PggStatus;
        }

        if (Status != PggStatus.Vinculado)
        {
            return Eje is null && string.IsNullOrWhiteSpace(Lineamiento) ? null : ArticulationMessages.PggNotLinkedHasEje;
        }

        if (Eje is not { } eje || eje is < 1 or > MaxEje)
        {
            return ArticulationMessages.PggEje;
        }

        var lineamiento = LineamientoNumber().Match(Lineamiento?.Trim() ?? "");
        return lineamiento.Success && lineamiento.Groups[1].Value == eje.ToString(CultureInfo.InvariantCulture)
            ? null
            : ArticulationMessages.PggLineamiento(eje);
    }

    /// <summary>
    /// What setting <paramref name="proposed"/> in place of <paramref name="current"/> changes, for the history, or
    /// why it is refused; applies nothing. Blank eje and lineamiento are the same as none.
    /// </summary>
    public static EditResult Check(PggAlignment current, PggAlignment proposed)
    {
        if (proposed.Problem() is { } problem)
        {
            return EditResult.Refused(ArticulationFields.Pgg, problem);
        }

        var before = current.Describe();
        var after = proposed.Normalized().Describe();
        return before == after
            ? EditResult.Applied([])
            : EditResult.Applied([new FieldChange(AuditKind.Articulacion, ArticulationAuditFields.Pgg, before, after)]);
    }

    /// <summary>Trimmed, and without eje or lineamiento when not linked.</summary>
    public PggAlignment Normalized() =>
        Status == PggStatus.Vinculado ? this with { Lineamiento = Lineamiento?.Trim() } : this with { Eje = null, Lineamiento = null };

    [GeneratedRegex(@"^Eje\s*([0-9]{1,2})\s*Lin\.\s*([0-9]{1,2}\.[0-9]{1,2})$", RegexOptions.IgnoreCase)]
    private static partial Regex PrintedCell();

    [GeneratedRegex(@"^([0-9]{1,2})\.[0-9]{1,2}$")]
    private static partial Regex LineamientoNumber();
}
