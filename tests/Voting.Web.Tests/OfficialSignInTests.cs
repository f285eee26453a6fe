using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

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
        using var browser = Browser(out var cookies);
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
        using var browser = Browser(out _);
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
        using var browser = Browser(out _);
        await browser.GetStringAsync(Page);
        using var forged = await browser.PostAsync(Page, Form(("_handler", "official-sign-in"), ("UserName", "admin"), ("Password", ApiHost.AdminToken)));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(SetCookies(forged), c => c.StartsWith(OfficialCookie + "=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_accounts_keep_a_hash_of_the_password_never_the_password()
    {
        using var browser = Browser(out _);
        using (var signedIn = await Post(browser, "admin", ApiHost.AdminToken))
            Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);

        var state = await OfficialsState();
        Assert.DoesNotContain(ApiHost.AdminToken, state, StringComparison.Ordinal);
        var hash = IdentityHash().Match(state);
        Assert.True(hash.Success, "the accounts hold a password hash");
        var hasher = new PasswordHasher<string>();
        Assert.NotEqual(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword("admin", hash.Value, ApiHost.AdminToken));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword("admin", hash.Value, ApiHost.AdminToken + "x"));
    }

    /// <summary>The officials grain's stored state, as text.</summary>
    private async Task<string> OfficialsState()
    {
        var path = Path.Combine(api.Host.DataDir, "voting.db");
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM grain_state WHERE state_name = 'officials'";
        var data = await command.ExecuteScalarAsync() as byte[] ?? throw new Xunit.Sdk.XunitException("no officials state stored");
        return Encoding.UTF8.GetString(data);
    }

    private HttpClient Browser(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = api.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    private static async Task<HttpResponseMessage> Post(HttpClient browser, string userName, string password)
    {
        var token = Token(await browser.GetStringAsync(Page));
        return await browser.PostAsync(Page, Form(
            ("_handler", "official-sign-in"), ("__RequestVerificationToken", token), ("UserName", userName), ("Password", password)));
    }

    private static string ErrorOf(string html) =>
        ErrorField().Match(html) is { Success: true } match ? match.Value : throw new Xunit.Sdk.XunitException("no error on the page");

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static string Token(string html) =>
        TokenField().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new Xunit.Sdk.XunitException("no antiforgery token in the page");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("<p id=\"sign-in-error\"[^>]*>[^<]*</p>")]
    private static partial Regex ErrorField();

    /// <summary>An ASP.NET Core Identity version 3 hash: base64 of a leading 0x01 byte and the salted PBKDF2 output.</summary>
    [GeneratedRegex("AQAAAA[A-Za-z0-9+/]{40,}={0,2}")]
    private static partial Regex IdentityHash();
}
