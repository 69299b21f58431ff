using System.Globalization;

namespace PeiTracker.Domain;

/// <summary>
/// What a period reported when it was closed: its figures and the files generated from them, kept as they were.
/// Closing again after a reopening adds the next version; no version is ever edited (the database refuses it).
/// </summary>
public class PeriodSnapshot
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public int Year { get; set; }

    public PeriodKind Period { get; set; }

    /// <summary>1 for the first closing of the period, then one more for each closing after a reopening.</summary>
    public int Version { get; set; }

    public DateTimeOffset TakenAt { get; set; }

    public required string TakenBy { get; set; }

    /// <summary>The closing note, when one was written.</summary>
    public string? Note { get; set; }

    public List<SnapshotFigure> Figures { get; set; } = [];

    public List<SnapshotFile> Files { get; set; } = [];
}

/// <summary>One row of a snapshot: the plan, an objective, an action (their roll-up) or an indicator, as reported.</summary>
public class SnapshotFigure
{
    public int Id { get; set; }

    public int SnapshotId { get; set; }

    public SnapshotFigureKind Kind { get; set; }

    /// <summary>The published code (IOEI.01.01, OEI.01, AEI.01.01) or the plan's code.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public decimal? Target { get; set; }

    public decimal? Value { get; set; }

    public decimal? Avance { get; set; }

    /// <summary>The semáforo word, as readers print it ("Verde", "Sin dato (pendiente de validación)").</summary>
    public required string Status { get; set; }

    /// <summary>For roll-ups, how many indicators the avance rests on ("4 de 22").</summary>
    public string? Coverage { get; set; }

    /// <summary>The unit's comment on the value, for indicators.</summary>
    public string? Comment { get; set; }
}

public enum SnapshotFigureKind
{
    Plan = 0,
    Objetivo = 1,
    Accion = 2,
    Indicador = 3,
}

/// <summary>A file generated at closing, with the SHA-256 of its bytes so a copy sent to CEPLAN can be checked.</summary>
public class SnapshotFile
{
    public int Id { get; set; }

    public int SnapshotId { get; set; }

    public required string Name { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Content { get; set; }

    /// <summary>Lower-case hexadecimal.</summary>
    public required string Sha256 { get; set; }
}

/// <summary>A figure that differs between two versions of a period's snapshot.</summary>
public sealed record FigureChange(string Code, string Name, string Field, string? Before, string? After);

public static class SnapshotDiff
{
    /// <summary>
    /// Every field of every figure that changed from one version to the next, in the order of the newer
    /// version (figures that disappeared come last): what a reader must know changed after the first report.
    /// </summary>
    public static IReadOnlyList<FigureChange> Between(IEnumerable<SnapshotFigure> before, IEnumerable<SnapshotFigure> after)
    {
        // A figure is known by its level and code; one listed twice (an indicator shared by two actions) counts once.
        var old = before.GroupBy(f => (f.Kind, f.Code)).ToDictionary(g => g.Key, g => g.First());
        var changes = new List<FigureChange>();
        var seen = new HashSet<(SnapshotFigureKind, string)>();
        foreach (var figure in after)
        {
            if (!seen.Add((figure.Kind, figure.Code)))
            {
                continue;
            }

            old.TryGetValue((figure.Kind, figure.Code), out var previous);
            foreach (var (field, read) in Fields)
            {
                var was = previous is null ? null : read(previous);
                var now = read(figure);
                if (!string.Equals(was, now, StringComparison.Ordinal))
                {
                    changes.Add(new FigureChange(figure.Code, figure.Name, field, was, now));
                }
            }
        }

        foreach (var gone in old.Values.Where(f => !seen.Contains((f.Kind, f.Code))))
        {
            changes.AddRange(Fields.Select(f => (f.Field, Was: f.Read(gone))).Where(f => f.Was is not null)
                .Select(f => new FigureChange(gone.Code, gone.Name, f.Field, f.Was, null)));
        }

        return changes;
    }

    private static readonly (string Field, Func<SnapshotFigure, string?> Read)[] Fields =
    [
        ("Logro esperado", f => Number(f.Target)),
        ("Valor obtenido", f => Number(f.Value)),
        ("Avance (%)", f => Number(f.Avance)),
        ("Semáforo", f => f.Status),
        ("Indicadores con avance", f => f.Coverage),
        ("Comentario", f => f.Comment),
    ];

    /// <summary>Invariant and without trailing zeros, so 90 and 90.0 are the same figure.</summary>
    private static string? Number(decimal? value) => value?.ToString("0.############", CultureInfo.InvariantCulture);
}
