using Voting.Grains.Boxes;
using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;

namespace Voting.Grains.Tests.Cluster;

public static class Casting
{
    /// <summary>Casts as a web node does: straight to the ballot box of the code's holder, found from the election's number of boxes.</summary>
    public static async Task<Outcome<CastReceipt>> CastBallot(this IGrainFactory grains, IElectionGrain election, string invitationCode, IReadOnlyDictionary<string, int> grades)
    {
        var id = election.GetPrimaryKeyString();
        var info = await election.Get() ?? throw new InvalidOperationException($"no election '{id}' to cast in");
        var (box, voterKey) = BallotBox.OfCode(id, invitationCode, info.BallotBoxes);
        return await grains.GetGrain<IBallotBoxGrain>(box.GrainKey).Cast(voterKey, grades);
    }
}
