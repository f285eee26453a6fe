using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Voting.Grains.Elections;
using static Voting.Web.Tests.Elections;
using static Voting.Web.Tests.PageForms;

namespace Voting.Web.Tests;

/// <summary>
/// Hosts of their own with tiny limits: casts and official requests beyond them get 429 with a reason; behind a known
/// proxy each client (its forwarded address), each resident and each official's account has limits of its own.
/// </summary>
public sealed class RateLimitTests
{
    private const string Token = "rate-limit-official-token";
    private const string SignInPage = "/official/sign-in";
    private const string TooManyAttempts = "Too many attempts. Wait a minute, then try again.";

    [Fact]
    public async Task Casts_and_logins_beyond_the_limit_get_429()
    {
        await using var host = await HostProcess.Start(new Dictionary<string, string>
        {
            ["Voting:AdminToken"] = Token,
            ["Voting:LoadSeeds"] = "false",
            ["Voting:RateLimiting:CastPerMinute"] = "3",
            ["Voting:RateLimiting:LoginPerMinute"] = "5",
        });

        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 8; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/login");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", i % 2 == 0 ? "guess-" + i : Token);
            // No proxy is configured: a forwarded address is not believed, whatever the client says.
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()));
        }
        Assert.Equal(5, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);

        var castStatuses = new List<HttpStatusCode>();
        for (int i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/elections/nope/ballots") { Content = Json("""{"grades": {"p": 1}}""") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "guess-" + i);
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            using var response = await client.SendAsync(request);
            castStatuses.Add(response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, castStatuses[^1]);
        Assert.True(castStatuses.Count(s => s == HttpStatusCode.TooManyRequests) >= 2, string.Join(", ", castStatuses));
    }

    [Fact]
    public void Forwarded_headers_are_read_only_from_the_configured_proxies()
    {
        var none = new ForwardedHeadersOptions();
        new ForwardedProxies().Configure(none);
        Assert.Equal(ForwardedHeaders.None, none.ForwardedHeaders); // the framework would otherwise trust any peer, or loopback
        Assert.Empty(none.KnownProxies);
        Assert.Empty(none.KnownIPNetworks);

        var configured = new ForwardedHeadersOptions();
        new ForwardedProxies { KnownProxies = ["10.0.0.5", "2001:db8::5"], KnownNetworks = ["192.168.4.0/24"] }.Configure(configured);
        Assert.Equal(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, configured.ForwardedHeaders);
        Assert.Equal([IPAddress.Parse("10.0.0.5"), IPAddress.Parse("2001:db8::5")], configured.KnownProxies);
        Assert.Equal([System.Net.IPNetwork.Parse("192.168.4.0/24")], configured.KnownIPNetworks);

        var typo = Assert.Throws<InvalidOperationException>(() => new ForwardedProxies { KnownNetworks = ["192.168.4.0/33"] }.Configure(new ForwardedHeadersOptions()));
        Assert.Contains("Voting:ForwardedHeaders:KnownNetworks", typo.Message);
    }

    [Fact]
    public async Task Behind_a_known_proxy_each_client_resident_and_account_has_its_own_limits()
    {
        await using var host = await HostProcess.Start(new Dictionary<string, string>
        {
            ["Voting:AdminToken"] = Token,
            ["Voting:LoadSeeds"] = "false",
            ["Voting:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["Voting:RateLimiting:LoginPerMinute"] = "4",
            ["Voting:RateLimiting:SignInPerAccountPerMinute"] = "6",
            ["Voting:RateLimiting:CastPerMinute"] = "1000",
            ["Voting:RateLimiting:CastPerResidentPerMinute"] = "3",
        });

        // One client keeps guessing admin's password: its address is stopped after 4 attempts, the account is not used up.
        using (var attacker = Behind("203.0.113.10", host))
        {
            var pages = new List<HttpResponseMessage>();
            for (int i = 0; i < 6; i++)
                pages.Add(await SignIn(attacker, "admin", "guess-" + i));
            Assert.Equal([200, 200, 200, 200, 429, 429], pages.Select(p => (int)p.StatusCode));
            var refused = await pages[^1].Content.ReadAsStringAsync();
            Assert.Contains($"role=\"alert\">{TooManyAttempts}</p>", refused);
            Assert.True(pages[^1].Headers.RetryAfter is not null, "429 without Retry-After");
            pages.ForEach(p => p.Dispose());
        }
        using (var admin = Behind("203.0.113.11", host))
        using (var signedIn = await SignIn(admin, "admin", Token))
            Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);

        // Guesses from any address add up on the account: once its 6 attempts are used, even the right password waits.
        using (var another = Behind("203.0.113.12", host))
        using (var guess = await SignIn(another, "admin", "guess-again"))
            Assert.Equal(HttpStatusCode.OK, guess.StatusCode);
        using (var late = Behind("203.0.113.13", host))
        {
            using (var locked = await SignIn(late, "admin", Token))
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
                Assert.Contains(TooManyAttempts, await locked.Content.ReadAsStringAsync());
            }
            // ... but no other account: this one is answered as usual (no such account).
            using var other = await SignIn(late, "nobody", Token);
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            Assert.DoesNotContain(TooManyAttempts, await other.Content.ReadAsStringAsync());
        }

        // The API's login: per forwarded address.
        using (var script = Behind("198.51.100.1", host))
        {
            script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            var statuses = new List<int>();
            for (int i = 0; i < 5; i++)
                using (var login = await script.PostAsync("/api/login", null))
                    statuses.Add((int)login.StatusCode);
            Assert.Equal([200, 200, 200, 200, 429], statuses);
        }
        using (var colleague = Behind("198.51.100.2", host))
        {
            colleague.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            using var login = await colleague.PostAsync("/api/login", null);
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        // Casting: per resident, from whatever address; another resident at the same address is not held back.
        var resident = InvitationCodes.New();
        var casts = new List<int>();
        for (int i = 0; i < 5; i++)
        {
            using var client = Behind($"192.0.2.{i + 1}", host);
            using var cast = await Cast(client, resident);
            casts.Add((int)cast.StatusCode);
        }
        Assert.Equal([404, 404, 404, 429, 429], casts); // no such election, until the resident's limit
        using var neighbour = Behind("192.0.2.1", host);
        using var neighbourCast = await Cast(neighbour, InvitationCodes.New());
        Assert.Equal(HttpStatusCode.NotFound, neighbourCast.StatusCode);
    }

    [Fact]
    public async Task The_ballot_page_counts_against_the_residents_limit_as_the_api_does()
    {
        await using var host = await HostProcess.Start(new Dictionary<string, string>
        {
            ["Voting:AdminToken"] = Token,
            ["Voting:LoadSeeds"] = "false",
            ["Voting:RateLimiting:CastPerResidentPerMinute"] = "3",
        });
        var id = NewId("limit");
        string code;
        using (var official = new HttpClient { BaseAddress = host.BaseAddress })
        {
            official.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            using (var created = await official.PostAsync("/api/elections", Json(Budget(id))))
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            using (var imported = await official.PostAsync($"/api/elections/{id}/voters", Json("""{"voters": [{"id": "v1"}]}""")))
                code = (await Body(imported)).GetProperty("codes").GetProperty("v1").GetString()!;
            using (var opened = await official.PostAsync($"/api/elections/{id}/open", null))
                Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }

        using var browser = Browser(host.BaseAddress);
        var page = $"/elections/{id}/vote";
        using (var signedIn = await Submit(browser, page, "sign-in", ("Code", code))) // 1
            Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
        using (var cast = await Submit(browser, page, "ballot", ("Grades[p1]", "4"))) // 2
            Assert.Equal(HttpStatusCode.Found, cast.StatusCode);
        using (var cast = await Submit(browser, page, "ballot", ("Grades[p1]", "3"))) // 3
            Assert.Equal(HttpStatusCode.Found, cast.StatusCode);
        using (var refused = await Submit(browser, page, "ballot", ("Grades[p1]", "2")))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains($"role=\"alert\">{TooManyAttempts}</p>", await refused.Content.ReadAsStringAsync());
        }
        using (var api = new HttpClient { BaseAddress = host.BaseAddress })
        using (var refused = await Cast(api, code, id))
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    /// <summary>A client whose requests reach the host through the proxy at 127.0.0.1, which forwards <paramref name="address"/>.</summary>
    private static HttpClient Behind(string address, HostProcess host)
    {
        var client = Browser(host.BaseAddress);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    private static Task<HttpResponseMessage> SignIn(HttpClient browser, string userName, string password) =>
        Submit(browser, SignInPage, "official-sign-in", ("UserName", userName), ("Password", password));

    private static async Task<HttpResponseMessage> Cast(HttpClient client, string code, string election = "no-such-election")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/elections/{election}/ballots") { Content = Json("""{"grades": {"p": 1}}""") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", code);
        return await client.SendAsync(request);
    }
}
