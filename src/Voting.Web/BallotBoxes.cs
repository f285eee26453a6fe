using System.Collections.Concurrent;
using Voting.Grains.Boxes;
using Voting.Grains.Elections;
using Voting.Grains.Interfaces;

namespace Voting.Web;

/// <summary>
/// Finds the ballot box of a resident's invitation code, so that a cast goes from this node to its box in one hop.
/// An election's number of boxes never changes once it is created: each node asks for it once, and keeps each box as
/// it reaches it, its grain's reference and the casts coalesced for it (<c>GetGrain</c> looks up the grain interface's
/// type from its attributes on every call).
/// </summary>
internal sealed class BallotBoxes(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CoalescedCasts> _boxes = new(StringComparer.Ordinal);

    /// <summary>The box of the code's holder and their key (<see cref="BallotBox.OfCode"/>); null for an unknown election.</summary>
    public async ValueTask<(CoalescedCasts Box, string VoterKey)?> Find(string electionId, string invitationCode)
    {
        if (await CountOf(electionId) is not { } count) return null;
        var (box, voterKey) = BallotBox.OfCode(electionId, invitationCode, count);
        return (CastsTo(box.GrainKey), voterKey);
    }

    /// <summary>The box of the voter with this key; null for an unknown election.</summary>
    public async ValueTask<CoalescedCasts?> Of(string electionId, string voterKey) =>
        await CountOf(electionId) is { } count ? CastsTo(BallotBox.Of(electionId, voterKey, count).GrainKey) : null;

    private async ValueTask<int?> CountOf(string electionId)
    {
        if (_counts.TryGetValue(electionId, out var count)) return count;
        if (await grains.GetGrain<IElectionGrain>(electionId).Get() is not { } info) return null;
        return _counts.GetOrAdd(electionId, info.BallotBoxes);
    }

    private CoalescedCasts CastsTo(string grainKey) =>
        _boxes.GetOrAdd(grainKey, static (key, grains) => new CoalescedCasts(grains.GetGrain<IBallotBoxGrain>(key)), grains);
}
