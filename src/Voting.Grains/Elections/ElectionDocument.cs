using System.Text.Json;
using Voting.Core.Json;
using Voting.Grains.Contracts;

namespace Voting.Grains.Elections;

/// <summary>Where an election stands, as stored beside its (write-once) definition, and how many ballot boxes it has (fixed at creation).</summary>
internal sealed record ElectionDocument(ElectionStatus Status, int BallotBoxes = 1)
{
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, VotingJson.Options);

    public static ElectionDocument Read(byte[] data) =>
        JsonSerializer.Deserialize<ElectionDocument>(data, VotingJson.Options) ?? throw new JsonException("empty election document");
}
