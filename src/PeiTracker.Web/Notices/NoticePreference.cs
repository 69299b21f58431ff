namespace PeiTracker.Web.Notices;

/// <summary>
/// How one person receives one kind of notice by e-mail; a kind without a row is <see cref="NoticeDelivery.Inmediato"/>.
/// The person's own setting, like marking a notice read: not data of the plan, and not audited (ADR 0021).
/// </summary>
public class NoticePreference
{
    public required string UserId { get; set; }

    public NoticeKind Kind { get; set; }

    public NoticeDelivery Delivery { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
