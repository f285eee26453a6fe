using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;
using Voting.Grains.Roll;

namespace Voting.Grains.Tests.Cluster;

/// <summary>
/// The election says how many registered voters may vote in each envelope (the live dashboard's turnout): added up
/// over its roll imports, the same after a restart, and counted from the shards for an import stored without it.
/// </summary>
public sealed class EnvelopeVotersTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "voting-envelope-voters-" + Guid.NewGuid().ToString("N"));

    private string Database => Path.Combine(_folder, "voting.db");

    [Fact]
    public async Task Each_envelope_counts_the_voters_who_may_vote_in_it_across_imports_and_restarts()
    {
        var id = Elections.NewId("envelope-voters");
        var expected = new Dictionary<string, long> { ["city"] = 4, ["north"] = 3, ["south"] = 2 };
        await using (var first = await VotingCluster.StartSqliteAsync(Database))
        {
            var election = first.Grains.GetGrain<IElectionGrain>(id);
            Assert.True((await election.Create(Elections.Budget(id, boxes: 2), Elections.Official)).Succeeded);
            Assert.Empty((await election.Get())!.EnvelopeVoters);
            var roll = await election.ImportVoters(
            [
                new VoterImport("a", ["city", "north"]), new VoterImport("b", ["city", "south"]),
                new VoterImport("c", ["north", "city"]), new VoterImport("d", ["north"]),
            ], Elections.Official);
            Assert.True(roll.Succeeded, roll.Error);
            Assert.True((await election.Open(Elections.Official)).Succeeded);
            Assert.True((await election.ImportVoters([new VoterImport("e", ["south", "city"])], Elections.Official)).Succeeded);
            Assert.Equal(expected, (await election.Get())!.EnvelopeVoters);

            // The first import as stored before imports kept their voters per envelope.
            var key = RollImport.Key(id, 1);
            var stored = (await first.Documents.ReadAsync(StoreNames.RollImports, key))!;
            var legacy = RollImport.Read(stored.Data) with { Envelopes = null };
            await first.Documents.WriteAsync(StoreNames.RollImports, key, legacy.ToBytes(), stored.ETag);
            await first.KillAsync();
        }

        await using var second = await VotingCluster.StartSqliteAsync(Database);
        var info = (await second.Grains.GetGrain<IElectionGrain>(id).Get())!;
        Assert.Equal(expected, info.EnvelopeVoters);
        Assert.Equal(5, info.RegisteredVoters);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
