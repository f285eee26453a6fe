using System.Security.Cryptography;
using Voting.Core.Elections;
using Voting.Grains.Boxes;
using Voting.Grains.Contracts;
using Voting.Grains.Elections;

namespace Voting.Grains.Roll;

/// <summary>
/// An import of voters, checked and ready to store: each voter's invitation code (returned once), the codes' keys
/// split over the ballot boxes in an order that does not follow the voters', and the voters' hashed ids.
/// </summary>
internal sealed class RollImportPlan
{
    private RollImportPlan(
        IReadOnlyDictionary<string, string> codes, List<(UInt128, string[])>[] shards, List<UInt128> voterIds, IReadOnlyDictionary<string, int> envelopeVoters)
    {
        Codes = codes;
        Shards = shards;
        VoterIds = voterIds;
        EnvelopeVoters = envelopeVoters;
    }

    /// <summary>Official's voter id -> invitation code.</summary>
    public IReadOnlyDictionary<string, string> Codes { get; }

    /// <summary>Per ballot box, its voters' keys and envelopes.</summary>
    public IReadOnlyList<List<(UInt128 Key, string[] Envelopes)>> Shards { get; }

    public IReadOnlyList<UInt128> VoterIds { get; }

    /// <summary>Per envelope id, the voters of this import who may vote in it.</summary>
    public IReadOnlyDictionary<string, int> EnvelopeVoters { get; }

    /// <summary>Checks an import against the definition and the voters already on the roll, and issues a code per voter.</summary>
    public static Outcome<RollImportPlan> Prepare(ElectionDefinition definition, int boxes, IReadOnlyList<VoterImport>? voters, IReadOnlySet<UInt128> onRoll)
    {
        var problems = RollErrors.Of(definition, voters?.Select(v => (v?.Id, (IReadOnlyList<string?>?)v?.Envelopes)).ToArray());
        if (problems.Count > 0) return Outcome<RollImportPlan>.Fail(Failure.Invalid, "invalid voter import", problems);
        var voterIds = new List<UInt128>(voters!.Count);
        var codes = new Dictionary<string, string>(voters.Count, StringComparer.Ordinal);
        var keys = new HashSet<UInt128>();
        var shards = Enumerable.Range(0, boxes).Select(_ => new List<(UInt128, string[])>()).ToArray();
        var envelopeVoters = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var voter in voters)
        {
            var idHash = RollKey.Of(InvitationCodes.VoterIdHash(definition.Id, voter.Id));
            if (onRoll.Contains(idHash)) return Outcome<RollImportPlan>.Fail(Failure.AlreadyExists, $"voter '{voter.Id}' is already on the roll");
            voterIds.Add(idHash);

            string code, voterKey;
            do
            {
                code = InvitationCodes.New();
                voterKey = InvitationCodes.Hash(code)!;
            }
            while (!keys.Add(RollKey.Of(voterKey)));
            codes[voter.Id] = code;
            // Envelopes in definition order, each once.
            var allowed = definition.Envelopes.Select(e => e.Id).Where(voter.Envelopes.Contains).ToArray();
            shards[BallotBox.IndexOf(voterKey, boxes)].Add((RollKey.Of(voterKey), allowed));
            foreach (var envelope in allowed) envelopeVoters[envelope] = envelopeVoters.GetValueOrDefault(envelope) + 1;
        }
        foreach (var shard in shards) RandomNumberGenerator.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shard));
        voterIds.Sort();
        return Outcome<RollImportPlan>.Ok(new RollImportPlan(codes, shards, voterIds, envelopeVoters));
    }
}
