using System.Text.Json;
using Voting.Core.Json;

namespace Voting.Grains.Elections;

/// <summary>
/// One import of voters, as stored: the hashes of the officials' voter ids (to refuse duplicates), and, in a
/// shuffled order that does not follow them, each invitation code's hash with the envelopes it may vote in.
/// Nothing links a voter id to a code.
/// </summary>
internal sealed record RollImport(IReadOnlyList<string> VoterIds, IReadOnlyList<RollCode> Codes)
{
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, VotingJson.Options);

    public static RollImport Read(byte[] data) =>
        JsonSerializer.Deserialize<RollImport>(data, VotingJson.Options) ?? throw new JsonException("empty voter import");
}

/// <summary>An invitation code's SHA-256 and the envelopes its holder may vote in.</summary>
internal sealed record RollCode(string Hash, IReadOnlyList<string> Envelopes);
