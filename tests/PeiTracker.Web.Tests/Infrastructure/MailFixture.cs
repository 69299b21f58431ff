using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PeiTracker.Web.Tests.Infrastructure;

/// <summary>
/// The application sending e-mail to a real SMTP server on loopback, with a clock the tests move. Its background
/// worker is off: tests run the dispatcher themselves, so they decide when a pass happens (one test starts a host
/// with the worker on).
/// </summary>
public sealed class MailFixture : AppFixture
{
    public const string PublicUrl = "https://pei.example.test/";

    public LoopbackSmtpServer Smtp { get; } = new();

    /// <summary>Starts on a whole second: PostgreSQL keeps microseconds, so instants read back compare equal.</summary>
    public ManualClock Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public override async Task InitializeAsync()
    {
        await Smtp.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("PEI_SMTP_HOST", "127.0.0.1");
        builder.UseSetting("PEI_SMTP_PORT", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("PEI_SMTP_TLS", "none");
        builder.UseSetting("PEI_SMTP_FROM", "PeiTracker <avisos@pei.example.test>");
        builder.UseSetting("PEI_PUBLIC_URL", PublicUrl);
        builder.UseSetting("PEI_MAIL_WORKER", "false");
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}

[CollectionDefinition(Name)]
public sealed class MailCollection : ICollectionFixture<MailFixture>
{
    public const string Name = "mail";
}
