namespace PeiTracker.Web.Writes;

/// <summary>How a write ended. Pages and the API map each kind to their answer in one place (<see cref="WriteResultHttp"/>).</summary>
public enum WriteStatus
{
    /// <summary>Stored, with its audit rows.</summary>
    Saved,

    /// <summary>The input equals what is stored: nothing written, nothing audited.</summary>
    Unchanged,

    /// <summary>Someone else changed the row since it was read (or created it first): nothing written.</summary>
    Conflict,

    /// <summary>The person may not make this change (another unit, a closed period, a workflow step not theirs).</summary>
    Refused,

    /// <summary>The input breaks a rule: a Spanish message per field, nothing written.</summary>
    Invalid,

    /// <summary>What the write names does not exist (or is not visible to the person).</summary>
    NotFound,
}

/// <summary>
/// The outcome of one write: its kind, a message for the person (conflict, refusal, not found), the
/// messages per field (invalid), and what was saved.
/// </summary>
public sealed record WriteResult<T>(WriteStatus Status, string? Message, IReadOnlyDictionary<string, string> Errors, T? Value)
    where T : class
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public bool Succeeded => Status is WriteStatus.Saved or WriteStatus.Unchanged;

    public static WriteResult<T> Saved(T value) => new(WriteStatus.Saved, null, NoErrors, value);

    public static WriteResult<T> Unchanged(T value) => new(WriteStatus.Unchanged, null, NoErrors, value);

    /// <summary>A conflict carries what is stored now, so the person can compare.</summary>
    public static WriteResult<T> Conflict(string message, T? current) => new(WriteStatus.Conflict, message, NoErrors, current);

    public static WriteResult<T> Refused(string message) => new(WriteStatus.Refused, message, NoErrors, null);

    public static WriteResult<T> NotFound(string message) => new(WriteStatus.NotFound, message, NoErrors, null);

    public static WriteResult<T> Invalid(IReadOnlyDictionary<string, string> errors) =>
        errors.Count == 0 ? throw new ArgumentException("An invalid result needs at least one message.", nameof(errors)) : new(WriteStatus.Invalid, null, errors, null);

    public static WriteResult<T> Invalid(string field, string message) => Invalid(new Dictionary<string, string> { [field] = message });
}
