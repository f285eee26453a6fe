using System.Net;
using System.Text.RegularExpressions;
using static Voting.Web.Tests.Elections;

namespace Voting.Web.Tests;

/// <summary>
/// The ballot page's forms over plain HTTP: each needs its antiforgery token, and signing in sets a cookie that is
/// HttpOnly, SameSite=Strict, scoped to the election's pages, and carries no invitation code.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class BallotPageFormTests(ApiHost api)
{
    private const string VoterCookie = "voting-voter";

    [Fact]
    public async Task Forms_need_their_antiforgery_token_and_the_voter_cookie_is_strict_and_scoped_to_the_election()
    {
        var id = NewId("form");
        var code = (await Prepare(api, Budget(id), new Dictionary<string, string[]> { ["v1"] = ["city", "district"] }, open: true))["v1"];
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = api.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var page = $"/elections/{id}/vote";
        var token = Token(await browser.GetStringAsync(page));

        using (var forged = await browser.PostAsync(page, Form(("_handler", "sign-in"), ("Code", code))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            Assert.DoesNotContain(SetCookies(forged), c => c.StartsWith(VoterCookie + "=", StringComparison.Ordinal));
        }

        using (var signedIn = await browser.PostAsync(page, Form(("_handler", "sign-in"), ("__RequestVerificationToken", token), ("Code", code))))
        {
            Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
            Assert.Equal(page, signedIn.Headers.Location?.AbsolutePath);
            var cookie = Assert.Single(SetCookies(signedIn), c => c.StartsWith(VoterCookie + "=", StringComparison.Ordinal));
            var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToArray();
            Assert.Contains($"path=/elections/{id}", attributes);
            Assert.Contains("httponly", attributes);
            Assert.Contains("samesite=strict", attributes);
            Assert.DoesNotContain(attributes, a => a.StartsWith("expires=", StringComparison.Ordinal));
            Assert.DoesNotContain(code, cookie, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains(cookies.GetCookies(new Uri(api.BaseAddress, $"/elections/{id}/receipt")), c => c.Name == VoterCookie);
        Assert.DoesNotContain(cookies.GetCookies(new Uri(api.BaseAddress, $"/elections/{id}x/vote")), c => c.Name == VoterCookie);
        Assert.DoesNotContain(cookies.GetCookies(new Uri(api.BaseAddress, "/")), c => c.Name == VoterCookie);

        // Signed in, a ballot posted without the token is refused and casts nothing; with it, it counts.
        using (var forged = await browser.PostAsync(page, Form(("_handler", "ballot"), ("Grades[p1]", "4"))))
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using (var voter = api.WithBearer(code))
        using (var none = await voter.GetAsync($"/api/elections/{id}/ballot"))
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);

        var ballotForm = await browser.GetStringAsync(page);
        Assert.Contains("Submit my ballot", ballotForm);
        using (var cast = await browser.PostAsync(page, Form(("_handler", "ballot"), ("__RequestVerificationToken", Token(ballotForm)), ("Grades[p1]", "4"), ("Grades[d2]", "1"))))
            Assert.Equal(HttpStatusCode.Found, cast.StatusCode);
        using (var voter = api.WithBearer(code))
        using (var ballot = await voter.GetAsync($"/api/elections/{id}/ballot"))
        {
            var grades = (await Body(ballot)).GetProperty("grades").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
            Assert.Equal(new Dictionary<string, int> { ["p1"] = 4, ["d2"] = 1 }, grades);
        }
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static string Token(string html) =>
        TokenField().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new Xunit.Sdk.XunitException("no antiforgery token in the page");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
