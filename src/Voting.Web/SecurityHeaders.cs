using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Scalar.AspNetCore;

namespace Voting.Web;

/// <summary>
/// The headers every response carries: a content security policy, no MIME sniffing, no referrer, no framing (also for
/// browsers that predate <c>frame-ancestors</c>), a browsing context of its own, and no powerful browser features.
/// </summary>
internal static class SecurityHeaders
{
    // The other pages run no script at all and take their styles from our stylesheet only.
    private const string ScriptlessPages =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    // The administrators' pages with file fields run one file of this site's (admin.js: it refuses a file too large for
    // its form as soon as it is chosen, rather than after sending it); nothing inline, no eval.
    private const string AdminPages =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    // The live dashboard, the one interactive page, runs this site's scripts (Blazor's and ours, from files, never
    // inline) and keeps its circuit's connection to this site, found from the page's <base href="/">; still no eval,
    // no inline script or style.
    private const string LiveDashboard =
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = PolicyOf(context);
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
            return Task.CompletedTask;
        });
        return next(context);
    });

    private static string PolicyOf(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/scalar"))
            return ApiReference(context.Items[ScalarOptions.NonceHttpContextItemKey] as string);
        var page = context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type;
        return page == typeof(Pages.LivePage) ? LiveDashboard
            : page == typeof(Pages.AdminPage) || page == typeof(Pages.AdminElectionPage) ? AdminPages
            : ScriptlessPages;
    }

    /// <summary>
    /// Scalar's page (the API reference) runs its bundled scripts, the inline one with the nonce it draws per request,
    /// injects its styles and fetches the OpenAPI document; "try it" requests go to this site.
    /// </summary>
    private static string ApiReference(string? nonce) =>
        $"default-src 'none'; script-src 'self'{(nonce is null ? "" : $" 'nonce-{nonce}'")}; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
}
