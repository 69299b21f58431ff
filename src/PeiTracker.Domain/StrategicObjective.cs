using PeiTracker.Domain.Articulation;
using PeiTracker.Domain.Editing;

namespace PeiTracker.Domain;

/// <summary>Objetivo Estratégico Institucional (OEI).</summary>
public class StrategicObjective : PggAligned
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public Plan? Plan { get; set; }

    /// <summary>Published code, e.g. "OEI.01".</summary>
    public required string Code { get; set; }

    public ObjectiveType Type { get; set; }

    public required string Statement { get; set; }

    /// <summary>Rank in the plan's Ruta estratégica (1 = first).</summary>
    public int Priority { get; set; }

    public List<StrategicAction> Actions { get; set; } = [];

    public List<Indicator> Indicators { get; set; } = [];

    /// <summary>Sets the statement and the priority in the Ruta estratégica, or refuses both with the reason.</summary>
    public EditResult Edit(string statement, int priority)
    {
        var result = StrategicStatement.Check(AuditKind.Objetivo, Statement, Priority, statement, priority);
        if (result.IsValid)
        {
            (Statement, Priority) = (statement.Trim(), priority);
        }

        return result;
    }

    /// <summary>PostgreSQL's xmin, used for optimistic concurrency.</summary>
    public uint Version { get; set; }
}
