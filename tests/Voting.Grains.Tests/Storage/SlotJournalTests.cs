using Voting.Grains.Storage;

namespace Voting.Grains.Tests.Storage;

public class SlotJournalTests
{
    public static TheoryData<int> Sizes => new() { 0, 1, 3, 200 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void A_row_is_the_layout_exactly_and_reads_back_whole(int count)
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

    /// <summary>
    /// The layout spelt out byte by byte: the count, then each voter's key, revision, receipt count and receipts by
    /// envelope; integers little-endian, strings as their UTF-8 length (7 bits a byte, low bits first) and bytes.
    /// </summary>
    private static byte[] Reference(IReadOnlyList<SlotWrite> slots)
    {
        var bytes = new List<byte>();
        Integer(slots.Count, 4);
        foreach (var (slot, _) in slots)
        {
            Text(slot.VoterKey);
            Integer(slot.Revision, 8);
            Integer(slot.Receipts.Count, 4);
            foreach (var (envelope, receipt) in slot.Receipts)
            {
                Text(envelope);
                Text(receipt);
            }
        }
        return [.. bytes];

        void Integer(long value, int size)
        {
            for (int i = 0; i < size; i++) bytes.Add((byte)(value >> (8 * i)));
        }

        void Text(string value)
        {
            var utf8 = System.Text.Encoding.UTF8.GetBytes(value);
            var length = (uint)utf8.Length;
            for (; length >= 0x80; length >>= 7) bytes.Add((byte)(length & 0x7F | 0x80));
            bytes.Add((byte)length);
            bytes.AddRange(utf8);
        }
    }
}
