using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;

namespace Voting.Web;

/// <summary><c>GET /language/{code}?returnUrl=...</c>: keeps the chosen language in the culture cookie and goes back to the page.</summary>
internal static class LanguageCookie
{
    private const string Path = "/language";

    public static string Href(string code, string returnUrl) => $"{Path}/{code}?returnUrl={Uri.EscapeDataString(returnUrl)}";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path + "/{code}", Switch).ExcludeFromDescription();

    private static IResult Switch(string code, string? returnUrl, HttpContext http)
    {
        if (Languages.Find(code) is not { } language)
            return Results.NotFound();
        // HttpOnly, SameSite and Secure come from the cookie policy, as for every cookie.
        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language.Culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, Path = "/" });
        http.Response.Headers.CacheControl = "no-store";
        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl : "/");
    }

    /// <summary>A path on this site: one slash, not "//host" nor "/\host" (no open redirect).</summary>
    private static bool IsLocal([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? url) =>
        url is ['/'] || url is ['/', not ('/' or '\\'), ..];
}
