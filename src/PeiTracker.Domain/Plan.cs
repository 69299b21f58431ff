using PeiTracker.Domain.Editing;

namespace PeiTracker.Domain;

/// <summary>A Plan Estratégico Institucional of one institution over a range of years.</summary>
public class Plan
{
    public int Id { get; set; }

    public int InstitutionId { get; set; }

    public Institution? Institution { get; set; }

    /// <summary>Stable code, e.g. "MRE-PEI-2025-2030".</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public int FirstYear { get; set; }

    public int LastYear { get; set; }

    /// <summary>Resolución that approved the plan.</summary>
    public string? ApprovingResolution { get; set; }

    public string? Mission { get; set; }

    public PlanStatus Status { get; set; }

    public PlanSettings Settings { get; set; } = new();

    /// <summary>Days before a period's deadline the units that have not sent are reminded (ADR 0021).</summary>
    public List<int> ReminderDaysBefore { get; set; } = [.. ReminderRules.DefaultDaysBefore];

    /// <summary>Days late after which the unit's head and the planning office hear of a unit that has not sent.</summary>
    public int EscalationDaysLate { get; set; } = ReminderRules.DefaultEscalationDays;

    /// <summary>
    /// Maintained by the database: a trigger bumps it with every change to the plan, its tree, its
    /// targets or its values, in the same transaction. Computed progress is cached against it.
    /// </summary>
    public long DataVersion { get; set; }

    public List<StrategicObjective> Objectives { get; set; } = [];

    public List<Indicator> Indicators { get; set; } = [];

    public IEnumerable<int> Years => Enumerable.Range(FirstYear, LastYear - FirstYear + 1);

    public bool Covers(int year) => year >= FirstYear && year <= LastYear;

    /// <summary>
    /// Replaces the progress rules. The settings are changed in place (EF tracks them as part of the
    /// plan's row); the history gets the whole rule set before and after, in one line.
    /// </summary>
    public EditResult ChangeSettings(PlanSettings proposed)
    {
        if (!Enum.IsDefined(proposed.Weighting) || !Enum.IsDefined(proposed.DashboardAvance) || !Enum.IsDefined(proposed.SemesterExpectation))
        {
            return EditResult.Refused(FieldKeys.Settings, EditMessages.SettingsChoice);
        }

        if (proposed.Problem() is { } problem)
        {
            return EditResult.Refused(FieldKeys.Settings, problem);
        }

        var before = Settings.Describe();
        var after = proposed.Describe();
        if (before == after)
        {
            return EditResult.Applied([]);
        }

        Settings = proposed;
        return EditResult.Applied([new FieldChange(AuditKind.Configuracion, AuditFields.Settings, before, after)]);
    }

    /// <summary>PostgreSQL's xmin, used for optimistic concurrency. Every write in the plan's tree moves it (the data version trigger updates this row).</summary>
    public uint Version { get; set; }
}
