using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;
using static Voting.Web.Tests.Elections;
using static Voting.Web.Tests.ResultsHubClients;

namespace Voting.Web.Tests;

/// <summary>
/// A host of its own, with a threshold other than the default (<c>Voting:LiveResults:MinBallots</c> = 25), the boxes'
/// pushes every 250 ms (<c>Voting:ResultsInterval</c>) and no rate limit, so that one client address casts a burst.
/// </summary>
public sealed class BurstHost() : ApiHost(new Dictionary<string, string>
{
    ["Voting:LiveResults:MinBallots"] = BurstHost.MinBallots.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ["Voting:ResultsInterval"] = "00:00:00.250",
    ["Voting:RateLimiting:Enabled"] = "false",
})
{
    public const int MinBallots = 25;
    public static readonly TimeSpan ResultsInterval = TimeSpan.FromMilliseconds(250);
}

/// <summary>A burst of ballots reaches an official as a handful of snapshots, none closer than the threshold to the one before, the last one exact.</summary>
public sealed class LiveResultsBurstTests(BurstHost api, ITestOutputHelper output) : IClassFixture<BurstHost>
{
    private const int Burst = 1000;

    [Fact]
    public async Task A_burst_of_a_thousand_ballots_gives_a_handful_of_snapshots_and_the_last_equals_the_results()
    {
        var id = NewId("burst");
        var before = BurstHost.MinBallots - 1;
        var codes = await Prepare(api, Budget(id), LiveResultsTests.Voters(before + Burst), open: true);
        await using var official = WithBearer(api.BaseAddress, ApiHost.AdminToken);
        var messages = Listen(official);
        await official.StartAsync();
        await official.InvokeAsync("JoinElection", id);
        Assert.Equal(0, Ballots(await Next(messages, _ => true)));

        using var client = api.Anonymous();
        // One ballot fewer than the configured threshold (the default one would publish it): nothing new.
        await CastAll(client, id, codes, Enumerable.Range(0, before));
        await AssertNothingNew(messages, 0);

        var clock = Stopwatch.StartNew();
        await CastAll(client, id, codes, Enumerable.Range(before, Burst));
        using (var closing = api.Official())
        using (var close = await closing.PostAsync($"/api/elections/{id}/close", null))
            Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        var burstAndClose = clock.Elapsed;

        using var anonymous = api.Anonymous();
        using var response = await anonymous.GetAsync($"/api/elections/{id}/results");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = await Body(response);
        Assert.Equal(before + Burst, Ballots(results));

        // Every snapshot up to the final one, which counts what the results do.
        var snapshots = new List<JsonElement>();
        JsonElement final;
        do
            snapshots.Add(final = await Next(messages, _ => true));
        while (Version(final) < Version(results));
        Assert.True(JsonElement.DeepEquals(results, final), $"the hub's final snapshot\n{final}\ndiffers from the results\n{results}");

        // The snapshots published while ballots were coming in (as the vote closes, one may count them all already).
        var live = snapshots.Where(s => Ballots(s) > 0 && Ballots(s) < before + Burst).ToList();
        output.WriteLine($"{live.Count} live snapshots ({string.Join(", ", live.Select(Ballots))} ballots) in {burstAndClose.TotalMilliseconds:F0} ms, then the final one");
        // The boxes push at most once per interval, so a burst publishes at most once per interval, whatever its size.
        Assert.True(live.Count <= burstAndClose / BurstHost.ResultsInterval + 1,
            $"{live.Count} live snapshots in {burstAndClose.TotalMilliseconds:F0} ms");
        Assert.True(live.Count < Burst / BurstHost.MinBallots, $"{live.Count} live snapshots");
        long previous = 0;
        foreach (var snapshot in live)
        {
            Assert.True(Ballots(snapshot) - previous >= BurstHost.MinBallots, $"a snapshot of {Ballots(snapshot)} ballots after one of {previous}");
            previous = Ballots(snapshot);
        }
    }

    private static long Version(JsonElement results) => results.GetProperty("version").GetInt64();

    /// <summary>Casts one ballot per voter, 16 at a time.</summary>
    private static Task CastAll(HttpClient client, string election, Dictionary<string, string> codes, IEnumerable<int> voters) =>
        Parallel.ForEachAsync(voters, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (voter, cancellationToken) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/elections/{election}/ballots")
            {
                Content = Json($$$"""{"grades": {"p{{{voter % 3 + 1}}}": {{{voter % 5}}}, "d{{{voter % 2 + 1}}}": {{{voter / 5 % 5}}}}}"""),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", codes[$"v{voter}"]);
            using var cast = await client.SendAsync(request, cancellationToken);
            Assert.Equal(HttpStatusCode.Created, cast.StatusCode);
        });
}
