using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static Voting.Web.Tests.Elections;
using static Voting.Web.Tests.PageForms;
using static Voting.Web.Tests.ResultsHubClients;

namespace Voting.Web.Tests;

/// <summary>
/// The live results hub, with the host's default threshold: a snapshot per 10 ballots cast at least, the exact count at
/// close. While the vote is open only officials follow it, by their sign-in cookie or the official token as bearer header.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LiveResultsTests(ApiHost api)
{
    private const int MinBallots = 10;

    private HubConnection Connect(string? token) => WithBearer(api.BaseAddress, token);

    internal static Dictionary<string, string[]> Voters(int count) =>
        Enumerable.Range(0, count).ToDictionary(i => $"v{i}", _ => new[] { "city", "district" });

    private async Task CastEach(string election, Dictionary<string, string> codes, IEnumerable<int> voters, string ballot = """{"grades": {"p1": 4, "d1": 2}}""")
    {
        foreach (var voter in voters)
            using (var cast = await Cast(api, election, codes[$"v{voter}"], ballot))
                Assert.Equal(HttpStatusCode.Created, cast.StatusCode);
    }

    [Fact]
    public async Task An_official_receives_a_snapshot_once_ten_ballots_were_cast()
    {
        var id = NewId("live");
        var codes = await Prepare(api, Budget(id), Voters(MinBallots), open: true);

        await using var official = Connect(ApiHost.AdminToken);
        var messages = Listen(official);
        await official.StartAsync();
        await official.InvokeAsync("JoinElection", id);

        // The current snapshot right away: no ballot yet.
        Assert.Equal(0, Ballots(await Next(messages, _ => true)));

        await CastEach(id, codes, Enumerable.Range(0, MinBallots - 1));
        await AssertNothingNew(messages, 0);

        await CastEach(id, codes, [MinBallots - 1]);
        var pushed = await Next(messages, _ => true);
        Assert.Equal(MinBallots, Ballots(pushed));
        Assert.Equal(id, pushed.GetProperty("election").GetString());
        var city = HappyPathTests.Envelope(pushed, "city");
        Assert.Equal([0L, 0, 0, 0, MinBallots], HappyPathTests.Profile(city, "p1"));
        Assert.Equal("p1", city.GetProperty("ranking")[0].GetProperty("project").GetString());
    }

    [Fact]
    public async Task A_client_that_reconnects_gets_the_latest_published_snapshot_not_a_fresher_count()
    {
        var id = NewId("relive");
        var codes = await Prepare(api, Budget(id), Voters(MinBallots + 3), open: true);
        await using var official = Connect(ApiHost.AdminToken);
        var messages = Listen(official);
        await official.StartAsync();
        await official.InvokeAsync("JoinElection", id);
        await CastEach(id, codes, Enumerable.Range(0, MinBallots));
        await Next(messages, m => Ballots(m) == MinBallots);

        await CastEach(id, codes, Enumerable.Range(MinBallots, 3));
        Assert.Equal(MinBallots + 3, (await OfficialResults(api, id)).GetProperty("ballots").GetInt64()); // exact and live
        await AssertNothingNew(messages, MinBallots);

        await official.StopAsync();
        await official.StartAsync();
        await official.InvokeAsync("JoinElection", id);
        Assert.Equal(MinBallots, Ballots(await Next(messages, _ => true)));
        await AssertNothingNew(messages, MinBallots);
    }

    [Fact]
    public async Task Residents_may_not_follow_while_the_vote_is_open_and_the_exact_count_is_published_at_close()
    {
        var id = NewId("livepub");
        var codes = await Prepare(api, Budget(id), Voters(MinBallots + 1), open: true);
        await using var official = Connect(ApiHost.AdminToken);
        var live = Listen(official);
        await official.StartAsync();
        await official.InvokeAsync("JoinElection", id);

        await using var resident = Connect(codes["v0"]);
        var messages = Listen(resident);
        await resident.StartAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() => resident.InvokeAsync("JoinElection", id));
        Assert.Contains("closes", refused.Message);
        await using (var anonymous = Connect(null))
        {
            await anonymous.StartAsync();
            await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync("JoinElection", id));
        }
        await using (var impostor = Connect("not-the-token"))
        {
            await impostor.StartAsync();
            await Assert.ThrowsAsync<HubException>(() => impostor.InvokeAsync("JoinElection", id));
        }
        await Assert.ThrowsAsync<HubException>(() => resident.InvokeAsync("JoinElection", NewId("nope")));

        await CastEach(id, codes, Enumerable.Range(0, MinBallots));
        await Next(live, m => Ballots(m) == MinBallots);
        Assert.False(messages.Reader.TryRead(out _));

        // One more ballot, fewer than the threshold: published only with the final count.
        await CastEach(id, codes, [MinBallots], """{"grades": {"p2": 3}}""");
        using (var client = api.Official())
        using (var close = await client.PostAsync($"/api/elections/{id}/close", null))
            Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        var final = await Next(live, m => Ballots(m) == MinBallots + 1);
        var exact = await OfficialResults(api, id);
        Assert.Equal(exact.GetProperty("version").GetInt64(), final.GetProperty("version").GetInt64());
        Assert.Equal(HappyPathTests.Profile(HappyPathTests.Envelope(exact, "city"), "p2"), HappyPathTests.Profile(HappyPathTests.Envelope(final, "city"), "p2"));

        await resident.InvokeAsync("JoinElection", id);
        var results = await Next(messages, _ => true);
        Assert.Equal(MinBallots + 1, Ballots(results));
        Assert.Equal(id, results.GetProperty("election").GetString());
    }

    [Fact]
    public async Task Officials_signed_in_with_their_cookie_follow_the_open_vote()
    {
        var id = NewId("cookie");
        var codes = await Prepare(api, Budget(id), Voters(MinBallots), open: true);
        var observer = $"observer-{Guid.NewGuid():n}"[..20];
        var password = $"pw-{Guid.NewGuid():n}";
        var administratorCookies = new CookieContainer();
        using (var administrator = Browser(api.BaseAddress, administratorCookies))
        {
            using (var signedIn = await SignIn(administrator, "admin", ApiHost.AdminToken))
                Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
            using (var created = await Submit(administrator, "/official/accounts", "new-observer", ("UserName", observer), ("Password", password)))
                Assert.Equal(HttpStatusCode.Found, created.StatusCode);
        }
        var observerCookies = new CookieContainer();
        using (var watcher = Browser(api.BaseAddress, observerCookies))
        using (var signedIn = await SignIn(watcher, observer, password))
            Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);

        await using var asAdministrator = WithCookies(api.BaseAddress, administratorCookies);
        await using var asObserver = WithCookies(api.BaseAddress, observerCookies);
        var followers = new[] { asAdministrator, asObserver };
        var messages = followers.Select(Listen).ToArray();
        foreach (var follower in followers)
        {
            await follower.StartAsync();
            await follower.InvokeAsync("JoinElection", id);
        }
        foreach (var received in messages)
            Assert.Equal(0, Ballots(await Next(received, _ => true)));

        await CastEach(id, codes, Enumerable.Range(0, MinBallots));
        foreach (var received in messages)
            Assert.Equal(MinBallots, Ballots(await Next(received, m => Ballots(m) > 0)));
    }

    [Fact]
    public async Task A_residents_voter_cookie_does_not_let_them_follow_the_open_vote()
    {
        var id = NewId("voter");
        var code = (await Prepare(api, Budget(id), Voters(1), open: true))["v0"];
        var cookies = new CookieContainer();
        using (var browser = Browser(api.BaseAddress, cookies))
        using (var signedIn = await Submit(browser, $"/elections/{id}/vote", "sign-in", ("Code", code)))
            Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
        var voterCookie = Assert.Single(cookies.GetCookies(new Uri(api.BaseAddress, $"/elections/{id}/vote")), c => c.Name == "voting-voter");

        // A browser keeps this cookie to the election's pages; sent to the hub anyway, it is still no official's credential.
        var sent = new CookieContainer();
        sent.Add(new Cookie(voterCookie.Name, voterCookie.Value, "/", voterCookie.Domain));
        await using var resident = WithCookies(api.BaseAddress, sent);
        await resident.StartAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() => resident.InvokeAsync("JoinElection", id));
        Assert.Contains("closes", refused.Message);
    }

    [Fact]
    public async Task The_official_token_counts_in_the_authorization_header_only_never_in_the_url()
    {
        var id = NewId("query");
        await Prepare(api, Budget(id), Voters(1), open: true);

        await using var inTheUrl = ResultsHubClients.Connect(api.BaseAddress, path: $"{ResultsHubClients.Path}?access_token={Uri.EscapeDataString(ApiHost.AdminToken)}");
        await inTheUrl.StartAsync();
        await Assert.ThrowsAsync<HubException>(() => inTheUrl.InvokeAsync("JoinElection", id));

        await using var inTheHeader = Connect(ApiHost.AdminToken);
        var messages = Listen(inTheHeader);
        await inTheHeader.StartAsync();
        await inTheHeader.InvokeAsync("JoinElection", id);
        Assert.Equal(0, Ballots(await Next(messages, _ => true)));
    }

    private static Task<HttpResponseMessage> SignIn(HttpClient browser, string userName, string password) =>
        Submit(browser, "/official/sign-in", "official-sign-in", ("UserName", userName), ("Password", password));
}
