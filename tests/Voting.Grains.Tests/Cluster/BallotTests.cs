using Voting.Core.Record;
using Voting.Grains.Contracts;
using Voting.Grains.Elections;
using Voting.Grains.Storage;

namespace Voting.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class BallotTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task Two_hundred_concurrent_casts_by_one_voter_leave_one_counted_ballot()
    {
        var (election, codes) = await Elections.OpenBudget(_grains, "same-voter", 1);
        var ballots = Enumerable.Range(0, 200).Select(i => new Dictionary<string, int> { ["c1"] = i % 5, ["n2"] = (i / 5) % 5 }).ToArray();

        var outcomes = await Task.WhenAll(ballots.Select(b => _grains.CastBallot(election, codes[0], b)));

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Error));
        var revisions = outcomes.Select(o => o.Value!.Revision).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, 200).Select(r => (long)r), revisions);
        Assert.Equal(200, outcomes.Select(o => o.Value!.Receipt).Distinct().Count());

        var results = (await election.Results())!;
        Assert.Equal(1, results.Ballots);
        Assert.All(results.Envelopes.Where(e => e.Id != "south"), e => Assert.Equal(1, e.Judges));

        var last = outcomes.MaxBy(o => o.Value!.Revision)!.Value!;
        var lastBallot = ballots[Array.FindIndex(outcomes, o => o.Value == last)];
        Recount.AssertSame(Recount.FromBallots(Elections.Budget(election.GetPrimaryKeyString()), [lastBallot], results.Version), results);

        var counted = await election.Receipt(last.Receipt);
        Assert.True(counted.Value!.Counted);
        Assert.Equal(["city", "north"], counted.Value.Envelopes);
        var first = outcomes.Single(o => o.Value!.Revision == 1).Value!;
        Assert.False((await election.Receipt(first.Receipt)).Value!.Counted);
        Assert.Equal(Failure.NotFound, (await election.Receipt(new string('0', 32))).Failure);
        Assert.Equal(Failure.NotFound, (await election.Receipt("nonsense")).Failure);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Revotes_move_the_tallies_to_a_recount_of_the_final_ballots(int boxes)
    {
        const int voters = 60;
        var (election, codes) = await Elections.OpenBudget(_grains, "revotes", voters, boxes);
        var random = new Random(7);
        var final = new Dictionary<string, int>[voters];
        var receipts = new List<(string Receipt, int Voter, long Revision)>();
        for (int round = 0; round < 4; round++)
        {
            // Each round, some voters (re)vote, all at once.
            var who = Enumerable.Range(0, voters).Where(_ => random.Next(3) > 0).ToArray();
            var ballots = who.Select(v => Elections.RandomBallot(random, v)).ToArray();
            var outcomes = await Task.WhenAll(who.Select((v, i) => _grains.CastBallot(election, codes[v], ballots[i])));
            for (int i = 0; i < who.Length; i++)
            {
                Assert.True(outcomes[i].Succeeded, outcomes[i].Error);
                final[who[i]] = ballots[i];
                receipts.Add((outcomes[i].Value!.Receipt, who[i], outcomes[i].Value!.Revision));
            }
            var results = (await election.Results())!;
            var expected = Recount.FromBallots(Elections.Budget(election.GetPrimaryKeyString(), boxes), final.Where(b => b is not null), results.Version);
            Recount.AssertSame(expected, results);
        }

        foreach (var group in receipts.GroupBy(r => r.Voter))
        {
            Assert.Equal(Enumerable.Range(1, group.Count()).Select(r => (long)r), group.Select(r => r.Revision));
            foreach (var (receipt, _, revision) in group)
                Assert.Equal(revision == group.Count(), (await election.Receipt(receipt)).Value!.Counted);
        }
    }

    [Fact]
    public async Task When_another_writer_moved_the_log_the_grain_catches_up_and_never_double_counts()
    {
        var (election, codes) = await Elections.OpenBudget(_grains, "conflict", 2);
        var id = election.GetPrimaryKeyString();
        var first = (await _grains.CastBallot(election, codes[0], new Dictionary<string, int> { ["c1"] = 4, ["n1"] = 4 })).Value!;
        await _grains.CastBallot(election, codes[1], new Dictionary<string, int> { ["c2"] = 1 });

        // What a second activation of the log would do: revote for voter 0 behind this activation's back.
        var log = fixture.Cluster.Log;
        var records = new List<LogRecord>();
        await foreach (var record in log.ReadAsync(id)) records.Add(record);
        var intruder = new BallotEvent(records.Count + 1, new string('a', 32), first.Receipt, "city", new Dictionary<string, int> { ["c1"] = 0 });
        var voterKey = InvitationCodes.Hash(codes[0])!;
        await log.AppendAsync(id,
            [new LogRecord(intruder.Sequence, BallotChain.Next(records[^1].Hash, intruder), BallotChain.CanonicalBytes(intruder))],
            [new SlotWrite(new VoterSlot(voterKey, 2, new Dictionary<string, string> { ["city"] = intruder.Receipt }), 1)]);

        var again = await _grains.CastBallot(election, codes[0], new Dictionary<string, int> { ["c3"] = 3 });
        Assert.True(again.Succeeded, again.Error);
        Assert.Equal(3, again.Value!.Revision);

        var definition = (await election.Get())!.Definition;
        var events = await Recount.ReadLog(log, definition);
        Assert.Equal(intruder.Receipt, events[^1].Replaces);
        var results = (await election.Results())!;
        Assert.Equal(2, results.Ballots);
        Recount.AssertSame(Recount.FromLog(definition, events), results);
        Assert.False((await election.Receipt(intruder.Receipt)).Value!.Counted);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task A_ballot_after_close_is_refused_and_the_final_results_stay(int boxes)
    {
        var (election, codes) = await Elections.OpenBudget(_grains, "closing", 20, boxes);
        var random = new Random(3);
        // Close while ballots are in flight: every acknowledged ballot counts, every refused one is refused as Closed.
        var casts = Enumerable.Range(0, 20).Select(i => _grains.CastBallot(election, codes[i], Elections.RandomBallot(random, i))).ToArray();
        var closed = await election.Close(Elections.Official);
        Assert.True(closed.Succeeded, closed.Error);
        var outcomes = await Task.WhenAll(casts);
        Assert.All(outcomes, o => Assert.True(o.Succeeded || o.Failure == Failure.Closed, o.Error));

        var late = await _grains.CastBallot(election, codes[0], new Dictionary<string, int> { ["c1"] = 1 });
        Assert.Equal(Failure.Closed, late.Failure);

        var results = (await election.Results())!;
        Assert.Equal(outcomes.Count(o => o.Succeeded), results.Ballots);
        Recount.AssertSame(results, await election.Results());
    }
}
