using System.Globalization;

namespace PeiTracker.Domain.Editing;

/// <summary>The rules shared by the statement and the priority of an OEI and of an AEI.</summary>
internal static class StrategicStatement
{
    public const int MaxStatementLength = 2000;
    public const int MinPriority = 1;
    public const int MaxPriority = 99;

    /// <summary>What setting this statement and priority would change, or why it is refused; applies nothing.</summary>
    public static EditResult Check(AuditKind kind, string currentStatement, int currentPriority, string statement, int priority)
    {
        var errors = new Dictionary<string, string>();
        var trimmed = statement.Trim();
        if (trimmed.Length == 0)
        {
            errors[FieldKeys.Statement] = EditMessages.StatementRequired;
        }
        else if (trimmed.Length > MaxStatementLength)
        {
            errors[FieldKeys.Statement] = EditMessages.StatementTooLong;
        }

        if (priority is < MinPriority or > MaxPriority)
        {
            errors[FieldKeys.Priority] = EditMessages.Priority;
        }

        if (errors.Count > 0)
        {
            return EditResult.Refused(errors);
        }

        var changes = new List<FieldChange>();
        if (trimmed != currentStatement)
        {
            changes.Add(new FieldChange(kind, AuditFields.Statement, currentStatement, trimmed));
        }

        if (priority != currentPriority)
        {
            changes.Add(new FieldChange(kind, AuditFields.Priority, currentPriority.ToString(CultureInfo.InvariantCulture), priority.ToString(CultureInfo.InvariantCulture)));
        }

        return EditResult.Applied(changes);
    }
}
