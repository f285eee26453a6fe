using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static Voting.Web.Tests.Elections;

namespace Voting.Web.Tests;

[Collection(ApiCollection.Name)]
public sealed class LiveResultsTests(ApiHost api)
{
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

    [Fact]
    public async Task An_official_joined_to_an_election_receives_results_after_a_cast()
    {
        var id = NewId("live");
        var codes = await Prepare(api, Budget(id), new Dictionary<string, string[]> { ["a"] = ["city", "district"] }, open: true);

        await using var official = Connect(ApiHost.AdminToken);
        var messages = Listen(official);
        await official.StartAsync();
        await official.InvokeAsync("JoinElection", id);

        // The current snapshot right away.
        var first = await Next(messages, _ => true);
        Assert.Equal(0, first.GetProperty("ballots").GetInt64());

        using (var cast = await Cast(api, id, codes["a"], """{"grades": {"p1": 4, "d1": 2}}"""))
            Assert.Equal(HttpStatusCode.Created, cast.StatusCode);
        var pushed = await Next(messages, m => m.GetProperty("ballots").GetInt64() == 1);
        Assert.Equal(id, pushed.GetProperty("election").GetString());
        var city = HappyPathTests.Envelope(pushed, "city");
        Assert.Equal([0L, 0, 0, 0, 1], HappyPathTests.Profile(city, "p1"));
        Assert.Equal("p1", city.GetProperty("ranking")[0].GetProperty("project").GetString());
    }

    [Fact]
    public async Task The_public_may_follow_only_once_the_vote_is_closed()
    {
        var id = NewId("livepub");
        var codes = await Prepare(api, Budget(id), new Dictionary<string, string[]> { ["a"] = ["city"] }, open: true);

        await using var resident = Connect(null);
        var messages = Listen(resident);
        await resident.StartAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() => resident.InvokeAsync("JoinElection", id));
        Assert.Contains("closes", refused.Message);
        await using (var impostor = Connect("not-the-token"))
        {
            await impostor.StartAsync();
            await Assert.ThrowsAsync<HubException>(() => impostor.InvokeAsync("JoinElection", id));
        }
        await Assert.ThrowsAsync<HubException>(() => resident.InvokeAsync("JoinElection", NewId("nope")));

        using (var cast = await Cast(api, id, codes["a"], """{"grades": {"p2": 3}}"""))
            Assert.Equal(HttpStatusCode.Created, cast.StatusCode);
        using (var official = api.Official())
        using (var close = await official.PostAsync($"/api/elections/{id}/close", null))
            Assert.Equal(HttpStatusCode.OK, close.StatusCode);

        await resident.InvokeAsync("JoinElection", id);
        var results = await Next(messages, m => m.GetProperty("ballots").GetInt64() == 1);
        Assert.Equal(id, results.GetProperty("election").GetString());
    }
}
