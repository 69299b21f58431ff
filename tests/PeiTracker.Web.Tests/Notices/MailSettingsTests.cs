using MailKit.Security;
using Microsoft.Extensions.Configuration;
using PeiTracker.Web.Notices;

namespace PeiTracker.Web.Tests.Notices;

public class MailSettingsTests
{
    private static MailSettings Read(params (string Key, string Value)[] settings) =>
        MailSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    [Theory]
    [InlineData("", null, SecureSocketOptions.Auto, 587)]
    [InlineData("auto", "25", SecureSocketOptions.Auto, 25)]
    [InlineData("none", "2525", SecureSocketOptions.None, 2525)]
    [InlineData("STARTTLS", null, SecureSocketOptions.StartTls, 587)]
    [InlineData("ssl", null, SecureSocketOptions.SslOnConnect, 465)]
    public void Read_TlsAndPort_AreTheConfiguredOnesOrTheirStandardPort(string tls, string? port, SecureSocketOptions expected, int expectedPort)
    {
        var settings = port is null ? Read(("PEI_SMTP_HOST", "smtp.rree.gob.pe"), ("PEI_SMTP_TLS", tls)) : Read(("PEI_SMTP_HOST", "smtp.rree.gob.pe"), ("PEI_SMTP_TLS", tls), ("PEI_SMTP_PORT", port));

        Assert.Equal((expected, expectedPort), (settings.Tls, settings.Port));
        Assert.True(settings.IsConfigured);
    }

    [Theory]
    [InlineData("PEI_SMTP_TLS", "tls1.2", "PEI_SMTP_TLS debe ser auto, none, starttls o ssl")]
    [InlineData("PEI_SMTP_PORT", "veinticinco", "PEI_SMTP_PORT debe ser un número de puerto")]
    [InlineData("PEI_SMTP_PORT", "70000", "PEI_SMTP_PORT debe ser un número de puerto")]
    [InlineData("PEI_SMTP_FROM", "sin arroba", "PEI_SMTP_FROM no es una dirección de correo válida")]
    [InlineData("PEI_PUBLIC_URL", "peitracker.rree.gob.pe", "PEI_PUBLIC_URL debe ser una dirección absoluta")]
    public void Read_BadSetting_StopsWithASpanishMessage(string key, string value, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("PEI_SMTP_HOST", "smtp.rree.gob.pe"), (key, value)));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Read_NoHost_IsNotConfiguredAndLinksUseTheFirstListeningAddress()
    {
        var settings = Read(("PEI_URLS", "http://127.0.0.1:5100;http://localhost:5100"));

        Assert.False(settings.IsConfigured);
        Assert.Equal("http://127.0.0.1:5100/", settings.BaseUrl.ToString());
        Assert.Equal(MailSettings.DefaultFrom, settings.From);
    }
}
