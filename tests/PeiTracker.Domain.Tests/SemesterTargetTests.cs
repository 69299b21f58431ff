using System.Globalization;
using PeiTracker.Domain;
using PeiTracker.Domain.Editing;

namespace PeiTracker.Domain.Tests;

/// <summary><see cref="Indicator.SetSemesterTarget"/>: the one rule for a semester's logro esperado, whatever form or import calls it.</summary>
public class SemesterTargetTests
{
    private const string Field = "Logro esperado I semestre 2026";

    private static decimal? D(string? text) => text is null ? null : decimal.Parse(text, CultureInfo.InvariantCulture);

    private static Indicator Of(UnitOfMeasure unit, string? stored = null) => new()
    {
        Key = "K",
        PublishedCode = "K",
        Name = "N",
        Unit = unit,
        Targets = [new AnnualTarget { Year = 2026, Value = 10m }],
        SemesterTargets = stored is null ? [] : [new SemesterTarget { Year = 2026, Period = PeriodKind.PrimerSemestre, Value = D(stored)!.Value }],
    };

    [Theory]
    [InlineData(null, "5", null, "5")]
    [InlineData("5", "6", "5", "6")]
    [InlineData("5", "5.5", "5", "5.5")]
    [InlineData("5", null, "5", null)]
    public void SetSemesterTarget_Change_IsAppliedAndReportedWithTheTrueBeforeAndAfter(string? stored, string? proposed, string? before, string? after)
    {
        var indicator = Of(UnitOfMeasure.Porcentaje, stored);

        var result = indicator.SetSemesterTarget(2026, PeriodKind.PrimerSemestre, D(proposed), 2025, 2030);

        Assert.True(result.IsValid);
        Assert.Equal([new FieldChange(AuditKind.Meta, Field, before, after)], result.Changes);
        Assert.Equal(D(proposed), indicator.SemesterTargetFor(2026, PeriodKind.PrimerSemestre));
        Assert.Equal(10m, indicator.TargetFor(2026));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("5", "5")]
    [InlineData("5", "5.000")]
    public void SetSemesterTarget_SameValue_ChangesNothing(string? stored, string? proposed)
    {
        var indicator = Of(UnitOfMeasure.Porcentaje, stored);

        var result = indicator.SetSemesterTarget(2026, PeriodKind.PrimerSemestre, D(proposed), 2025, 2030);

        Assert.True(result.IsValid);
        Assert.Empty(result.Changes);
    }

    [Theory]
    [InlineData(UnitOfMeasure.Porcentaje, 2026, PeriodKind.PrimerSemestre, "120", "Un porcentaje debe estar entre 0 y 100")]
    [InlineData(UnitOfMeasure.Porcentaje, 2026, PeriodKind.PrimerSemestre, "-1", "Un porcentaje no puede ser negativo")]
    [InlineData(UnitOfMeasure.Numero, 2026, PeriodKind.PrimerSemestre, "2.5", "el valor debe ser un número entero")]
    [InlineData(UnitOfMeasure.Cantidad, 2026, PeriodKind.PrimerSemestre, "-3", "el valor no puede ser negativo")]
    [InlineData(UnitOfMeasure.Porcentaje, 2026, PeriodKind.PrimerSemestre, "10.12345", "como máximo 4 decimales")]
    [InlineData(UnitOfMeasure.Porcentaje, 2031, PeriodKind.PrimerSemestre, "5", "El año 2031 está fuera del plan (2025-2030)")]
    [InlineData(UnitOfMeasure.Porcentaje, 2026, PeriodKind.Anual, "5", "Elija el I o el II semestre")]
    public void SetSemesterTarget_Invalid_IsRefusedWithTheReasonAndChangesNothing(UnitOfMeasure unit, int year, PeriodKind period, string proposed, string message)
    {
        var indicator = Of(unit, "4");

        var result = indicator.SetSemesterTarget(year, period, D(proposed), 2025, 2030);

        Assert.False(result.IsValid);
        Assert.Contains(message, Assert.Single(result.Errors).Value);
        Assert.Empty(result.Changes);
        var kept = Assert.Single(indicator.SemesterTargets);
        Assert.Equal((2026, PeriodKind.PrimerSemestre, 4m), (kept.Year, kept.Period, kept.Value));
    }

    [Fact]
    public void SetSemesterTarget_SecondSemester_IsKeptApartFromTheFirst()
    {
        var indicator = Of(UnitOfMeasure.Porcentaje, "4");

        var result = indicator.SetSemesterTarget(2026, PeriodKind.SegundoSemestre, 9m, 2025, 2030);

        Assert.Equal("Logro esperado II semestre 2026", Assert.Single(result.Changes).Field);
        Assert.Equal((4m, 9m), (indicator.SemesterTargetFor(2026, PeriodKind.PrimerSemestre)!.Value, indicator.SemesterTargetFor(2026, PeriodKind.SegundoSemestre)!.Value));
    }
}
