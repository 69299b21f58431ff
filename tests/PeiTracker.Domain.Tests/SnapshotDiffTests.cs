namespace PeiTracker.Domain.Tests;

/// <summary>What a newer version of a period's report changed against the one before.</summary>
public class SnapshotDiffTests
{
    private static SnapshotFigure Figure(string code, decimal? value = 10m, string status = "Verde", decimal? target = 10m, decimal? avance = 100m,
        string? coverage = null, string? comment = null, SnapshotFigureKind kind = SnapshotFigureKind.Indicador) =>
        new() { Kind = kind, Code = code, Name = "Nombre " + code, Value = value, Status = status, Target = target, Avance = avance, Coverage = coverage, Comment = comment };

    private static string Describe(IEnumerable<FigureChange> changes) =>
        string.Join(" | ", changes.Select(c => $"{c.Code} {c.Field}: {c.Before ?? "∅"} → {c.After ?? "∅"}"));

    public static TheoryData<string, SnapshotFigure, SnapshotFigure, string> SingleFigure => new()
    {
        { "same figures", Figure("I.1"), Figure("I.1"), "" },
        { "same number written differently", Figure("I.1", value: 90m), Figure("I.1", value: 90.000m), "" },
        { "value appears", Figure("I.1", value: null, status: "Sin dato", avance: null), Figure("I.1", value: 8m, status: "Amarillo", avance: 80m),
            "I.1 Valor obtenido: ∅ → 8 | I.1 Avance (%): ∅ → 80 | I.1 Semáforo: Sin dato → Amarillo" },
        { "value corrected", Figure("I.1", value: 8m, avance: 80m, status: "Amarillo"), Figure("I.1", value: 9.5m, avance: 95m, status: "Verde"),
            "I.1 Valor obtenido: 8 → 9.5 | I.1 Avance (%): 80 → 95 | I.1 Semáforo: Amarillo → Verde" },
        { "target changed", Figure("I.1", target: 10m), Figure("I.1", target: 12m), "I.1 Logro esperado: 10 → 12" },
        { "comment added", Figure("I.1"), Figure("I.1", comment: "Acta firmada"), "I.1 Comentario: ∅ → Acta firmada" },
        { "roll-up coverage", Figure("OEI.01", coverage: "1 de 2", kind: SnapshotFigureKind.Objetivo), Figure("OEI.01", coverage: "2 de 2", kind: SnapshotFigureKind.Objetivo),
            "OEI.01 Indicadores con avance: 1 de 2 → 2 de 2" },
    };

    [Theory]
    [MemberData(nameof(SingleFigure))]
    public void Between_OneFigure_ListsEachChangedFieldWithBothValues(string scenario, SnapshotFigure before, SnapshotFigure after, string expected)
    {
        Assert.True(expected == Describe(SnapshotDiff.Between([before], [after])), scenario + ": " + Describe(SnapshotDiff.Between([before], [after])));
    }

    [Fact]
    public void Between_FigureAddedAndRemoved_ShowsTheNewOneFromNothingAndTheOldOneToNothing()
    {
        var changes = SnapshotDiff.Between([Figure("I.1"), Figure("I.2", comment: "x")], [Figure("I.1"), Figure("I.3", value: 5m, target: null, avance: null, status: "Sin meta")]);

        Assert.Equal("I.3 Valor obtenido: ∅ → 5 | I.3 Semáforo: ∅ → Sin meta | "
            + "I.2 Logro esperado: 10 → ∅ | I.2 Valor obtenido: 10 → ∅ | I.2 Avance (%): 100 → ∅ | I.2 Semáforo: Verde → ∅ | I.2 Comentario: x → ∅", Describe(changes));
    }

    [Fact]
    public void Between_SameCodeAtTwoLevels_ComparesEachLevelWithItself()
    {
        // The plan's row and an indicator may share nothing but a code; they are told apart by kind.
        var before = new[] { Figure("X", kind: SnapshotFigureKind.Plan, avance: 50m), Figure("X", avance: 70m) };
        var after = new[] { Figure("X", kind: SnapshotFigureKind.Plan, avance: 50m), Figure("X", avance: 75m) };

        Assert.Equal("X Avance (%): 70 → 75", Describe(SnapshotDiff.Between(before, after)));
    }

    [Fact]
    public void Between_FigureListedTwice_IsComparedOnceByItsFirstListing()
    {
        var changes = SnapshotDiff.Between([Figure("I.1"), Figure("I.1")], [Figure("I.1", value: 11m), Figure("I.1", value: 11m)]);

        Assert.Equal("I.1 Valor obtenido: 10 → 11", Describe(changes));
    }
}
