using System.Buffers.Binary;
using System.Text;

namespace Voting.Grains.Storage;

/// <summary>
/// The records of one appended batch packed into one payload, stored as one row (SQLite) or entity (Azure):
/// per record, the sequence (8 bytes), the hash's length (4) and UTF-8 bytes, the event's length (4) and bytes,
/// integers little-endian.
/// </summary>
internal static class LogBatchPayload
{
    private const int RecordOverhead = 16;

    public static int Size(IReadOnlyList<LogRecord> batch) =>
        batch.Sum(r => RecordOverhead + Encoding.UTF8.GetByteCount(r.Hash) + r.Event.Length);

    public static byte[] Encode(IReadOnlyList<LogRecord> batch)
    {
        var payload = new byte[Size(batch)];
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
        return payload;
    }

    public static IEnumerable<LogRecord> Decode(byte[] payload)
    {
        for (var offset = 0; offset < payload.Length;)
        {
            var sequence = BinaryPrimitives.ReadInt64LittleEndian(payload.AsSpan(offset));
            var hashLength = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(offset + 8));
            var hash = Encoding.UTF8.GetString(payload, offset + 12, hashLength);
            offset += 12 + hashLength;
            var eventLength = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(offset));
            var @event = payload.AsSpan(offset + 4, eventLength).ToArray();
            offset += 4 + eventLength;
            yield return new LogRecord(sequence, hash, @event);
        }
    }
}
