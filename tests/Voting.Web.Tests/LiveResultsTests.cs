using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static Voting.Web.Tests.Elections;

namespace Voting.Web.Tests;

/// <summary>The live results hub, with the host's default threshold: a snapshot per 10 ballots cast at least, the exact count at close.</summary>
[Collection(ApiCollection.Name)]
public sealed class LiveResultsTests(ApiHost api)
{
    private const int MinBallots = 10;
    /// <summary>Long enough for the boxes to push their tallies a few times (every 250 ms).</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1.5);

    private HubConnection Connect(string? token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(api.BaseAddress, "/hubs/results"), options =>
            {
                if (token is not null)
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();

    private static Channel<JsonElement> Listen(HubConnection connection)
    {
        var messages = Channel.CreateUnbounded<JsonElement>();
        connection.On<JsonElement>("results", results => messages.Writer.TryWrite(results));
        return messages;
    }

    private static async Task<JsonElement> Next(Channel<JsonElement> messages, Func<JsonElement, bool> until)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var message = await messages.Reader.ReadAsync(timeout.Token);
            if (until(message))
                return message;
        }
    }

    /// <summary>Waits a while, then checks that no snapshot but the one already received (which may come twice) arrived.</summary>
    private static async Task AssertNothingNew(Channel<JsonElement> messages, long ballots)
    {
        await Task.Delay(Quiet);
        while (messages.Reader.TryRead(out var message))
            Assert.Equal(ballots, Ballots(message));
    }

    private static long Ballots(JsonElement results) => results.GetProperty("ballots").GetInt64();

    private static Dictionary<string, string[]> Voters(int count) =>
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
}
