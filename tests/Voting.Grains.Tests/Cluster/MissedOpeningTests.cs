using Voting.Grains.Boxes;
using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;
using Voting.Grains.Storage;

namespace Voting.Grains.Tests.Cluster;

/// <summary>
/// A ballot box that did not hear of the opening (the call from the election failed, as when the box's silo dies
/// in between) asks the election when a ballot arrives, and takes it.
/// </summary>
public sealed class MissedOpeningTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "voting-missed-opening-" + Guid.NewGuid().ToString("N"));
    private VotingCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await VotingCluster.StartAsync(silo =>
    {
        silo.UseSqliteVotingStorage(Path.Combine(_folder, "voting.db"));
        silo.AddIncomingGrainCallFilter<LoseBoxOpenings>();
    });

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Boxes_that_missed_the_opening_take_ballots_once_the_election_is_open()
    {
        var id = Elections.NewId("missed-opening");
        var election = _cluster.Grains.GetGrain<IElectionGrain>(id);
        Assert.True((await election.Create(Elections.Budget(id, boxes: 2), Elections.Official)).Succeeded);
        var roll = Enumerable.Range(0, 8).Select(i => new VoterImport($"voter-{i}", ["city", i % 2 == 0 ? "north" : "south"])).ToArray();
        var codes = (await election.ImportVoters(roll, Elections.Official)).Value!;
        var ballot = new Dictionary<string, int> { ["c1"] = 4 };

        // The boxes are active (they loaded the roll) and still a draft: a ballot is refused.
        Assert.Equal(Failure.NotOpen, (await _cluster.Grains.CastBallot(election, codes["voter-0"], ballot)).Failure);

        // The status is written before the boxes are told, and every box loses the message.
        await Assert.ThrowsAnyAsync<Exception>(() => election.Open(Elections.Official));
        Assert.Equal(ElectionStatus.Open, (await election.Get())!.Status);

        var outcomes = await Task.WhenAll(roll.Select(v => _cluster.Grains.CastBallot(election, codes[v.Id], ballot)));
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Error));
        Assert.Equal(roll.Length, (await election.Results())!.Ballots);
    }

    private sealed class LoseBoxOpenings : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context) =>
            context.InterfaceMethod.DeclaringType == typeof(IBallotBoxGrain) && context.InterfaceMethod.Name == nameof(IBallotBoxGrain.Open)
                ? throw new InvalidOperationException("the opening did not reach this box")
                : context.Invoke();
    }
}
