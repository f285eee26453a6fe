using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Voting.Core.Allocation;

namespace Voting.Core.Tests.Allocation;

/// <summary>
/// The two arithmetics of equal shares against exact rationals (<see cref="Q"/>): a bounded double's error bound
/// holds the true value, and a sign it reads is the true sign; exact numbers are exact.
/// </summary>
public class ShareNumberProperties
{
    private enum Op { Add, Subtract, Multiply, Divide, MultiplyAdd, Cancel }

    private static readonly Gen<long> Amounts = Gen.OneOf(
        Gen.Choose(-20, 20).Select(x => (long)x),
        Gen.Choose(1, 1_000_000).Select(x => (long)x * 1_000_003),
        Gen.Elements(1L << 53, (1L << 53) + 1, 999_999_999_999_999_999L, 3L, 7L, 1_000_000_000_000_000L));

    private static readonly Gen<long> Factors = Gen.OneOf(
        Gen.Choose(1, 30).Select(x => (long)x),
        Gen.Elements(3L, 7L, 14_897L, 1_000_000_007L, (1L << 53) + 1, 1_000_000_000_000_000_000L));

    private static readonly Gen<(Op Op, int A, int B, long Factor)> Steps =
        from op in Gen.Elements(Op.Add, Op.Subtract, Op.Multiply, Op.Divide, Op.MultiplyAdd, Op.Cancel)
        from a in Gen.Choose(0, 1000)
        from b in Gen.Choose(0, 1000)
        from f in Factors
        select (op, a, b, f);

    // Short programs: a dozen products by up to 10^18 stay well inside the range of doubles.
    private static readonly Gen<(Op Op, int A, int B, long Factor)[]> Programs =
        from length in Gen.Choose(1, 12)
        from steps in Gen.ArrayOf(Steps, length)
        select steps;

    private static readonly Gen<long[]> Starts =
        from length in Gen.Choose(1, 6)
        from amounts in Gen.ArrayOf(Amounts, length)
        select amounts;

    [Property(MaxTest = 500)]
    public Property A_bounded_double_holds_the_true_value_and_reads_true_signs() => Prop.ForAll(
        Starts.ToArbitrary(), Gen.Choose(1, 7).Select(x => (long)x).ToArbitrary(), Programs.ToArbitrary(),
        (start, denominator, program) =>
        {
            var values = start.Select(x => (Bounded: BoundedDouble.Ratio(x, denominator), True: new Q(x, denominator))).ToList();
            foreach (var (op, ia, ib, f) in program)
            {
                var a = values[ia % values.Count];
                var b = values[ib % values.Count];
                (BoundedDouble, Q) next = op switch
                {
                    Op.Add => (a.Bounded + b.Bounded, a.True + b.True),
                    Op.Subtract => (a.Bounded - b.Bounded, a.True - b.True),
                    Op.Multiply => (a.Bounded * f, a.True * f),
                    Op.Divide => (a.Bounded / f, a.True / f),
                    Op.MultiplyAdd => (BoundedDouble.MultiplyAdd(a.Bounded, b.Bounded, -f), a.True - b.True * f),
                    _ => (a.Bounded * f / f - a.Bounded, new Q(0, 1)),
                };
                values.Add(next);
                Holds(next.Item1, next.Item2);
                try
                {
                    Assert.Equal(Sign(b.True * f - a.True * 3), BoundedDouble.SignOfDifference(b.Bounded, f, a.Bounded, 3));
                }
                catch (UndecidedException)
                {
                }
            }
        });

    [Property(MaxTest = 500)]
    public Property Reach_is_exact_for_exact_numbers_and_never_beyond_for_bounded_doubles() => Prop.ForAll(
        (from atNumerator in Amounts
         from slopeNumerator in Amounts
         from denominator in Gen.Choose(1, 9)
         from max in Factors
         from strict in Gen.Elements(true, false)
         select (atNumerator, slopeNumerator, (long)denominator, max, strict)).ToArbitrary(),
        x =>
        {
            var (atNumerator, slopeNumerator, denominator, max, strict) = x;
            long at = Math.Abs(atNumerator) + (strict ? 1 : 0);
            var trueAt = new Q(at, denominator);
            var trueSlope = new Q(slopeNumerator, denominator * 7);
            long expected = TrueReach(trueAt, trueSlope, strict, max);
            Assert.Equal(expected, ExactNumber.Reach(ExactNumber.Ratio(at, denominator), ExactNumber.Ratio(slopeNumerator, denominator * 7), strict, max));
            try
            {
                long bounded = BoundedDouble.Reach(BoundedDouble.Ratio(at, denominator), BoundedDouble.Ratio(slopeNumerator, denominator * 7), strict, max);
                Assert.InRange(bounded, 0, expected);
            }
            catch (UndecidedException)
            {
            }
        });

    [Fact]
    public void Exact_results_stay_exact_and_ties_are_read_as_ties()
    {
        var third = BoundedDouble.Ratio(1, 3);
        Assert.Equal(0, BoundedDouble.Sign(BoundedDouble.Of(14_897) * 500 - BoundedDouble.Of(7_448_500)));
        Assert.Equal(0, BoundedDouble.SignOfDifference(BoundedDouble.Of(60), 5, BoundedDouble.Of(20), 15));
        Assert.Throws<UndecidedException>(() => BoundedDouble.Sign(third * 3 - BoundedDouble.Of(1)));
        Assert.Equal(0, ExactNumber.Sign(ExactNumber.Ratio(1, 3) * 3 - ExactNumber.Of(1)));
    }

    /// <summary>The largest whole d in [0, max] with at + slope·x >= 0 (> 0 if strict) for all x in [0, d].</summary>
    private static long TrueReach(Q at, Q slope, bool strict, long max)
    {
        bool Holds(long d) { var v = at + slope * d; return strict ? v > 0 : v >= 0; }
        if (Holds(max))
            return max;
        long low = 0, high = max; // Holds(low), !Holds(high)
        while (high - low > 1)
        {
            long mid = low + (high - low) / 2;
            if (Holds(mid)) low = mid; else high = mid;
        }
        return low;
    }

    private static void Holds(BoundedDouble bounded, Q truth)
    {
        var distance = truth - Exactly(bounded.Value);
        var error = Exactly(bounded.Error);
        Assert.True(distance <= error && distance + error >= new Q(0, 1), $"{truth.N}/{truth.D} is not within {bounded}");
    }

    private static int Sign(Q q) => q.N.Sign;

    /// <summary>A double's exact value: m·2^e.</summary>
    private static Q Exactly(double d)
    {
        if (d == 0)
            return new Q(0, 1);
        int e = Math.ILogB(d) - 52;
        long m = (long)Math.ScaleB(d, -e);
        return e >= 0 ? new Q(m * BigInteger.Pow(2, e), 1) : new Q(m, BigInteger.Pow(2, -e));
    }
}
