using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Notices;

/// <summary>
/// A person's choice per kind of notice: at once, in the daily digest, or not by e-mail. The locked kinds
/// (<see cref="OutboxNotice.IsLocked"/>) are always sent at once. Read by the dispatcher for every notice to an
/// account; set by the person on /Avisos/Preferencias or, for one kind, from an e-mail's unsubscribe link.
/// </summary>
public sealed class NoticePreferences(AppDbContext db, TimeProvider clock)
{
    public static string LockedMessage(NoticeKind kind) =>
        $"El aviso «{OutboxNotice.Label(kind)}» no se puede desactivar ni dejar para el resumen diario: se envía siempre en el momento.";

    /// <summary>How a kind is e-mailed given the person's choice (none means at once).</summary>
    public static NoticeDelivery Effective(NoticeKind kind, NoticeDelivery? chosen) =>
        OutboxNotice.IsLocked(kind) || kind == NoticeKind.ResumenDiario ? NoticeDelivery.Inmediato : chosen ?? NoticeDelivery.Inmediato;

    // The account is known (signed in, or named by a signed token): no institution filter stands between it and its own choices.
    private IQueryable<NoticePreference> Of(string userId) => db.NoticePreferences.IgnoreQueryFilters().Where(p => p.UserId == userId);

    public async Task<NoticeDelivery> DeliveryAsync(string userId, NoticeKind kind, CancellationToken cancellationToken = default) =>
        Effective(kind, await Of(userId).Where(p => p.Kind == kind).Select(p => (NoticeDelivery?)p.Delivery).SingleOrDefaultAsync(cancellationToken));

    /// <summary>Every choosable kind with its effective delivery.</summary>
    public async Task<IReadOnlyDictionary<NoticeKind, NoticeDelivery>> AllAsync(string userId, CancellationToken cancellationToken = default)
    {
        var chosen = await Of(userId).AsNoTracking().ToDictionaryAsync(p => p.Kind, p => p.Delivery, cancellationToken);
        return OutboxNotice.Choosable.ToDictionary(k => k, k => Effective(k, chosen.TryGetValue(k, out var d) ? d : null));
    }

    /// <summary>Saves the choices; refuses all of them, with the reason in Spanish, when one would switch off a locked kind.</summary>
    public async Task<string?> SetAsync(string userId, IReadOnlyDictionary<NoticeKind, NoticeDelivery> choices, CancellationToken cancellationToken = default)
    {
        if (choices.Any(c => !OutboxNotice.Choosable.Contains(c.Key) || !Enum.IsDefined(c.Value)))
        {
            return "Elija, para cada tipo de aviso, una de las opciones de la lista.";
        }

        var locked = choices.Where(c => OutboxNotice.IsLocked(c.Key) && c.Value != NoticeDelivery.Inmediato).Select(c => c.Key).ToList();
        if (locked.Count > 0)
        {
            return LockedMessage(locked[0]);
        }

        var rows = await Of(userId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var (kind, delivery) in choices.Where(c => !OutboxNotice.IsLocked(c.Key)))
        {
            if (rows.FirstOrDefault(r => r.Kind == kind) is { } row)
            {
                if (row.Delivery != delivery)
                {
                    row.Delivery = delivery;
                    row.UpdatedAt = now;
                }
            }
            else if (delivery != NoticeDelivery.Inmediato)
            {
                db.NoticePreferences.Add(new NoticePreference { UserId = userId, Kind = kind, Delivery = delivery, UpdatedAt = now });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}

/// <summary>
/// The token of an e-mail's unsubscribe link: the account and the kind, protected by ASP.NET Core data protection
/// (the keys every instance shares), so the link works without signing in and a changed token is refused.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("PeiTracker.Notices.Unsubscribe.v1");

    public string For(string userId, NoticeKind kind) => protector.Protect($"{userId}\n{kind}");

    /// <summary>The account and kind a token names, or null for a token that was not issued here or was changed.</summary>
    public (string UserId, NoticeKind Kind)? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        try
        {
            var parts = protector.Unprotect(token).Split('\n');
            return parts is [var userId, var kindText] && Enum.TryParse<NoticeKind>(kindText, out var kind) && Enum.IsDefined(kind) ? (userId, kind) : null;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            // Changed, truncated, or not base64url at all.
            return null;
        }
    }
}
