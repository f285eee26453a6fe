using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Voting.Grains.Contracts;

namespace Voting.Web;

/// <summary>
/// An official signed in on <c>/official/sign-in</c>, by the cookie authentication handler: its protected ticket names
/// the user and their role. The cookie is HttpOnly, SameSite=Strict, Secure over HTTPS and gone when the browser closes.
/// </summary>
internal static class OfficialCookie
{
    public const string Scheme = "official";
    public const string SignInPath = "/official/sign-in";
    public const string AccountsPath = "/official/accounts";

    public static void Configure(CookieAuthenticationOptions options)
    {
        SessionCookies.Configure(options, "voting-official");
        options.LoginPath = SignInPath;
        options.AccessDeniedPath = SignInPath;
    }

    public static Task SignIn(HttpContext http, OfficialAccount account)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, account.UserName), new Claim(ClaimTypes.Role, RoleName(account.Role))],
            Scheme, ClaimTypes.Name, ClaimTypes.Role);
        return http.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
    }

    public static Task SignOut(HttpContext http) => http.SignOutAsync(Scheme);

    /// <summary>The signed-in official, or null.</summary>
    public static async Task<ClaimsPrincipal?> Current(HttpContext http)
    {
        var result = await http.AuthenticateAsync(Scheme);
        return result.Succeeded ? result.Principal : null;
    }

    /// <summary>The role's name in the cookie: <c>administrator</c> or <c>observer</c>.</summary>
    public static string RoleName(OfficialRole role) => role.ToString().ToLowerInvariant();
}
