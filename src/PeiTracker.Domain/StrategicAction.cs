using PeiTracker.Domain.Articulation;
using PeiTracker.Domain.Editing;

namespace PeiTracker.Domain;

/// <summary>Acción Estratégica Institucional (AEI); belongs to one OEI.</summary>
public class StrategicAction : PggAligned
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public Plan? Plan { get; set; }

    public int ObjectiveId { get; set; }

    public StrategicObjective? Objective { get; set; }

    /// <summary>Published code, e.g. "AEI.01.02".</summary>
    public required string Code { get; set; }

    public required string Statement { get; set; }

    /// <summary>Rank inside its OEI in the Ruta estratégica (1 = first).</summary>
    public int Priority { get; set; }

    public List<Indicator> Indicators { get; set; } = [];

    /// <summary>The "UO Responsable" the Ruta estratégica prints for this AEI, kept as printed (it may name two units).</summary>
    public string? ResponsibleUnitAsPrinted { get; set; }

    /// <summary>Sets the statement and the priority in the Ruta estratégica, or refuses both with the reason.</summary>
    public EditResult Edit(string statement, int priority)
    {
        var result = StrategicStatement.Check(AuditKind.Accion, Statement, Priority, statement, priority);
        if (result.IsValid)
        {
            (Statement, Priority) = (statement.Trim(), priority);
        }

        return result;
    }

    /// <summary>PostgreSQL's xmin, used for optimistic concurrency.</summary>
    public uint Version { get; set; }
}
