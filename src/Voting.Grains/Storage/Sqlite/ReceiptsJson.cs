using System.Text.Json;

namespace Voting.Grains.Storage.Sqlite;

/// <summary>A voter slot's receipts (envelope → receipt) as the JSON object stored beside its revision.</summary>
internal static class ReceiptsJson
{
    public static string Write(IReadOnlyDictionary<string, string> receipts) => JsonSerializer.Serialize(receipts);

    public static IReadOnlyDictionary<string, string> Read(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
}
