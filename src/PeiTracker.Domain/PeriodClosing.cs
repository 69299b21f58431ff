using System.Globalization;

namespace PeiTracker.Domain;

/// <summary>
/// When the planning office may close a reporting period, and what closing does to the values still open:
/// a period is closed once it has ended (the current one a few configurable days before its end, so the
/// office can close on the last working day), only for the plan's years, and a value that was not validated
/// by then reads "no presentado" for as long as the period stays closed.
/// </summary>
public static class PeriodClosing
{
    public const string NotPresented = "No presentado";

    /// <summary>The last day of the period: 30 June for the I semestre, 31 December for the II and the year.</summary>
    public static DateOnly EndOf(int year, PeriodKind period) =>
        period == PeriodKind.PrimerSemestre ? new DateOnly(year, 6, 30) : new DateOnly(year, 12, 31);

    /// <summary>Null when the period may be closed today, otherwise why not, in Spanish.</summary>
    /// <param name="graceDays">How many days before its end the current period may already be closed.</param>
    public static string? Problem(int year, PeriodKind period, int firstYear, int lastYear, DateOnly today, int graceDays)
    {
        if (year < firstYear || year > lastYear)
        {
            return $"El año {Text(year)} está fuera del plan ({Text(firstYear)}-{Text(lastYear)}): no hay periodo que cerrar.";
        }

        if (!Enum.IsDefined(period))
        {
            return "Elija un periodo de la lista.";
        }

        var end = EndOf(year, period);
        var from = end.AddDays(-Math.Max(0, graceDays));
        if (today < from)
        {
            var label = period == PeriodKind.Anual ? $"el año {Text(year)}" : $"el {Labels.Of(period)} {Text(year)}";
            return graceDays > 0
                ? $"No se puede cerrar {label} antes de que termine: termina el {Date(end)} y puede cerrarse desde el {Date(from)}."
                : $"No se puede cerrar {label} antes de que termine: termina el {Date(end)}.";
        }

        return null;
    }

    /// <summary>A value of a closed period that the planning office had not validated: it does not count and cannot change until the period is reopened.</summary>
    public static bool IsNotPresented(ValueStatus status, bool periodClosed) => periodClosed && status != ValueStatus.Validado;

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
