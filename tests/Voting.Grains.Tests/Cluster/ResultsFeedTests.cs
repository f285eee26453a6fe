using System.Collections.Concurrent;
using Voting.Core.Results;
using Voting.Grains.Interfaces;

namespace Voting.Grains.Tests.Cluster;

/// <summary>
/// Live results keep the ballot secret: while the vote is open a snapshot is published only once
/// <see cref="MinBallots"/> more ballots were cast, however often the boxes push their tallies; at close, the exact count.
/// </summary>
public sealed class ResultsFeedTests : IAsyncLifetime
{
    private const int MinBallots = 100;
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(600);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "voting-results-feed-" + Guid.NewGuid().ToString("N"));
    private VotingCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.Grains;

    // The boxes push their tallies every 10 ms: without the threshold, a burst would be published many times over.
    public async Task InitializeAsync() => _cluster = await VotingCluster.StartSqliteAsync(Path.Combine(_folder, "voting.db"), o =>
    {
        o.ResultsInterval = TimeSpan.FromMilliseconds(10);
        o.LiveResults.MinBallots = MinBallots;
    });

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private sealed class Observer : IResultsObserver
    {
        public ConcurrentQueue<ElectionResults> Received { get; } = new();

        public void OnResults(ElectionResults results) => Received.Enqueue(results);

        public async Task<ElectionResults> WaitFor(Func<ElectionResults, bool> until)
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (DateTime.UtcNow < deadline)
            {
                if (Received.LastOrDefault(until) is { } found) return found;
                await Task.Delay(20);
            }
            throw new TimeoutException($"no such snapshot among {Received.Count}");
        }
    }

    private async Task<(IResultsGrain Feed, Observer Observer)> Follow(IElectionGrain election)
    {
        var observer = new Observer();
        var feed = Grains.GetGrain<IResultsGrain>(election.GetPrimaryKeyString());
        await feed.Subscribe(Grains.CreateObjectReference<IResultsObserver>(observer));
        return (feed, observer);
    }

    private async Task CastAll(IElectionGrain election, string[] codes, Random random, IEnumerable<int> voters)
    {
        var outcomes = await Task.WhenAll(voters.Select(v => Grains.CastBallot(election, codes[v], Elections.RandomBallot(random, v))));
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Error));
    }

    [Fact]
    public async Task A_burst_of_a_thousand_ballots_gives_a_handful_of_snapshots_and_the_exact_count_at_close()
    {
        var (election, codes) = await Elections.OpenBudget(Grains, "burst", 1000, boxes: 2);
        var (_, observer) = await Follow(election);
        await CastAll(election, codes, new Random(5), Enumerable.Range(0, 1000));
        await Task.Delay(Quiet);
        var whileOpen = observer.Received.ToArray();

        Assert.True((await election.Close(Elections.Official)).Succeeded);
        var final = (await election.Results())!;
        Assert.Equal(1000, final.Ballots);
        var last = await observer.WaitFor(r => r.Version == final.Version);
        Recount.AssertSame(final, last);

        // One voter, one ballot here: the ballots counted are the ballots cast. (Notifications may arrive out of order.)
        var ballots = whileOpen.OrderBy(r => r.Version).Select(r => r.Ballots).ToArray();
        Assert.Equal(0, ballots[0]); // the snapshot given on subscribing: no ballot yet
        Assert.True(ballots.Length <= 1 + 1000 / MinBallots, $"{ballots.Length} snapshots while open: {string.Join(", ", ballots)}");
        Assert.All(ballots.Zip(ballots.Skip(1)), pair => Assert.True(pair.Second - pair.First >= MinBallots, $"published at {string.Join(", ", ballots)}"));
    }

    [Fact]
    public async Task Fewer_ballots_than_the_threshold_publish_nothing_until_the_vote_closes()
    {
        var (election, codes) = await Elections.OpenBudget(Grains, "threshold", 150);
        var (feed, observer) = await Follow(election);
        var random = new Random(9);

        await CastAll(election, codes, random, Enumerable.Range(0, MinBallots - 1));
        await Task.Delay(Quiet);
        Assert.Equal([0L], observer.Received.Select(r => r.Ballots));
        Assert.Equal(0, (await feed.Latest())!.Ballots);

        await CastAll(election, codes, random, [MinBallots - 1]);
        var published = await observer.WaitFor(r => r.Ballots > 0);
        Assert.Equal(MinBallots, published.Ballots);

        await CastAll(election, codes, random, Enumerable.Range(MinBallots, 50));
        await Task.Delay(Quiet);
        Assert.Equal([0L, MinBallots], observer.Received.Select(r => r.Ballots).Order());
        Assert.Equal(published.Version, (await feed.Latest())!.Version);
        Assert.Equal(MinBallots + 50, (await election.Results())!.Ballots); // the officials' count is live and exact

        Assert.True((await election.Close(Elections.Official)).Succeeded);
        var final = await observer.WaitFor(r => r.Ballots == MinBallots + 50);
        Recount.AssertSame((await election.Results())!, final);
        Assert.Equal(final.Version, (await feed.Latest())!.Version);
    }

    [Fact]
    public async Task A_new_activation_counts_every_ballot_before_it_as_published()
    {
        var (election, codes) = await Elections.OpenBudget(Grains, "reactivated", 400);
        var (_, observer) = await Follow(election);
        var random = new Random(11);
        await CastAll(election, codes, random, Enumerable.Range(0, MinBallots));
        await observer.WaitFor(r => r.Ballots == MinBallots);
        await CastAll(election, codes, random, Enumerable.Range(MinBallots, 30));
        await Task.Delay(Quiet);

        // Every idle activation goes, the results grain's with it; the next one knows nothing of what was published.
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var (feed, after) = await Follow(election);
        Assert.Null(await feed.Latest());

        // 100 ballots after the last snapshot published, but fewer after the new activation started.
        await CastAll(election, codes, random, Enumerable.Range(MinBallots + 30, 70));
        await Task.Delay(Quiet);
        Assert.Empty(after.Received);
        Assert.Null(await feed.Latest());

        await CastAll(election, codes, random, Enumerable.Range(2 * MinBallots, 30));
        var published = await after.WaitFor(_ => true);
        Assert.Equal(2 * MinBallots + 30, published.Ballots);
    }
}
