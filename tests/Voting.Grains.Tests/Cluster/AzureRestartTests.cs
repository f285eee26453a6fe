using Voting.Grains.Storage;
using Voting.Grains.Tests.Azurite;

namespace Voting.Grains.Tests.Cluster;

[Collection(AzuriteCollection.Name)]
public sealed class AzureRestartTests(AzuriteFixture azurite)
{
    private readonly string _prefix = "c" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public Task On_Azure_storage_the_tallies_survive_a_kill_and_equal_a_recount_of_the_log() =>
        RestartScenario.RunAsync(
            () => VotingCluster.StartAsync(
                silo => silo.UseAzureVotingStorage(azurite.ConnectionString, _prefix),
                o => o.CheckpointInterval = TimeSpan.FromMilliseconds(300)),
            voters: 250, waitForCheckpoint: TimeSpan.FromSeconds(1.5));

    [Fact]
    public Task On_Azure_storage_with_four_ballot_boxes_a_kill_mid_load_loses_no_acknowledged_ballot_and_counts_none_twice() =>
        RestartScenario.RunAsync(
            () => VotingCluster.StartAsync(
                silo => silo.UseAzureVotingStorage(azurite.ConnectionString, _prefix),
                o => o.CheckpointInterval = TimeSpan.FromMilliseconds(300)),
            voters: 250, waitForCheckpoint: TimeSpan.FromSeconds(1.5), boxes: 4);

    [Fact]
    public async Task On_Azure_storage_two_hundred_concurrent_casts_by_one_voter_leave_one_counted_ballot()
    {
        await using var cluster = await VotingCluster.StartAsync(silo => silo.UseAzureVotingStorage(azurite.ConnectionString, _prefix));
        var (election, codes) = await Elections.OpenBudget(cluster.Grains, "azure-same-voter", 1);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => cluster.Grains.CastBallot(election, codes[0], new Dictionary<string, int> { ["c1"] = i % 5 })));
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Error));
        Assert.Equal(Enumerable.Range(1, 200).Select(r => (long)r), outcomes.Select(o => o.Value!.Revision).Order());
        var results = (await election.Results())!;
        Assert.Equal(1, results.Ballots);
        var definition = (await election.Get())!.Definition;
        Recount.AssertSame(Recount.FromLog(definition, await Recount.ReadLog(cluster.Log, definition)), results);
    }
}
