using System.Net;
using System.Text.RegularExpressions;

namespace Voting.Web.Tests;

/// <summary>Posting the pages' forms as a browser without JavaScript does: a cookie jar, no redirects followed, the antiforgery token.</summary>
public static partial class PageForms
{
    public static HttpClient Browser(Uri baseAddress) => Browser(baseAddress, new CookieContainer());

    /// <summary>A browser keeping its cookies in <paramref name="cookies"/>, for another client to send them too.</summary>
    public static HttpClient Browser(Uri baseAddress, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>Reads the page, then posts the form <paramref name="formName"/> with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> Submit(HttpClient browser, string page, string formName, params (string Name, string Value)[] fields)
    {
        var token = Token(await browser.GetStringAsync(page));
        return await browser.PostAsync(page, Form([("_handler", formName), ("__RequestVerificationToken", token), .. fields]));
    }

    public static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    public static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    public static string Token(string html) =>
        TokenField().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new Xunit.Sdk.XunitException("no antiforgery token in the page");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
