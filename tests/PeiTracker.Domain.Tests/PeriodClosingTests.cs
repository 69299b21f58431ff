using System.Globalization;

namespace PeiTracker.Domain.Tests;

/// <summary><see cref="PeriodClosing"/>: which periods may be closed on a given day, and what closing makes of open values.</summary>
public class PeriodClosingTests
{
    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(2026, PeriodKind.PrimerSemestre, "2026-06-30")]
    [InlineData(2026, PeriodKind.SegundoSemestre, "2026-12-31")]
    [InlineData(2026, PeriodKind.Anual, "2026-12-31")]
    public void EndOf_Period_IsItsLastDay(int year, PeriodKind period, string end)
    {
        Assert.Equal(Day(end), PeriodClosing.EndOf(year, period));
    }

    [Theory]
    [InlineData(2025, PeriodKind.Anual, "2026-12-03", 0, null)]
    [InlineData(2026, PeriodKind.PrimerSemestre, "2026-12-03", 0, null)]
    [InlineData(2026, PeriodKind.PrimerSemestre, "2026-06-30", 0, null)]
    [InlineData(2026, PeriodKind.PrimerSemestre, "2026-06-29", 0, "No se puede cerrar el I semestre 2026 antes de que termine: termina el 30/06/2026.")]
    [InlineData(2026, PeriodKind.Anual, "2026-12-03", 0, "No se puede cerrar el año 2026 antes de que termine: termina el 31/12/2026.")]
    [InlineData(2026, PeriodKind.SegundoSemestre, "2026-12-03", 0, "No se puede cerrar el II semestre 2026 antes de que termine: termina el 31/12/2026.")]
    [InlineData(2026, PeriodKind.Anual, "2026-12-03", 30, null)]
    [InlineData(2026, PeriodKind.Anual, "2026-12-01", 30, null)]
    [InlineData(2026, PeriodKind.Anual, "2026-11-30", 30, "No se puede cerrar el año 2026 antes de que termine: termina el 31/12/2026 y puede cerrarse desde el 01/12/2026.")]
    [InlineData(2030, PeriodKind.Anual, "2026-12-03", 0, "No se puede cerrar el año 2030 antes de que termine: termina el 31/12/2030.")]
    [InlineData(2030, PeriodKind.Anual, "2026-12-03", -5, "No se puede cerrar el año 2030 antes de que termine: termina el 31/12/2030.")]
    [InlineData(1900, PeriodKind.Anual, "2026-12-03", 0, "El año 1900 está fuera del plan (2025-2030): no hay periodo que cerrar.")]
    [InlineData(2147483647, PeriodKind.Anual, "2026-12-03", 0, "El año 2147483647 está fuera del plan (2025-2030): no hay periodo que cerrar.")]
    [InlineData(2026, (PeriodKind)9, "2026-12-03", 0, "Elija un periodo de la lista.")]
    public void Problem_OnADay_RefusesPeriodsNotEndedOrOutsideThePlan(int year, PeriodKind period, string today, int graceDays, string? expected)
    {
        Assert.Equal(expected, PeriodClosing.Problem(year, period, 2025, 2030, Day(today), graceDays));
    }

    [Theory]
    [InlineData(ValueStatus.Borrador, true, true)]
    [InlineData(ValueStatus.Enviado, true, true)]
    [InlineData(ValueStatus.Observado, true, true)]
    [InlineData(ValueStatus.Validado, true, false)]
    [InlineData(ValueStatus.Enviado, false, false)]
    public void IsNotPresented_OpenValueOfAClosedPeriod_IsNotPresented(ValueStatus status, bool closed, bool expected)
    {
        Assert.Equal(expected, PeriodClosing.IsNotPresented(status, closed));
    }
}
