using System.Text.Json;
using Azure.Data.Tables;

namespace Voting.Grains.Storage.Azure;

/// <summary>A voter slot as a table entity in its election's partition, beside the log it must change atomically with.</summary>
internal static class SlotEntity
{
    public static string RowKey(string voterKey) => "slot-" + TableKey.Escape(voterKey);

    public static TableEntity Create(string partitionKey, VoterSlot slot) => new(partitionKey, RowKey(slot.VoterKey))
    {
        ["VoterKey"] = slot.VoterKey,
        ["Revision"] = slot.Revision,
        ["Receipts"] = JsonSerializer.Serialize(slot.Receipts),
    };

    public static long Revision(TableEntity entity) => entity.GetInt64("Revision") ?? 0;

    public static VoterSlot ToSlot(TableEntity entity) => new(
        entity.GetString("VoterKey"),
        Revision(entity),
        JsonSerializer.Deserialize<Dictionary<string, string>>(entity.GetString("Receipts")) ?? []);
}
