using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Voting.Core.Counting;

namespace Voting.Core.Tests.Counting;

public class MajorityValueTests
{
    [Theory]
    [InlineData(new long[] { 7, 4, 1, 12 }, 2)]   // N = 24: the 12th judgment
    [InlineData(new long[] { 0, 0, 12, 12 }, 2)]
    [InlineData(new long[] { 1, 1 }, 0)]          // even N: lower median
    [InlineData(new long[] { 0, 1 }, 1)]          // one ballot
    [InlineData(new long[] { 2, 0, 1 }, 0)]
    [InlineData(new long[] { 0, 0, 0 }, 0)]       // no judgment
    public void Lower_median_is_the_smallest_grade_reaching_half(long[] profile, int expected) =>
        Assert.Equal(expected, MajorityValue.LowerMedian(profile));

    [Fact]
    public void Gauge_counts_judgments_strictly_above_and_below()
    {
        var gauge = MajorityValue.Gauge([7, 4, 1, 12]);
        Assert.Equal(new MajorityGauge(2, 12, 11), gauge);
        Assert.Equal(12, gauge.SignedShare);
        Assert.Equal(-3, new MajorityGauge(1, 3, 3).SignedShare); // p == q counts as -q
    }

    [Fact]
    public void Even_total_takes_the_lower_median()
    {
        // Both have majority grade 2, but [7,4,1,12] has its next median at 1.
        Assert.True(MajorityValue.Compare([0, 0, 12, 12], [7, 4, 1, 12]) > 0);
    }

    [Fact]
    public void Equal_gauges_are_not_a_tie()
    {
        long[] a = [3, 2, 2, 3], b = [3, 2, 3, 2];
        Assert.Equal(MajorityValue.Gauge(a), MajorityValue.Gauge(b));
        Assert.True(MajorityValue.Compare(a, b) > 0);
        Assert.True(MajorityValue.Compare(b, a) < 0);
    }

    [Fact]
    public void Identical_profiles_tie()
    {
        Assert.Equal(0, MajorityValue.Compare([5, 0, 3], [5, 0, 3]));
        Assert.Null(MajorityValue.FirstDifference([0, 0], [0, 0]));
    }

    [Fact]
    public void A_profile_without_judgment_is_behind()
    {
        Assert.True(MajorityValue.Compare([0, 0, 0], [1, 0, 0]) < 0);
        Assert.True(MajorityValue.Compare([0, 0, 1], [0, 0, 0]) > 0);
    }

    [Fact]
    public void Counts_beyond_ten_billion_are_exact()
    {
        const long e10 = 10_000_000_000;
        // One judgment more at the top decides between otherwise balanced profiles.
        Assert.True(MajorityValue.Compare([e10, e10 + 1], [e10 + 1, e10]) > 0);
        Assert.Equal(1, MajorityValue.LowerMedian([e10, e10 + 1]));
        Assert.Equal(0, MajorityValue.LowerMedian([e10 + 1, e10]));
        // Far from the median: the difference lies two billion judgments away from the middle.
        long[] a = [3 * e10, e10, 2 * e10, 4 * e10], b = [3 * e10, e10 + 1, 2 * e10 - 1, 4 * e10];
        Assert.True(MajorityValue.Compare(a, b) > 0);
        Assert.Equal(ReasonKind.Gauge, ReasonKindOf(a, b));
    }

    [Fact]
    public void Unequal_totals_compare_as_shares()
    {
        // [1,1] and [2,2] are the same shares.
        Assert.Equal(0, MajorityValue.Compare([1, 1], [2, 2]));
        Assert.True(MajorityValue.Compare([1, 2], [2, 3]) > 0);
    }

    [Fact]
    public void Ten_billion_times_a_small_profile_orders_like_the_small_one()
    {
        const long k = 10_000_000_000;
        long[] a = [1, 3, 0, 2], b = [2, 1, 2, 1];
        int small = Math.Sign(NaiveMajorityJudgment.Compare(
            NaiveMajorityJudgment.MedianSequence(NaiveMajorityJudgment.Expand(a)),
            NaiveMajorityJudgment.MedianSequence(NaiveMajorityJudgment.Expand(b))));
        Assert.NotEqual(0, small);
        Assert.Equal(small, Math.Sign(MajorityValue.Compare(a.Select(c => c * k).ToArray(), b.Select(c => c * k).ToArray())));
    }

    /// <summary>Two random profiles of G grades with the same total, judgments leaning to a few grades.</summary>
    private static Arbitrary<(long[] A, long[] B)> SameTotalPairs() =>
        (from grades in Gen.Choose(2, 7)
         from total in Gen.Choose(0, 13)
         from a in Gen.ArrayOf(Gen.Choose(0, grades - 1), total)
         from b in Gen.ArrayOf(Gen.Choose(0, grades / 2), total)
         select (Counts(a, grades), Counts(b, grades))).ToArbitrary();

    private static long[] Counts(int[] judgments, int grades)
    {
        var counts = new long[grades];
        foreach (var grade in judgments) counts[grade]++;
        return counts;
    }

    private static long[] Key(long[] counts)
    {
        var key = new long[MajorityValue.KeyLength(counts.Length)];
        MajorityValue.WriteKey(counts, key);
        return key;
    }

    [Property(MaxTest = 2000)]
    public Property Keys_compare_as_the_naive_majority_values() => Prop.ForAll(SameTotalPairs(), pair =>
    {
        int naive = Math.Sign(NaiveMajorityJudgment.Compare(
            NaiveMajorityJudgment.MedianSequence(NaiveMajorityJudgment.Expand(pair.A)),
            NaiveMajorityJudgment.MedianSequence(NaiveMajorityJudgment.Expand(pair.B))));
        int byKey = Math.Sign(Key(pair.A).AsSpan().SequenceCompareTo(Key(pair.B)));
        return (naive == byKey).Label($"[{string.Join(",", pair.A)}] vs [{string.Join(",", pair.B)}]: naive {naive}, keys {byKey}");
    });

    [Fact]
    public void Keys_of_ten_billion_judgments_are_exact()
    {
        const long e10 = 10_000_000_000;
        long[] a = [3 * e10, e10, 2 * e10, 4 * e10], b = [3 * e10, e10 + 1, 2 * e10 - 1, 4 * e10];
        Assert.True(Key(a).AsSpan().SequenceCompareTo(Key(b)) > 0);
        Assert.True(Key([e10, e10 + 1]).AsSpan().SequenceCompareTo(Key([e10 + 1, e10])) > 0);
        Assert.Equal(Key([e10, e10]), Key([e10, e10]));
    }

    private static ReasonKind ReasonKindOf(long[] a, long[] b) =>
        MajorityRanking.Rank([new("a", a), new("b", b)], BalancingPolicy.Default, a.Sum()).Reasons.Single().Kind;
}
