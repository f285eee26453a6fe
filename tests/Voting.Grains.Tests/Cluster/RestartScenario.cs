using Voting.Core.Elections;
using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;
using Voting.Core.Record;
using Voting.Core.Trail;
using Voting.Grains.Boxes;
using Voting.Grains.Elections;

namespace Voting.Grains.Tests.Cluster;

/// <summary>
/// Votes, kills the silo (no deactivation, no last checkpoint), starts a new one on the same storage, and checks
/// that every acknowledged ballot is in the log and that the tallies equal a recount of the log and of the final ballots.
/// </summary>
public static class RestartScenario
{
    public static async Task RunAsync(Func<Task<VotingCluster>> start, int voters, TimeSpan? waitForCheckpoint, int boxes = 1)
    {
        string id;
        string[] codes;
        var final = new Dictionary<string, int>[voters];
        var acknowledged = new List<(int Voter, CastReceipt Receipt)>();
        var random = new Random(11);

        var first = await start();
        try
        {
            IElectionGrain election;
            (election, codes) = await Elections.OpenBudget(first.Grains, "restart", voters, boxes);
            id = election.GetPrimaryKeyString();
            await CastRound(election, Enumerable.Range(0, voters).ToArray());
            if (waitForCheckpoint is { } wait)
            {
                await Task.Delay(wait);
                long saved = 0;
                foreach (var box in BallotBox.All(id, boxes))
                {
                    var stored = await first.Documents.ReadAsync(StoreNames.Checkpoints, box.LogId);
                    Assert.NotNull(stored);
                    var checkpoint = LogReplay.Restore((await election.Get())!.Definition, (await election.StoredDefinition())!, stored.Data);
                    Assert.NotNull(checkpoint);
                    saved += checkpoint.Tally.Voters;
                }
                Assert.Equal(voters, saved);
            }
            await CastRound(election, Enumerable.Range(0, voters).Where(v => v % 3 == 0).ToArray());
            // Ballots still in flight when the silo dies: not acknowledged, so either way is right.
            _ = CastRound(election, Enumerable.Range(0, voters).Where(v => v % 7 == 1).ToArray(), record: false);
            await first.KillAsync();
        }
        finally
        {
            await first.DisposeAsync();
        }

        await using var second = await start();
        var restarted = second.Grains.GetGrain<IElectionGrain>(id);
        var definition = (await restarted.Get())!.Definition;
        Assert.Equal(ElectionStatus.Open, (await restarted.Get())!.Status);
        var events = await Recount.ReadLogs(second.Log, definition, boxes);
        var logged = events.Select(e => e.Receipt).ToHashSet();
        Assert.All(acknowledged, a => Assert.Contains(a.Receipt.Receipt, logged));

        var results = (await restarted.Results())!;
        Recount.AssertSame(Recount.FromLog(definition, events), results);
        var unacknowledged = events.Select(e => e.Receipt).Except(acknowledged.Select(a => a.Receipt.Receipt)).ToHashSet();
        if (unacknowledged.Count == 0)
            Recount.AssertSame(Recount.FromBallots(definition, final.Where(b => b is not null), results.Version), results);
        foreach (var voter in acknowledged.GroupBy(a => a.Voter))
        {
            var last = voter.MaxBy(a => a.Receipt.Revision).Receipt;
            var lookup = await restarted.Receipt(last.Receipt);
            Assert.True(lookup.Succeeded, lookup.Error);
            if (!unacknowledged.Any()) Assert.True(lookup.Value!.Counted);
        }

        // A voter's ballot comes back as they cast it: the restarted box reads their slot from the store (the voters
        // with a cast in flight at the kill left out).
        foreach (var voter in acknowledged.Where(a => a.Voter % 7 != 1).GroupBy(a => a.Voter).Take(20))
        {
            var last = voter.MaxBy(a => a.Receipt.Revision).Receipt;
            var voterKey = InvitationCodes.Hash(codes[voter.Key])!;
            var ballot = await second.Grains.GetGrain<IBallotBoxGrain>(BallotBox.Of(id, voterKey, boxes).GrainKey).Ballot(voterKey);
            Assert.True(ballot.Succeeded, ballot.Error);
            Assert.Equal((last.Receipt, last.Revision), (ballot.Value!.Receipt, ballot.Value.Revision));
            Assert.Equal(final[voter.Key].OrderBy(g => g.Key, StringComparer.Ordinal), ballot.Value.Grades.OrderBy(g => g.Key, StringComparer.Ordinal));
        }

        // Voting goes on where it stopped: revisions continue from the stored slot.
        var before = acknowledged.Where(a => a.Voter == 0).Max(a => a.Receipt.Revision);
        var again = await second.Grains.CastBallot(restarted, codes[0], new Dictionary<string, int> { ["c1"] = 0 });
        Assert.True(again.Succeeded, again.Error);
        Assert.True(again.Value!.Revision > before);
        events = await Recount.ReadLogs(second.Log, definition, boxes);
        Recount.AssertSame(Recount.FromLog(definition, events), await restarted.Results());

        Assert.True((await restarted.Close(Elections.Official)).Succeeded);
        Recount.AssertSame(Recount.FromLog(definition, events), await restarted.Results());

        // The audit trail outlives the silo: the creation, import and opening stored before the kill, then the close.
        var trail = (await restarted.Trail())!;
        Assert.Equal([TrailAction.Create, TrailAction.Import, TrailAction.Open, TrailAction.Close], trail.Select(e => e.Action));
        Assert.All(trail, e => Assert.Equal((Elections.Official.Name, Elections.Official.Address), (e.Actor, e.Address)));
        Assert.Equal(voters, trail[1].Voters);

        async Task CastRound(IElectionGrain election, int[] who, bool record = true)
        {
            var ballots = who.Select(v => Elections.RandomBallot(random, v)).ToArray();
            var outcomes = await Task.WhenAll(who.Select((v, i) => first.Grains.CastBallot(election, codes[v], ballots[i])));
            if (!record) return;
            for (int i = 0; i < who.Length; i++)
            {
                Assert.True(outcomes[i].Succeeded, outcomes[i].Error);
                final[who[i]] = ballots[i];
                acknowledged.Add((who[i], outcomes[i].Value!));
            }
        }
    }
}
