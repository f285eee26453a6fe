using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace Voting.Grains.Storage.Azure;

/// <summary>
/// One appended batch of the ballot log as one table entity. Its RowKey is the batch's last sequence, zero-padded,
/// so that the batch holding any sequence S is the first one at or after RowKey(S). The records are packed into one
/// payload (per record: sequence, hash length, hash, event length, event) split over binary properties P0, P1, ...,
/// since a binary property holds at most 64 KiB and an entity at most 1 MiB.
/// </summary>
internal static class LogBatchEntity
{
    private const int ChunkBytes = 64 * 1024;
    private const int MaxChunks = 15;
    private const int RecordOverhead = 16;

    /// <summary>The largest payload an entity carries, leaving room under 1 MiB for the keys and other properties.</summary>
    public const int MaxPayloadBytes = ChunkBytes * MaxChunks;

    public static string RowKey(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The highest RowKey a batch can have; the head and slot RowKeys sort after it.</summary>
    public static string MaxRowKey { get; } = RowKey(long.MaxValue);

    public static int PayloadSize(IReadOnlyList<LogRecord> batch) =>
        batch.Sum(r => RecordOverhead + Encoding.UTF8.GetByteCount(r.Hash) + r.Event.Length);

    public static TableEntity Create(string partitionKey, IReadOnlyList<LogRecord> batch)
    {
        var payload = new byte[PayloadSize(batch)];
        var span = payload.AsSpan();
        foreach (var record in batch)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span, record.Sequence);
            var hashLength = Encoding.UTF8.GetBytes(record.Hash, span[12..]);
            BinaryPrimitives.WriteInt32LittleEndian(span[8..], hashLength);
            span = span[(12 + hashLength)..];
            BinaryPrimitives.WriteInt32LittleEndian(span, record.Event.Length);
            record.Event.CopyTo(span[4..]);
            span = span[(4 + record.Event.Length)..];
        }

        var entity = new TableEntity(partitionKey, RowKey(batch[^1].Sequence)) { ["First"] = batch[0].Sequence };
        for (var (i, offset) = (0, 0); offset < payload.Length; i++, offset += ChunkBytes)
            entity[$"P{i}"] = payload[offset..Math.Min(payload.Length, offset + ChunkBytes)];
        return entity;
    }

    public static IEnumerable<LogRecord> Records(TableEntity entity)
    {
        using var payload = new MemoryStream();
        for (var i = 0; entity.GetBinary($"P{i}") is { } chunk; i++) payload.Write(chunk);
        var bytes = payload.ToArray();
        for (var offset = 0; offset < bytes.Length;)
        {
            var sequence = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(offset));
            var hashLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 8));
            var hash = Encoding.UTF8.GetString(bytes, offset + 12, hashLength);
            offset += 12 + hashLength;
            var eventLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset));
            var @event = bytes.AsSpan(offset + 4, eventLength).ToArray();
            offset += 4 + eventLength;
            yield return new LogRecord(sequence, hash, @event);
        }
    }
}
