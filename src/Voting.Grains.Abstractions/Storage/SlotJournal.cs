using System.Text;

namespace Voting.Grains.Storage;

/// <summary>The voter slots one append wrote, packed into one value that the store keeps beside the batch (a row, an entity).</summary>
public static class SlotJournal
{
    public static byte[] Encode(IReadOnlyList<SlotWrite> slots)
    {
        var row = new byte[Size(slots)];
        using (var writer = new BinaryWriter(new MemoryStream(row)))
        {
            writer.Write(slots.Count);
            foreach (var (slot, _) in slots)
            {
                writer.Write(slot.VoterKey);
                writer.Write(slot.Revision);
                writer.Write(slot.Receipts.Count);
                foreach (var (envelope, receipt) in slot.Receipts)
                {
                    writer.Write(envelope);
                    writer.Write(receipt);
                }
            }
            if (writer.BaseStream.Position != row.Length)
                throw new InvalidOperationException($"the slot journal wrote {writer.BaseStream.Position} bytes, not the {row.Length} it counted");
        }
        return row;
    }

    /// <summary>The encoded length, so that a row is written into one array of its size.</summary>
    private static int Size(IReadOnlyList<SlotWrite> slots)
    {
        int size = sizeof(int);
        foreach (var (slot, _) in slots)
        {
            size += StringSize(slot.VoterKey) + sizeof(long) + sizeof(int);
            foreach (var (envelope, receipt) in slot.Receipts)
                size += StringSize(envelope) + StringSize(receipt);
        }
        return size;
    }

    /// <summary>A string as <see cref="BinaryWriter"/> writes it: its length in UTF-8 bytes, 7 bits per byte, then those bytes.</summary>
    private static int StringSize(string value)
    {
        int bytes = Encoding.UTF8.GetByteCount(value);
        int prefix = 1;
        for (uint rest = (uint)bytes; rest >= 0x80; rest >>= 7) prefix++;
        return prefix + bytes;
    }

    public static IEnumerable<VoterSlot> Decode(byte[] row)
    {
        using var reader = new BinaryReader(new MemoryStream(row));
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var voter = reader.ReadString();
            var revision = reader.ReadInt64();
            var receipts = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var n = reader.ReadInt32(); n > 0; n--)
                receipts[reader.ReadString()] = reader.ReadString();
            yield return new VoterSlot(voter, revision, receipts);
        }
    }
}
