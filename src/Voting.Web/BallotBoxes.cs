using System.Collections.Concurrent;
using Voting.Grains.Boxes;
using Voting.Grains.Contracts;
using Voting.Grains.Elections;
using Voting.Grains.Interfaces;

namespace Voting.Web;

/// <summary>
/// Finds the ballot box of a resident's invitation code, so that a cast goes from this node to its box in one hop.
/// An election's number of boxes never changes once it is created: each node asks for it once, and keeps the boxes'
/// references (<c>GetGrain</c> looks up the grain interface's type from its attributes on every call).
/// </summary>
internal sealed class BallotBoxes(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CoalescedCasts> _boxes = new(StringComparer.Ordinal);

    /// <summary>
    /// The box of the code's holder and their key; null for an unknown election. A string that cannot be a code goes
    /// to the first box with an empty key, which no voter has: the box answers as for any unknown code.
    /// </summary>
    public async ValueTask<(IBallotBoxGrain Box, string VoterKey)?> Find(string electionId, string invitationCode)
    {
        var voterKey = InvitationCodes.Hash(invitationCode) ?? "";
        return await Of(electionId, voterKey) is { } box ? (box, voterKey) : null;
    }

    /// <summary>The box of the voter with this key (an empty key: the first box); null for an unknown election.</summary>
    public async ValueTask<IBallotBoxGrain?> Of(string electionId, string voterKey)
    {
        if (!_counts.TryGetValue(electionId, out var count))
        {
            if (await grains.GetGrain<IElectionGrain>(electionId).Get() is not { } info) return null;
            count = _counts.GetOrAdd(electionId, info.BallotBoxes);
        }
        var box = voterKey.Length == 0 ? new BallotBox(electionId, 0, count) : BallotBox.Of(electionId, voterKey, count);
        return CastsTo(box.GrainKey).Box;
    }

    /// <summary>Casts the ballot of the voter with this key into their box, together with this node's other casts to it.</summary>
    public Task<Outcome<CastReceipt>> Cast(IBallotBoxGrain box, string voterKey, IReadOnlyDictionary<string, int> grades) =>
        CastsTo(box.GetPrimaryKeyString()).Cast(voterKey, grades);

    private CoalescedCasts CastsTo(string grainKey) => _boxes.GetOrAdd(grainKey, key => new CoalescedCasts(grains.GetGrain<IBallotBoxGrain>(key)));
}
