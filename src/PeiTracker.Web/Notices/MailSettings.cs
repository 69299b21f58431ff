using MailKit.Security;

namespace PeiTracker.Web.Notices;

/// <summary>
/// Where e-mail goes (PEI_SMTP_HOST, PEI_SMTP_PORT, PEI_SMTP_USER, PEI_SMTP_PASSWORD, PEI_SMTP_FROM, PEI_SMTP_TLS) and the
/// public address links in e-mails point to (PEI_PUBLIC_URL). Without a host nothing is sent: notices wait in the outbox.
/// </summary>
public sealed record MailSettings(string? Host, int Port, string? User, string? Password, string From, SecureSocketOptions Tls, Uri BaseUrl)
{
    public const string DefaultFrom = "PeiTracker <no-responder@peitracker.local>";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public static MailSettings Read(IConfiguration configuration)
    {
        var host = configuration["PEI_SMTP_HOST"];
        var tls = ParseTls(configuration["PEI_SMTP_TLS"]);
        var portText = configuration["PEI_SMTP_PORT"];
        var port = 0;
        if (!string.IsNullOrWhiteSpace(portText) && (!int.TryParse(portText, out port) || port is < 1 or > 65535))
        {
            throw new InvalidOperationException($"PEI_SMTP_PORT debe ser un número de puerto entre 1 y 65535 (se recibió «{portText}»).");
        }

        if (port == 0)
        {
            port = tls == SecureSocketOptions.SslOnConnect ? 465 : 587;
        }

        var from = configuration["PEI_SMTP_FROM"] is { Length: > 0 } f ? f : DefaultFrom;
        if (!MimeKit.MailboxAddress.TryParse(from, out _))
        {
            throw new InvalidOperationException($"PEI_SMTP_FROM no es una dirección de correo válida: «{from}».");
        }

        return new MailSettings(host, port, NullIfEmpty(configuration["PEI_SMTP_USER"]), NullIfEmpty(configuration["PEI_SMTP_PASSWORD"]), from, tls, BaseUrlFrom(configuration));
    }

    /// <summary>
    /// none: plain SMTP (a development server on loopback); starttls: upgrade required; ssl: TLS from the first byte
    /// (port 465); auto (default): TLS on 465, STARTTLS when the server offers it elsewhere.
    /// </summary>
    private static SecureSocketOptions ParseTls(string? text) => (text?.Trim().ToLowerInvariant() ?? "") switch
    {
        "" or "auto" => SecureSocketOptions.Auto,
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "ssl" => SecureSocketOptions.SslOnConnect,
        _ => throw new InvalidOperationException($"PEI_SMTP_TLS debe ser auto, none, starttls o ssl (se recibió «{text}»)."),
    };

    /// <summary>PEI_PUBLIC_URL, else the first address the app listens on: links must work from a mail client.</summary>
    private static Uri BaseUrlFrom(IConfiguration configuration)
    {
        var text = configuration["PEI_PUBLIC_URL"] is { Length: > 0 } url ? url
            : configuration["PEI_URLS"] is { Length: > 0 } urls ? urls.Split(';')[0]
            : "http://127.0.0.1:5080";
        if (!Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"PEI_PUBLIC_URL debe ser una dirección absoluta http(s), por ejemplo https://peitracker.rree.gob.pe (se recibió «{text}»).");
        }

        return uri;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
