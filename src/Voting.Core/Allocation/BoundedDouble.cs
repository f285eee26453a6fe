using System.Runtime.CompilerServices;

namespace Voting.Core.Allocation;

/// <summary>
/// A double with a bound on its error: the true value lies within <see cref="Error"/> of <see cref="Value"/>.
/// Every operation widens the bound by at least its own rounding (measured exactly with error-free
/// transformations), so a sign read from a bounded double is the sign of the true value. Results computed
/// without rounding keep a zero error, so quantities that are equal and computed exactly compare equal.
/// </summary>
internal readonly struct BoundedDouble : IShareNumber<BoundedDouble>
{
    // Inflates every bound computed in floating point: covers the roundings of computing the bound itself.
    private const double Inflation = 1 + 1.0 / (1L << 48);

    // Bounds the roundings of a few floating-point operations, relative to their results (each is below 2^-53).
    private const double Rounding = 1.0 / (1L << 50);

    // Absolute slack of every inexact result: covers underflow, where relative bounds do not hold.
    private const double Slack = 1e-280;

    private const long ExactWhole = 1L << 53;

    private BoundedDouble(double value, double error)
    {
        Value = value;
        Error = error;
    }

    public double Value { get; }

    public double Error { get; }

    public static BoundedDouble Zero => default;

    public static BoundedDouble Of(long value) =>
        value is >= -ExactWhole and <= ExactWhole ? new(value, 0) : new(value, Math.Abs((double)value) / (1L << 52));

    public static BoundedDouble Ratio(long numerator, long denominator) => Of(numerator) / Of(denominator);

    public static BoundedDouble operator +(BoundedDouble a, BoundedDouble b)
    {
        double sum = a.Value + b.Value;
        double bPart = sum - a.Value;
        double roundoff = (a.Value - (sum - bPart)) + (b.Value - bPart); // exactly a.Value + b.Value - sum (Knuth's TwoSum)
        double error = a.Error + b.Error + Math.Abs(roundoff);
        return Bounded(sum, error, exact: error == 0);
    }

    public static BoundedDouble operator -(BoundedDouble a) => new(-a.Value, a.Error);

    public static BoundedDouble operator -(BoundedDouble a, BoundedDouble b) => a + -b;

    public static BoundedDouble operator *(BoundedDouble a, long factor) => a * Of(factor);

    public static BoundedDouble operator /(BoundedDouble a, long divisor) => a / Of(divisor);

    public static BoundedDouble operator *(BoundedDouble a, BoundedDouble b)
    {
        double product = a.Value * b.Value;
        double roundoff = Math.FusedMultiplyAdd(a.Value, b.Value, -product); // exact unless the product underflows
        double error = Math.Abs(a.Value) * b.Error + Math.Abs(b.Value) * a.Error + a.Error * b.Error + Math.Abs(roundoff);
        bool underflow = Tiny(product) || (product == 0 && a.Value != 0 && b.Value != 0);
        return Bounded(product, error, exact: a.Error == 0 && b.Error == 0 && roundoff == 0 && !underflow);
    }

    /// <param name="b">Surely positive.</param>
    public static BoundedDouble operator /(BoundedDouble a, BoundedDouble b)
    {
        double low = b.Value - b.Error;
        if (!(low > 0))
            throw new UndecidedException();
        double quotient = a.Value / b.Value;
        double roundoff = Math.FusedMultiplyAdd(-quotient, b.Value, a.Value); // exactly a.Value - quotient·b.Value, barring underflow
        // a/b - q = (a - q·b) / b, and |a - q·b| <= a.Error + |roundoff| + |q|·b.Error.
        double error = (a.Error + Math.Abs(roundoff) + Math.Abs(quotient) * b.Error) / low;
        bool underflow = Tiny(quotient) || Tiny(a.Value);
        return Bounded(quotient, error, exact: a.Error == 0 && b.Error == 0 && roundoff == 0 && !underflow);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static BoundedDouble MultiplyAdd(BoundedDouble acc, BoundedDouble a, long factor)
    {
        // Exact operands take the exact-aware operators, so that exact results stay exact.
        if ((acc.Error == 0 && a.Error == 0) || factor is < -ExactWhole or > ExactWhole)
            return ExactAwareMultiplyAdd(acc, a, factor);
        double product = a.Value * factor;
        double sum = acc.Value + product;
        double added = (a.Error * Math.Abs((double)factor) * Inflation + (Math.Abs(product) + Math.Abs(sum)) * Rounding + Slack) * Inflation;
        // One rounding on the path from acc.Error, which the inflation of both terms covers.
        return new(sum, Math.FusedMultiplyAdd(acc.Error, Inflation, added));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SignOfDifference(BoundedDouble a, long x, BoundedDouble b, long y)
    {
        if (x is >= 0 and <= ExactWhole && y is >= 0 and <= ExactWhole)
        {
            // Plain doubles first: decided unless the difference is within the operands' errors and three roundings.
            double ax = a.Value * x, by = b.Value * y;
            double difference = ax - by;
            double error = (a.Error * x + b.Error * y) * Inflation + (Math.Abs(ax) + Math.Abs(by)) * Rounding + Slack;
            if (difference > error)
                return 1;
            if (-difference > error)
                return -1;
        }
        return ExactAwareSignOfDifference(a, x, b, y);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static BoundedDouble ExactAwareMultiplyAdd(BoundedDouble acc, BoundedDouble a, long factor) => acc + a * factor;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ExactAwareSignOfDifference(BoundedDouble a, long x, BoundedDouble b, long y) => Sign(a * x - b * y);

    public static int Sign(BoundedDouble a) =>
        a.Value > a.Error ? 1
        : -a.Value > a.Error ? -1
        : a.Error == 0 ? 0
        : throw new UndecidedException();

    public static bool IsSurelyPositive(BoundedDouble a) => a.Value > a.Error;

    public static double Estimate(BoundedDouble a) => a.Value;

    public static long Reach(BoundedDouble at, BoundedDouble slope, bool strict, long max)
    {
        if (slope.Value >= slope.Error)
            return max;
        var end = at + slope * max;
        if (strict ? end.Value > end.Error : end.Value >= end.Error)
            return max;
        if (!(at.Value > at.Error))
        {
            // at is exactly zero (a sign was read from it): the reach is 0 if the slope is surely negative.
            if (!strict && at.Error == 0 && -slope.Value > slope.Error)
                return 0;
            throw new UndecidedException();
        }
        // The crossing is at at / -slope, at least low / high; the last whole x before it is at least ⌈low / high⌉ - 1.
        double low = (at.Value - at.Error) / Inflation;
        double high = (slope.Error - slope.Value) * Inflation;
        double reach = Math.Ceiling(low / high / Inflation) - 1;
        return reach <= 0 ? 0 : reach >= max ? max : (long)reach;
    }

    public override string ToString() => $"{Value}±{Error}";

    private static BoundedDouble Bounded(double value, double error, bool exact) =>
        exact ? new(value, 0) : new(value, error * Inflation + Slack);

    private static bool Tiny(double x) => x != 0 && Math.Abs(x) < 1e-270;
}
