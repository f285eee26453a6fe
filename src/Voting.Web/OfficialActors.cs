using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Voting.Grains.Contracts;

namespace Voting.Web;

/// <summary>
/// Who asks for an official action, as the grains record it in the audit trails: a script with the official token or
/// a signed-in official, from the client's address (as the server sees it: the proxy's, unless forwarded headers are set up).
/// </summary>
public static class OfficialActors
{
    /// <summary>A request authenticated with the official token.</summary>
    public static Actor Token(HttpContext http) => new(Actor.Token, Address(http));

    /// <summary>The official signed in on the pages.</summary>
    public static Actor SignedIn(HttpContext http) =>
        new(http.User.FindFirstValue(ClaimTypes.Name) ?? throw new InvalidOperationException("no official is signed in"), Address(http));

    /// <summary>The client's IP address (an IPv4 address as such, even on a dual-stack socket).</summary>
    public static string Address(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : "unknown";
}
