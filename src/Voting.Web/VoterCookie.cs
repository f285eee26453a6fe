using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace Voting.Web;

/// <summary>
/// A resident signed in to one election's ballot page, by the cookie authentication handler: its protected ticket names
/// the election and the voter's key (their invitation code's SHA-256), never the code. The cookie is HttpOnly,
/// SameSite=Strict, Secure over HTTPS, scoped to <c>/elections/{id}</c> and gone when the browser closes.
/// </summary>
internal static class VoterCookie
{
    public const string Scheme = "voter";
    private const string ElectionClaim = "election";
    private const string VoterClaim = "voter";

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie = new ElectionCookieBuilder();
        SessionCookies.Configure(options, "voting-voter");
    }

    public static Task SignIn(HttpContext http, string electionId, string voterKey)
    {
        var identity = new ClaimsIdentity([new Claim(ElectionClaim, electionId), new Claim(VoterClaim, voterKey)], Scheme);
        return http.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
    }

    public static Task SignOut(HttpContext http) => http.SignOutAsync(Scheme);

    /// <summary>The key of the voter signed in to this election; null when no one is.</summary>
    public static async Task<string?> VoterKey(HttpContext http, string electionId)
    {
        var result = await http.AuthenticateAsync(Scheme);
        var principal = result.Succeeded ? result.Principal : null;
        return principal?.FindFirstValue(ElectionClaim) == electionId ? principal.FindFirstValue(VoterClaim) : null;
    }
}
