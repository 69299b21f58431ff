using PeiTracker.Domain.Editing;

namespace PeiTracker.Domain;

/// <summary>
/// A reason the planning office gives often when it observes a value ("Falta medio de verificación"), kept per
/// institution and offered beside the reason box of the review queue, where it can still be edited.
/// </summary>
public class ObservationReason
{
    public const int MaxLength = 500;
    public const string Field = "Motivo guardado";
    public const string Subject = "Motivos de observación";
    public const string TextKey = "Text";
    public const string Required = "Escriba el motivo que quiere guardar.";
    public const string TooLong = "El motivo guardado no puede superar los 500 caracteres.";
    public const string Duplicate = "Ese motivo ya está guardado.";

    public int Id { get; set; }

    public int InstitutionId { get; set; }

    public required string Text { get; set; }

    /// <summary>PostgreSQL's xmin, used for optimistic concurrency.</summary>
    public uint Version { get; set; }

    /// <summary>A new saved reason, or the refusal; <paramref name="others"/> are the institution's saved reasons.</summary>
    public static (ObservationReason? Reason, EditResult Result) Create(int institutionId, string text, IEnumerable<ObservationReason> others)
    {
        var (trimmed, errors) = Check(text, others);
        if (errors.Count > 0)
        {
            return (null, EditResult.Refused(errors));
        }

        return (new ObservationReason { InstitutionId = institutionId, Text = trimmed },
            EditResult.Applied([new FieldChange(AuditKind.MotivoObservacion, Field, null, trimmed)]));
    }

    public EditResult Edit(string text, IEnumerable<ObservationReason> others)
    {
        var (trimmed, errors) = Check(text, others.Where(r => r.Id != Id));
        if (errors.Count > 0)
        {
            return EditResult.Refused(errors);
        }

        if (trimmed == Text)
        {
            return EditResult.Applied([]);
        }

        var change = new FieldChange(AuditKind.MotivoObservacion, Field, Text, trimmed);
        Text = trimmed;
        return EditResult.Applied([change]);
    }

    /// <summary>What removing it records: the text before, nothing after.</summary>
    public EditResult Remove() => EditResult.Applied([new FieldChange(AuditKind.MotivoObservacion, Field, Text, null)]);

    private static (string Text, Dictionary<string, string> Errors) Check(string text, IEnumerable<ObservationReason> others)
    {
        var trimmed = (text ?? "").Trim();
        var errors = new Dictionary<string, string>();
        if (trimmed.Length == 0)
        {
            errors[TextKey] = Required;
        }
        else if (trimmed.Length > MaxLength)
        {
            errors[TextKey] = TooLong;
        }
        else if (others.Any(r => string.Equals(r.Text.Trim(), trimmed, StringComparison.OrdinalIgnoreCase)))
        {
            errors[TextKey] = Duplicate;
        }

        return (trimmed, errors);
    }
}
