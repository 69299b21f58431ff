using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace PeiTracker.Web.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on 127.0.0.1 (the SmtpServer package), keeping every message it accepts. It can be stopped
/// and started again on the same port, to play an SMTP server that goes down; it refuses, as a real server does,
/// mailboxes that start with "rechazado".
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    public const string RefusedMailboxPrefix = "rechazado";

    private readonly ConcurrentQueue<MimeMessage> received = new();
    private readonly SemaphoreSlim arrivals = new(0);
    private CancellationTokenSource? running;
    private Task? serving;

    public LoopbackSmtpServer()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    /// <summary>How long the server takes over each message: a slow server keeps a worker's row locked longer.</summary>
    public TimeSpan Latency { get; set; }

    public IReadOnlyList<MimeMessage> Received => received.ToArray();

    public IEnumerable<MimeMessage> To(string email) => Received.Where(m => m.To.Mailboxes.Any(a => a.Address == email));

    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        services.Add(new RefusingFilter());
        running = new CancellationTokenSource();
        var server = new SmtpServer.SmtpServer(options, services);
        serving = server.StartAsync(running.Token);
        await WaitUntilListeningAsync();
    }

    public async Task StopAsync()
    {
        if (running is null)
        {
            return;
        }

        await running.CancelAsync();
        try
        {
            await serving!;
        }
        catch (OperationCanceledException)
        {
        }

        running.Dispose();
        running = null;
    }

    /// <summary>Waits (without polling) until the messages received satisfy <paramref name="condition"/>, or fails after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<MimeMessage>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(Received))
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await arrivals.WaitAsync(left))
            {
                throw new TimeoutException($"The expected e-mails did not arrive within {timeout}; {received.Count} received in all.");
            }
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task WaitUntilListeningAsync()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Yield();
            }
        }

        throw new InvalidOperationException($"The test SMTP server did not listen on port {Port}.");
    }

    private sealed class Store(LoopbackSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (server.Latency > TimeSpan.Zero)
            {
                await Task.Delay(server.Latency, cancellationToken);
            }

            await using var stream = new MemoryStream(buffer.ToArray());
            server.received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            server.arrivals.Release();
            return SmtpResponse.Ok;
        }
    }

    private sealed class RefusingFilter : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!to.User.StartsWith(RefusedMailboxPrefix, StringComparison.OrdinalIgnoreCase));
    }
}
