using Voting.Grains.Storage;

namespace Voting.Grains.Tests.Storage;

public class SlotJournalTests
{
    public static TheoryData<int> Sizes => new() { 0, 1, 3, 200 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void A_row_is_what_a_binary_writer_writes_and_reads_back_whole(int count)
    {
        var random = new Random(count);
        var slots = Enumerable.Range(0, count).Select(i => new SlotWrite(new VoterSlot(
            new string('k', random.Next(1, 300)) + i,
            random.NextInt64(0, long.MaxValue),
            Enumerable.Range(0, random.Next(0, 4)).ToDictionary(e => $"envelope-é-{e}" + new string('x', random.Next(0, 200)), e => $"r{i}-{e}")), i)).ToList();

        var row = SlotJournal.Encode(slots);

        Assert.Equal(Reference(slots), row);
        var decoded = SlotJournal.Decode(row).ToList();
        Assert.Equal(slots.Select(s => (s.Slot.VoterKey, s.Slot.Revision)), decoded.Select(s => (s.VoterKey, s.Revision)));
        Assert.All(slots.Zip(decoded), pair => Assert.Equal(pair.First.Slot.Receipts, pair.Second.Receipts));
    }

    /// <summary>The layout written plainly: the count, then each voter's key, revision, receipt count and receipts by envelope.</summary>
    private static byte[] Reference(IReadOnlyList<SlotWrite> slots)
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
}
