using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace PeiTracker.Web.Infrastructure;

/// <summary>
/// Which Host headers the app answers (PEI_ALLOWED_HOSTS, "a.gob.pe;localhost"; others get 400), and which
/// reverse proxies it believes about the client's address and scheme (PEI_FORWARDED_PROXIES, addresses;
/// PEI_FORWARDED_NETWORKS, CIDR ranges). Without them it believes no X-Forwarded-* header at all: the rate
/// limits would otherwise count every client as the proxy, or trust an address any client can write.
/// </summary>
public static class ReverseProxy
{
    private static readonly char[] Separators = [';', ',', ' '];

    public static void AddPeiHostsAndProxies(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (List(configuration["PEI_ALLOWED_HOSTS"]) is { Length: > 0 } hosts)
        {
            builder.Services.Configure<HostFilteringOptions>(options => options.AllowedHosts = hosts);
        }

        var proxies = List(configuration["PEI_FORWARDED_PROXIES"])
            .Select(text => IPAddress.TryParse(text, out var address) ? address : throw Invalid("PEI_FORWARDED_PROXIES", text)).ToList();
        var networks = List(configuration["PEI_FORWARDED_NETWORKS"])
            .Select(text => IPNetwork.TryParse(text, out var network) ? network : throw Invalid("PEI_FORWARDED_NETWORKS", text)).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
    }

    /// <summary>First in the pipeline, so logging, HTTPS rules and rate limits see the real client.</summary>
    public static void UsePeiForwardedHeaders(this WebApplication app)
    {
        var configuration = app.Configuration;
        if (List(configuration["PEI_FORWARDED_PROXIES"]).Length + List(configuration["PEI_FORWARDED_NETWORKS"]).Length > 0)
        {
            app.UseForwardedHeaders();
        }
    }

    private static string[] List(string? value) =>
        (value ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static InvalidOperationException Invalid(string variable, string text) =>
        new($"{variable}: «{text}» no es una dirección IP (PEI_FORWARDED_PROXIES) ni una red en notación CIDR (PEI_FORWARDED_NETWORKS, p. ej. 10.0.0.0/8) válida.");
}
