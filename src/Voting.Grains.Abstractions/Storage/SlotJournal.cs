namespace Voting.Grains.Storage;

/// <summary>The voter slots one append wrote, packed into one value that the store keeps beside the batch (a row, an entity).</summary>
public static class SlotJournal
{
    public static byte[] Encode(IReadOnlyList<SlotWrite> slots)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
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
        }
        return buffer.ToArray();
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
