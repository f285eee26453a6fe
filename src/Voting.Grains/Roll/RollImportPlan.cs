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
    private RollImportPlan(IReadOnlyDictionary<string, string> codes, List<(UInt128, string[])>[] shards, List<UInt128> voterIds)
    {
        Codes = codes;
        Shards = shards;
        VoterIds = voterIds;
    }

    /// <summary>Official's voter id -> invitation code.</summary>
    public IReadOnlyDictionary<string, string> Codes { get; }

    /// <summary>Per ballot box, its voters' keys and envelopes.</summary>
    public IReadOnlyList<List<(UInt128 Key, string[] Envelopes)>> Shards { get; }

    public IReadOnlyList<UInt128> VoterIds { get; }

    /// <summary>Checks an import against the definition and the voters already on the roll, and issues a code per voter.</summary>
    public static Outcome<RollImportPlan> Prepare(ElectionDefinition definition, int boxes, IReadOnlyList<VoterImport>? voters, IReadOnlySet<UInt128> onRoll)
    {
        static Outcome<RollImportPlan> Fail(Failure failure, string error) => Outcome<RollImportPlan>.Fail(failure, error);

        if (voters is null || voters.Count == 0) return Fail(Failure.Invalid, "voters: give at least one voter");
        var envelopeIds = definition.Envelopes.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var voterIds = new List<UInt128>(voters.Count);
        var codes = new Dictionary<string, string>(voters.Count, StringComparer.Ordinal);
        var keys = new HashSet<UInt128>();
        var shards = Enumerable.Range(0, boxes).Select(_ => new List<(UInt128, string[])>()).ToArray();
        for (int i = 0; i < voters.Count; i++)
        {
            var voter = voters[i];
            if (voter is null || string.IsNullOrWhiteSpace(voter.Id)) return Fail(Failure.Invalid, $"voters[{i}].id: the voter's id is required");
            if (voter.Id.Length > 256) return Fail(Failure.Invalid, $"voters[{i}].id: at most 256 characters");
            if (!ids.Add(voter.Id)) return Fail(Failure.Invalid, $"voters[{i}].id: '{voter.Id}' appears twice in this import");
            if (voter.Envelopes is null || voter.Envelopes.Count == 0)
                return Fail(Failure.Invalid, $"voters[{i}].envelopes: at least one envelope");
            foreach (var envelope in voter.Envelopes)
                if (envelope is null || !envelopeIds.Contains(envelope))
                    return Fail(Failure.Invalid, $"voters[{i}].envelopes: unknown envelope '{envelope}'; known: {string.Join(", ", envelopeIds)}");
            var idHash = RollKey.Of(InvitationCodes.VoterIdHash(definition.Id, voter.Id));
            if (onRoll.Contains(idHash)) return Fail(Failure.AlreadyExists, $"voter '{voter.Id}' is already on the roll");
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
        }
        foreach (var shard in shards) RandomNumberGenerator.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shard));
        voterIds.Sort();
        return Outcome<RollImportPlan>.Ok(new RollImportPlan(codes, shards, voterIds));
    }
}
