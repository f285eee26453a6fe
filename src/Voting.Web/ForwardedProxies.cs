using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;

namespace Voting.Web;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the node believes
/// (<c>Voting:ForwardedHeaders</c>): none unless configured, so a client cannot pick the address the rate limits see.
/// </summary>
public sealed class ForwardedProxies
{
    /// <summary>Proxies' addresses, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxies' networks in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public void Configure(ForwardedHeadersOptions options)
    {
        // The framework trusts loopback by default; trust exactly what is configured.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in KnownProxies)
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                : throw new InvalidOperationException($"Voting:ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address"));
        foreach (var network in KnownNetworks)
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed
                : throw new InvalidOperationException($"Voting:ForwardedHeaders:KnownNetworks: '{network}' is not a network such as 10.0.0.0/24"));
        // With no known proxy the middleware would believe anyone: then it reads no header at all.
        options.ForwardedHeaders = options.KnownProxies.Count + options.KnownIPNetworks.Count > 0
            ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
            : ForwardedHeaders.None;
        // Behind several known proxies, follow the chain back to the first address that is not one of them.
        options.ForwardLimit = null;
    }
}
