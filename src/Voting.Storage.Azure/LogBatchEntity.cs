using System.Globalization;
using Azure.Data.Tables;

namespace Voting.Grains.Storage.Azure;

/// <summary>
/// One appended batch of the ballot log as one table entity. Its RowKey is the batch's last sequence, zero-padded,
/// so that the batch holding any sequence S is the first one at or after RowKey(S). The records are packed into one
/// <see cref="LogBatchPayload"/> split over binary properties P0, P1, ...,
/// since a binary property holds at most 64 KiB and an entity at most 1 MiB.
/// </summary>
internal static class LogBatchEntity
{
    private const int ChunkBytes = 64 * 1024;
    private const int MaxChunks = 15;

    /// <summary>The largest payload an entity carries, leaving room under 1 MiB for the keys and other properties.</summary>
    public const int MaxPayloadBytes = ChunkBytes * MaxChunks;

    public static string RowKey(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The highest RowKey a batch can have; the head and slot RowKeys sort after it.</summary>
    public static string MaxRowKey { get; } = RowKey(long.MaxValue);

    public static int PayloadSize(IReadOnlyList<LogRecord> batch) => LogBatchPayload.Size(batch);

    public static TableEntity Create(string partitionKey, IReadOnlyList<LogRecord> batch)
    {
        var payload = LogBatchPayload.Encode(batch);
        var entity = new TableEntity(partitionKey, RowKey(batch[^1].Sequence)) { ["First"] = batch[0].Sequence };
        for (var (i, offset) = (0, 0); offset < payload.Length; i++, offset += ChunkBytes)
            entity[$"P{i}"] = payload[offset..Math.Min(payload.Length, offset + ChunkBytes)];
        return entity;
    }

    public static IEnumerable<LogRecord> Records(TableEntity entity)
    {
        using var payload = new MemoryStream();
        for (var i = 0; entity.GetBinary($"P{i}") is { } chunk; i++) payload.Write(chunk);
        return LogBatchPayload.Decode(payload.ToArray());
    }
}
