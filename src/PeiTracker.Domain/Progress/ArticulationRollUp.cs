using System.Globalization;

namespace PeiTracker.Domain.Progress;

/// <summary>
/// The avance of something the plan is articulated to (an objective of the PESEM, an eje of the PGG) for one period,
/// from the avance of the plan's elements articulated to it. The rule: the simple mean of the members' avance, each
/// member's avance being the one the dashboard shows for it (its own indicators rolled up by
/// <see cref="ProgressCalculator.RollUp"/>, so the plan's weighting, cap and avance type apply there). An OES's avance
/// is the mean of the avance of the OEI the Anexo B-1 links to it; an eje's, the mean of its linked OEI (and, apart,
/// of its linked AEI). Members are not weighted: the plan gives no weight to an OEI's contribution to a PESEM objective,
/// so each counts once (the plain average some CEPLAN-based applications use above the indicator level, see
/// PEI-DOMAIN.md). This is the product's aggregation, not a figure the PESEM or the PGG publishes, and the dashboard
/// says so. A member without avance in the period (sin dato,
/// sin meta) is left out and named, never counted as zero.
/// </summary>
public sealed record ArticulationRollUp(
    decimal? Avance,
    ProgressStatus Status,
    IReadOnlyList<ArticulationRollUp.Member> Included,
    IReadOnlyList<string> WithoutAvance)
{
    /// <summary>A member with its avance in the period (null when it has none).</summary>
    public sealed record Member(string Code, decimal? Avance);

    public int Count => Included.Count + WithoutAvance.Count;

    /// <summary>"(80 + 60) / 2 = 70", or why there is no figure.</summary>
    public string Explanation => Avance is { } avance
        ? $"({string.Join(" + ", Included.Select(m => Number(m.Avance!.Value)))}) / {Included.Count.ToString(CultureInfo.InvariantCulture)} = {Number(avance)}"
        : Count == 0 ? "Nada del plan está articulado con él." : "Ninguno de sus elementos articulados tiene avance en el periodo.";

    public static ArticulationRollUp Of(IEnumerable<Member> members, PlanSettings settings)
    {
        var all = members.ToList();
        var included = all.Where(m => m.Avance is not null).ToList();
        var without = all.Where(m => m.Avance is null).Select(m => m.Code).ToList();
        if (included.Count == 0)
        {
            return new ArticulationRollUp(null, ProgressStatus.SinDato, included, without);
        }

        var avance = included.Sum(m => m.Avance!.Value) / included.Count;
        return new ArticulationRollUp(avance, ProgressCalculator.Colour(avance, settings), included, without);
    }

    private static string Number(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);
}
