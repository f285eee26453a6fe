using System.Collections.Concurrent;
using Voting.Core.Results;
using Voting.Grains.Interfaces;

namespace Voting.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class ResultsFeedTests(ClusterFixture fixture)
{
    private sealed class Observer : IResultsObserver
    {
        public ConcurrentQueue<ElectionResults> Received { get; } = new();

        public void OnResults(ElectionResults results) => Received.Enqueue(results);
    }

    [Fact]
    public async Task Observers_get_coalesced_snapshots_that_end_at_the_final_count()
    {
        var grains = fixture.Grains;
        var (election, codes) = await Elections.OpenBudget(grains, "feed", 50);
        var observer = new Observer();
        var reference = grains.CreateObjectReference<IResultsObserver>(observer);
        var feed = grains.GetGrain<IResultsGrain>(election.GetPrimaryKeyString());
        await feed.Subscribe(reference);

        var random = new Random(5);
        for (int round = 0; round < 5; round++)
            await Task.WhenAll(Enumerable.Range(0, 50).Select(v => election.Cast(codes[v], Elections.RandomBallot(random, v))));
        var final = (await election.Results())!;

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!observer.Received.Any(r => r.Version == final.Version) && DateTime.UtcNow < deadline) await Task.Delay(50);
        var received = observer.Received.ToArray();
        Assert.Contains(received, r => r.Version == final.Version);
        Recount.AssertSame(final, received.Last(r => r.Version == final.Version));
        // 250 ballots (500 events) in a handful of snapshots, never one per ballot, versions only going up.
        Assert.True(received.Length < 50, $"{received.Length} snapshots");
        Assert.Equal(received.Select(r => r.Version).Order(), received.Select(r => r.Version));

        await feed.Unsubscribe(reference);
        grains.DeleteObjectReference<IResultsObserver>(reference);
    }
}
