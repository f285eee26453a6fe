using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Voting.Grains.Roll;

namespace Voting.Grains.Tests.Roll;

/// <summary>The compact roll against a plain dictionary, over random imports, slot updates and forgetting.</summary>
public class BoxRollProperties
{
    private static readonly string[][] Sets = [["city"], ["city", "north"], ["city", "south"]];

    [Property(MaxTest = 200)]
    public Property Behaves_as_a_dictionary_of_voters() => Prop.ForAll(
        Gen.ListOf(Gen.ListOf(Gen.Zip(Gen.Choose(0, 400), Gen.Choose(0, 2)))).ToArbitrary(),
        Gen.ListOf(Gen.Zip(Gen.Choose(0, 400), Gen.Choose(1, 9))).ToArbitrary(),
        (imports, slots) =>
    {
        var roll = new BoxRoll();
        var naive = new Dictionary<UInt128, string[]>();
        foreach (var import in imports)
        {
            var voters = import.Select(v => (Key(v.Item1), Sets[v.Item2])).DistinctBy(v => v.Item1).Where(v => !naive.ContainsKey(v.Item1)).ToList();
            roll.Add(voters);
            foreach (var (key, set) in voters) naive[key] = set;
        }
        Assert.Equal(naive.Count, roll.Count);
        for (int v = 0; v <= 400; v++)
        {
            int place = roll.Find(Key(v));
            Assert.Equal(naive.ContainsKey(Key(v)), place >= 0);
            if (place >= 0) Assert.Equal(naive[Key(v)], roll.EnvelopesOf(place));
        }

        var revisions = new Dictionary<UInt128, long>();
        foreach (var (voter, revision) in slots)
        {
            int place = roll.Find(Key(voter));
            if (place < 0) continue;
            Assert.False(roll.TryGetSlot(place, out _, out _) && !revisions.ContainsKey(Key(voter)));
            roll.SetSlot(place, revision, Key(voter + 1000));
            revisions[Key(voter)] = revision;
        }
        foreach (var (key, revision) in revisions)
        {
            Assert.True(roll.TryGetSlot(roll.Find(key), out var stored, out var receipt));
            Assert.Equal(revision, stored);
            Assert.NotNull(receipt);
        }
        roll.ForgetSlots();
        Assert.All(revisions.Keys, key => Assert.False(roll.TryGetSlot(roll.Find(key), out _, out _)));
    });

    [Fact]
    public void A_roll_of_a_new_box_knows_every_slot_is_empty()
    {
        var roll = new BoxRoll { NewSlotsAreEmpty = true };
        roll.Add([(Key(1), Sets[0])]);
        Assert.True(roll.TryGetSlot(roll.Find(Key(1)), out var revision, out var receipt));
        Assert.Equal(0, revision);
        Assert.Null(receipt);
    }

    /// <summary>Keys spread like hashes (the roll places keys by their low bits).</summary>
    private static UInt128 Key(int voter) => new((ulong)voter * 0x9E3779B97F4A7C15UL, (ulong)(voter + 1) * 0xC2B2AE3D27D4EB4FUL);
}
