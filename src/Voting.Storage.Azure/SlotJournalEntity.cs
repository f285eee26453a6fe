using System.Globalization;
using Azure.Data.Tables;

namespace Voting.Grains.Storage.Azure;

/// <summary>
/// The voter slots one append wrote (a <see cref="SlotJournal"/>) as one entity beside its batch, RowKey
/// <c>slots-</c> and the batch's last sequence zero-padded: the journal after a log position is one range query.
/// </summary>
internal static class SlotJournalEntity
{
    private const string Prefix = "slots-";

    public static string RowKey(long lastSequence) => Prefix + LogBatchEntity.RowKey(lastSequence);

    public static TableEntity Create(string partitionKey, long lastSequence, IReadOnlyList<SlotWrite> slots)
    {
        var entity = new TableEntity(partitionKey, RowKey(lastSequence));
        BinaryChunks.Write(entity, SlotJournal.Encode(slots));
        return entity;
    }

    public static long LastSequence(TableEntity entity) => long.Parse(entity.RowKey.AsSpan(Prefix.Length), CultureInfo.InvariantCulture);

    public static IEnumerable<VoterSlot> Slots(TableEntity entity) => SlotJournal.Decode(BinaryChunks.Read(entity));
}
