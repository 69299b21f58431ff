using PeiTracker.Domain.Editing;

namespace PeiTracker.Domain.Articulation;

/// <summary>
/// An element of the plan that the Ruta estratégica links to the Política General de Gobierno: an OEI or an AEI.
/// Not an entity of its own: its columns belong to the table of each element.
/// </summary>
public abstract class PggAligned
{
    /// <summary>"Vinculación con la PGG" in the Ruta estratégica; see <see cref="Pgg"/>.</summary>
    public PggStatus PggStatus { get; set; }

    public int? PggEje { get; set; }

    /// <summary>E.g. "10.5", numbered inside <see cref="PggEje"/>.</summary>
    public string? PggLineamiento { get; set; }

    /// <summary>Transcription judgements about its articulation (Ruta estratégica, Anexos B-1 and B-2).</summary>
    public string? ArticulationNotes { get; set; }

    public PggAlignment Pgg => new(PggStatus, PggEje, PggLineamiento);

    /// <summary>Sets the vinculación con la PGG, or refuses it with the reason.</summary>
    public EditResult SetPgg(PggAlignment proposed)
    {
        var result = PggAlignment.Check(Pgg, proposed);
        if (result.IsValid)
        {
            (PggStatus, PggEje, PggLineamiento) = proposed.Normalized();
        }

        return result;
    }
}
