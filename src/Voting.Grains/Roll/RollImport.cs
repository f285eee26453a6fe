using System.Globalization;
using System.Text.Json;
using Voting.Core.Json;
using Voting.Core.Trail;

namespace Voting.Grains.Roll;

/// <summary>
/// One import of voters, committed: written last, once its shards (one per ballot box) and its voter ids are stored,
/// so that an import that did not finish is never seen. <see cref="Nonce"/> names this attempt's documents;
/// <see cref="Trail"/> is the import's entry in the election's audit trail, committed with it (none in imports made
/// before the engine kept a trail).
/// </summary>
internal sealed record RollImport(string Nonce, int Voters, TrailEntry? Trail = null)
{
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, VotingJson.Options);

    public static RollImport Read(byte[] data) =>
        JsonSerializer.Deserialize<RollImport>(data, VotingJson.Options) ?? throw new JsonException("empty roll import");

    /// <summary>Every import key of an election starts with this.</summary>
    public static string Prefix(string election) => election + "/";

    public static string Key(string election, int number) => Prefix(election) + number.ToString("D8", CultureInfo.InvariantCulture);

    public static int NumberOf(string key) => int.Parse(key.AsSpan(key.LastIndexOf('/') + 1), CultureInfo.InvariantCulture);

    public string ShardKey(string election, int number, int box) =>
        string.Create(CultureInfo.InvariantCulture, $"{Key(election, number)}-{Nonce}/{box}");

    public string VoterIdsKey(string election, int number) => $"{Key(election, number)}-{Nonce}";
}
