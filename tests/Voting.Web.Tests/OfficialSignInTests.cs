using System.Net;
using System.Text.RegularExpressions;
using static Voting.Web.Tests.PageForms;

namespace Voting.Web.Tests;

/// <summary>
/// The officials' sign-in page over plain HTTP: <c>admin</c> with the official token signs in; a wrong password and an
/// unknown user get the same refusal; the form needs its antiforgery token; the cookie is strict; the accounts keep a hash only.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class OfficialSignInTests(ApiHost api)
{
    private const string Page = "/official/sign-in";
    private const string OfficialCookie = "voting-official";
    private const string Refusal = "This user name and password do not match an official&#x27;s account.";

    [Fact]
    public async Task Admin_signs_in_with_the_official_token_and_the_cookie_is_strict()
    {
        using var browser = Browser(api.BaseAddress);
        using var signedIn = await Post(browser, "admin", ApiHost.AdminToken);

        Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
        var cookie = Assert.Single(SetCookies(signedIn), c => c.StartsWith(OfficialCookie + "=", StringComparison.Ordinal));
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToArray();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("expires=", StringComparison.Ordinal));
        Assert.DoesNotContain(ApiHost.AdminToken, cookie, StringComparison.Ordinal);

        var home = await browser.GetStringAsync("/");
        Assert.Contains("Signed in as admin (administrator)", home);
        Assert.Contains("Sign out", home);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_refusal()
    {
        using var browser = Browser(api.BaseAddress);
        using var wrongPassword = await Post(browser, "admin", ApiHost.AdminToken + "x");
        using var unknownUser = await Post(browser, "nobody", ApiHost.AdminToken);

        foreach (var refused in new[] { wrongPassword, unknownUser })
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.DoesNotContain(SetCookies(refused), c => c.StartsWith(OfficialCookie + "=", StringComparison.Ordinal));
        }
        var wrongPasswordPage = await wrongPassword.Content.ReadAsStringAsync();
        var unknownUserPage = await unknownUser.Content.ReadAsStringAsync();
        Assert.Contains($"role=\"alert\">{Refusal}</p>", wrongPasswordPage);
        Assert.Equal(ErrorOf(wrongPasswordPage), ErrorOf(unknownUserPage));
    }

    [Fact]
    public async Task A_sign_in_without_the_antiforgery_token_is_refused()
    {
        using var browser = Browser(api.BaseAddress);
        await browser.GetStringAsync(Page);
        using var forged = await browser.PostAsync(Page, Form(("_handler", "official-sign-in"), ("UserName", "admin"), ("Password", ApiHost.AdminToken)));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(SetCookies(forged), c => c.StartsWith(OfficialCookie + "=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_accounts_keep_a_hash_of_the_password_never_the_password()
    {
        using var browser = Browser(api.BaseAddress);
        using (var signedIn = await Post(browser, "admin", ApiHost.AdminToken))
            Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);

        var state = await StoredOfficials.State(api.Host.DataDir);
        Assert.DoesNotContain(ApiHost.AdminToken, state, StringComparison.Ordinal);
        Assert.True(StoredOfficials.HasHashOf("admin", ApiHost.AdminToken, state), "the accounts hold a hash of admin's password");
        Assert.False(StoredOfficials.HasHashOf("admin", ApiHost.AdminToken + "x", state), "no hash verifies another password");
    }

    private static Task<HttpResponseMessage> Post(HttpClient browser, string userName, string password) =>
        Submit(browser, Page, "official-sign-in", ("UserName", userName), ("Password", password));

    private static string ErrorOf(string html) =>
        ErrorField().Match(html) is { Success: true } match ? match.Value : throw new Xunit.Sdk.XunitException("no error on the page");

    [GeneratedRegex("<p id=\"sign-in-error\"[^>]*>[^<]*</p>")]
    private static partial Regex ErrorField();
}
