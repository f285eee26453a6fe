using Voting.Core.Trail;
using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;

namespace Voting.Grains.Tests.Cluster;

/// <summary>
/// Each official action on an election that succeeds leaves exactly one entry in its audit trail: who asked, from
/// where, when (the grain's clock, during the call) and what; a refused action leaves none.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TrailTests(ClusterFixture fixture)
{
    private static readonly Actor Creator = new("alice", "198.51.100.1");
    private static readonly Actor Importer = new("bob", "2001:db8::2");
    private static readonly Actor Script = new(Actor.Token, "203.0.113.3");

    [Fact]
    public async Task Each_action_leaves_one_entry_naming_who_from_where_when_and_what()
    {
        var id = Elections.NewId("trail");
        var election = fixture.Grains.GetGrain<IElectionGrain>(id);
        Assert.Null(await election.Trail());
        var expected = new List<(Actor Actor, TrailAction Action, long? Voters)>();

        await Timed(() => election.Create(Elections.Budget(id), Creator), Creator, TrailAction.Create);
        await Refused(() => election.Create(Elections.Budget(id), Script));
        await Refused(() => election.Close(Script));
        await Refused(() => election.ImportVoters([new VoterImport("a", ["west"])], Importer));
        await Timed(() => election.ImportVoters([new VoterImport("a", ["city"]), new VoterImport("b", ["north"])], Importer), Importer, TrailAction.Import, 2);
        await Timed(() => election.Open(Script), Script, TrailAction.Open);
        await Refused(() => election.Open(Script));
        await Timed(() => election.ImportVoters([new VoterImport("c", ["south"])], Importer), Importer, TrailAction.Import, 1);
        await Timed(() => election.Close(Creator), Creator, TrailAction.Close);
        await Refused(() => election.Close(Creator));
        await Refused(() => election.ImportVoters([new VoterImport("d", ["south"])], Importer));

        var trail = (await election.Trail())!;
        Assert.Equal(expected, trail.Select(e => (new Actor(e.Actor, e.Address), e.Action, e.Voters)));
        Assert.All(trail, e => Assert.Null(e.Account));
        Assert.Empty(ElectionTrail.Problems(trail));

        async Task Timed<T>(Func<Task<Outcome<T>>> action, Actor actor, TrailAction what, long? voters = null)
        {
            var before = DateTimeOffset.UtcNow;
            var outcome = await action();
            var after = DateTimeOffset.UtcNow;
            Assert.True(outcome.Succeeded, outcome.Error);
            expected.Add((actor, what, voters));
            var trail = (await election.Trail())!;
            Assert.Equal(expected.Count, trail.Count);
            Assert.InRange(trail[^1].At, before, after);
            Assert.Equal(TimeSpan.Zero, trail[^1].At.Offset);
        }

        async Task Refused<T>(Func<Task<Outcome<T>>> action)
        {
            Assert.False((await action()).Succeeded);
            Assert.Equal(expected.Count, (await election.Trail())!.Count);
        }
    }
}
