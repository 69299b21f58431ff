namespace PeiTracker.Domain;

/// <summary>
/// Reads a period named in an address (?periodo=S1) or an API call ("periodo": "SegundoSemestre"): the short
/// forms A, S1 and S2 and the names the API writes back (Anual, PrimerSemestre, SegundoSemestre), in any
/// letter case. Anything else is refused, never read as the annual period: "II" or a typo filed as Anual
/// would put a figure in the wrong period with nobody noticing. Nothing written (absent or blank) is the
/// annual period, the one every plan follows.
/// </summary>
public static class PeriodText
{
    public const string InvalidMessage =
        "El periodo no existe: use A (anual), S1 (primer semestre) o S2 (segundo semestre); también se aceptan Anual, PrimerSemestre y SegundoSemestre.";

    public static bool TryParse(string? text, out PeriodKind kind)
    {
        kind = PeriodKind.Anual;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return true;
        }

        PeriodKind? parsed = trimmed.ToUpperInvariant() switch
        {
            "A" or "ANUAL" => PeriodKind.Anual,
            "S1" or "PRIMERSEMESTRE" => PeriodKind.PrimerSemestre,
            "S2" or "SEGUNDOSEMESTRE" => PeriodKind.SegundoSemestre,
            _ => null,
        };
        kind = parsed ?? PeriodKind.Anual;
        return parsed is not null;
    }

    /// <summary>How addresses and forms write a period.</summary>
    public static string ShortForm(PeriodKind kind) => kind switch
    {
        PeriodKind.PrimerSemestre => "S1",
        PeriodKind.SegundoSemestre => "S2",
        _ => "A",
    };
}
