using Microsoft.AspNetCore.Authentication.Cookies;

namespace Voting.Web;

/// <summary>
/// What the sign-in cookies of residents and officials share: a session cookie (gone when the browser closes) whose
/// ticket lasts a working day at most. HttpOnly, SameSite=Strict and Secure over HTTPS come from the cookie policy
/// that the web node applies to every cookie.
/// </summary>
internal static class SessionCookies
{
    public static void Configure(CookieAuthenticationOptions options, string name)
    {
        options.Cookie.Name = name;
        options.Cookie.IsEssential = true;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = false;
    }
}
