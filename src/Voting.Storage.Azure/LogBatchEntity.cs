using System.Globalization;
using Azure.Data.Tables;

namespace Voting.Grains.Storage.Azure;

/// <summary>
/// One appended batch of the ballot log as one table entity. Its RowKey is the batch's last sequence, zero-padded,
/// so that the batch holding any sequence S is the first one at or after RowKey(S). The records are packed into one
/// <see cref="LogBatchPayload"/> in <see cref="BinaryChunks"/>.
/// </summary>
internal static class LogBatchEntity
{
    public const int MaxPayloadBytes = BinaryChunks.MaxPayloadBytes;

    public static string RowKey(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The highest RowKey a batch can have; the head's and the slot journal's RowKeys sort after it.</summary>
    public static string MaxRowKey { get; } = RowKey(long.MaxValue);

    public static TableEntity Create(string partitionKey, IReadOnlyList<LogRecord> batch)
    {
        var entity = new TableEntity(partitionKey, RowKey(batch[^1].Sequence)) { ["First"] = batch[0].Sequence };
        BinaryChunks.Write(entity, LogBatchPayload.Encode(batch));
        return entity;
    }

    public static IEnumerable<LogRecord> Records(TableEntity entity) => LogBatchPayload.Decode(BinaryChunks.Read(entity));
}
