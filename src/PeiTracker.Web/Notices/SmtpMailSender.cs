using MailKit.Net.Smtp;
using MimeKit;

namespace PeiTracker.Web.Notices;

/// <summary>Why a notice could not be sent: whether trying again later can help.</summary>
public sealed class MailSendException(string message, bool permanent, Exception inner) : Exception(message, inner)
{
    /// <summary>The server refused the message or its recipient for good (5xx); otherwise it is down or busy.</summary>
    public bool Permanent { get; } = permanent;
}

/// <summary>Hands notices to the SMTP server of <see cref="MailSettings"/> with MailKit.</summary>
public sealed class SmtpMailSender(MailSettings settings, UnsubscribeTokens tokens)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static Uri UnsubscribeLink(Uri baseUrl, string token) => new(baseUrl, "Avisos/Baja?t=" + Uri.EscapeDataString(token));

    /// <summary>The last lines of every e-mail to an account: how to stop this kind, or why it cannot be stopped.</summary>
    public static string UnsubscribeFooter(NoticeKind kind, Uri link) =>
        OutboxNotice.IsLocked(kind) || kind == NoticeKind.ResumenDiario
            ? $"Este tipo de aviso no se puede desactivar. Sus preferencias de avisos: {link}\n"
            : $"Para no recibir más avisos de este tipo («{OutboxNotice.Label(kind)}») por correo: {link}\n";

    public async Task SendAsync(OutboxNotice notice, CancellationToken cancellationToken)
    {
        var unsubscribe = notice.RecipientUserId is { } userId ? UnsubscribeLink(settings.BaseUrl, tokens.For(userId, notice.Kind)) : null;
        var message = new MimeMessage
        {
            MessageId = notice.MessageId,
            Subject = notice.Subject,
            Body = new TextPart("plain") { Text = unsubscribe is null ? notice.Body : notice.Body + UnsubscribeFooter(notice.Kind, unsubscribe) },
        };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(new MailboxAddress(notice.RecipientName, notice.Recipient));
        message.Headers.Add("X-PeiTracker-Aviso", notice.Kind.ToString());
        if (unsubscribe is not null && !OutboxNotice.IsLocked(notice.Kind) && notice.Kind != NoticeKind.ResumenDiario)
        {
            // RFC 2369 and RFC 8058: mail clients offer "unsubscribe", and a one-click POST to the link sets the kind to none.
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host ?? throw new InvalidOperationException("PEI_SMTP_HOST is not set."), settings.Port, settings.Tls, cancellationToken);
            if (settings.User is not null)
            {
                await client.AuthenticateAsync(settings.User, settings.Password ?? "", cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (SmtpCommandException ex)
        {
            var permanent = (int)ex.StatusCode >= 500 && ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;
            throw new MailSendException($"El servidor SMTP rechazó el mensaje ({(int)ex.StatusCode}): {ex.Message}", permanent, ex);
        }
        catch (Exception ex) when (ex is SmtpProtocolException or MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException
            or System.Net.Sockets.SocketException or IOException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new MailSendException($"No se pudo entregar al servidor SMTP {settings.Host}:{settings.Port}: {ex.Message}", permanent: false, ex);
        }
    }
}
