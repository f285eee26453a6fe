using Microsoft.Extensions.DependencyInjection;
using Voting.Core.Elections;
using Voting.Core.Results;
using Voting.Grains.Results;
using Voting.Grains.Storage;

namespace Voting.Grains.Tests.Cluster;

/// <summary>A count that does not finish holds up the results, never a ballot.</summary>
public sealed class SlowCountTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "voting-slow-count-" + Guid.NewGuid().ToString("N"));

    /// <summary>Counts only once the test lets it; says when a count has started.</summary>
    private sealed class GatedCounter : IElectionCounter
    {
        public ManualResetEventSlim Gate { get; } = new(false);

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ElectionResults Count(ElectionDefinition definition, TallySnapshot tallies)
        {
            Started.TrySetResult();
            Gate.Wait(TimeSpan.FromMinutes(1));
            return tallies.Count(definition);
        }
    }

    [Fact]
    public async Task Ballots_are_acknowledged_while_a_count_is_running()
    {
        var counter = new GatedCounter();
        await using var cluster = await VotingCluster.StartAsync(silo =>
        {
            silo.UseSqliteVotingStorage(Path.Combine(_folder, "voting.db"));
            silo.Services.AddSingleton<IElectionCounter>(counter);
        });
        var (election, codes) = await Elections.OpenBudget(cluster.Grains, "slow-count", 60);
        var random = new Random(3);
        await Task.WhenAll(Enumerable.Range(0, 30).Select(v => cluster.Grains.CastBallot(election, codes[v], Elections.RandomBallot(random, v))));

        var results = election.Results();
        await counter.Started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var casts = await Task.WhenAll(Enumerable.Range(0, 60).Select(v => cluster.Grains.CastBallot(election, codes[v], Elections.RandomBallot(random, v))))
            .WaitAsync(TimeSpan.FromSeconds(20));
        Assert.All(casts, c => Assert.True(c.Succeeded, c.Error));
        Assert.False(results.IsCompleted);

        counter.Gate.Set();
        Assert.Equal(30, (await results)!.Ballots);
        Assert.Equal(60, (await election.Results())!.Ballots);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
