namespace PeiTracker.Domain.Editing;

/// <summary>
/// One field a domain operation changed, as people read it in the history: the audit kind, the field's
/// Spanish name ("Logro esperado 2026", "Unidad de medida"), and the text before and after.
/// </summary>
public sealed record FieldChange(AuditKind Kind, string Field, string? Before, string? After);

/// <summary>
/// What a domain operation did: either refused, with a Spanish message per field and nothing changed,
/// or applied, with the changes it made (none when the input equals what is stored).
/// </summary>
public sealed class EditResult
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    private EditResult(IReadOnlyDictionary<string, string> errors, IReadOnlyList<FieldChange> changes)
    {
        Errors = errors;
        Changes = changes;
    }

    public IReadOnlyDictionary<string, string> Errors { get; }

    public IReadOnlyList<FieldChange> Changes { get; }

    public bool IsValid => Errors.Count == 0;

    public static EditResult Applied(IReadOnlyList<FieldChange> changes) => new(NoErrors, changes);

    public static EditResult Refused(IReadOnlyDictionary<string, string> errors) =>
        errors.Count == 0 ? throw new ArgumentException("A refusal needs at least one message.", nameof(errors)) : new(errors, []);

    public static EditResult Refused(string field, string message) => Refused(new Dictionary<string, string> { [field] = message });
}
