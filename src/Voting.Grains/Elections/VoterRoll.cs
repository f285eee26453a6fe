using System.Globalization;
using System.Security.Cryptography;
using Voting.Core.Elections;
using Voting.Grains.Contracts;
using Voting.Grains.Storage;

namespace Voting.Grains.Elections;

/// <summary>An election's voter roll in memory: who may vote (by code hash) and in which envelopes.</summary>
internal sealed class VoterRoll(string electionId)
{
    private readonly Dictionary<string, string[]> _codes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _voterIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _envelopeSets = new(StringComparer.Ordinal);

    public int Imports { get; private set; }

    public long Count => _codes.Count;

    /// <summary>The envelopes the holder of the code with this hash may vote in; null for an unknown code.</summary>
    public IReadOnlyList<string>? EnvelopesOf(string codeHash) => _codes.GetValueOrDefault(codeHash);

    public static string KeyPrefix(string electionId) => electionId + "/";

    public string KeyOf(int import) => KeyPrefix(electionId) + import.ToString("D8", CultureInfo.InvariantCulture);

    public async Task LoadAsync(IDocumentStore store, CancellationToken cancellationToken = default)
    {
        await foreach (var key in store.ListKeysAsync(StoreNames.VoterRoll, KeyPrefix(electionId), cancellationToken))
        {
            var document = await store.ReadAsync(StoreNames.VoterRoll, key, cancellationToken);
            if (document is not null) Apply(RollImport.Read(document.Data));
        }
    }

    /// <summary>Checks an import against the definition and the roll, and issues a code per voter; changes nothing.</summary>
    public Outcome<(RollImport Import, IReadOnlyDictionary<string, string> Codes)> Prepare(
        ElectionDefinition definition, IReadOnlyList<VoterImport>? voters)
    {
        static Outcome<(RollImport, IReadOnlyDictionary<string, string>)> Fail(Failure failure, string error) =>
            Outcome<(RollImport, IReadOnlyDictionary<string, string>)>.Fail(failure, error);

        if (voters is null || voters.Count == 0) return Fail(Failure.Invalid, "voters: give at least one voter");
        var envelopeIds = definition.Envelopes.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var voterIds = new List<string>(voters.Count);
        var codes = new Dictionary<string, string>(voters.Count, StringComparer.Ordinal);
        var rows = new List<RollCode>(voters.Count);
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
            var idHash = InvitationCodes.VoterIdHash(electionId, voter.Id);
            if (_voterIds.Contains(idHash)) return Fail(Failure.AlreadyExists, $"voter '{voter.Id}' is already on the roll");
            voterIds.Add(idHash);

            string code, hash;
            do
            {
                code = InvitationCodes.New();
                hash = InvitationCodes.Hash(code)!;
            }
            while (_codes.ContainsKey(hash));
            codes[voter.Id] = code;
            // Envelopes in definition order, each once.
            rows.Add(new RollCode(hash, definition.Envelopes.Select(e => e.Id).Where(voter.Envelopes.Contains).ToArray()));
        }
        var shuffled = rows.ToArray();
        RandomNumberGenerator.Shuffle(shuffled.AsSpan());
        voterIds.Sort(StringComparer.Ordinal);
        return Outcome<(RollImport, IReadOnlyDictionary<string, string>)>.Ok((new RollImport(voterIds, shuffled), codes));
    }

    public void Apply(RollImport import)
    {
        foreach (var id in import.VoterIds) _voterIds.Add(id);
        foreach (var code in import.Codes) _codes[code.Hash] = Intern(code.Envelopes);
        Imports++;
    }

    private string[] Intern(IReadOnlyList<string> envelopes)
    {
        var key = string.Join('\n', envelopes);
        if (!_envelopeSets.TryGetValue(key, out var set))
            _envelopeSets[key] = set = envelopes.Select(string.Intern).ToArray();
        return set;
    }
}
