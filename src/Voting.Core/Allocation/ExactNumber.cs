using System.Numerics;

namespace Voting.Core.Allocation;

/// <summary>An exact rational: a numerator over a positive denominator, in lowest terms.</summary>
internal readonly struct ExactNumber : IShareNumber<ExactNumber>
{
    private readonly BigInteger _numerator;
    private readonly BigInteger _denominator; // zero in default(ExactNumber), which stands for 0/1

    private ExactNumber(BigInteger numerator, BigInteger denominator)
    {
        _numerator = numerator;
        _denominator = denominator;
    }

    private BigInteger Numerator => _numerator;

    private BigInteger Denominator => _denominator.IsZero ? BigInteger.One : _denominator;

    public static ExactNumber Zero => default;

    public static ExactNumber Of(long value) => new(value, BigInteger.One);

    public static ExactNumber Ratio(long numerator, long denominator) => Reduced(numerator, denominator);

    public static ExactNumber operator +(ExactNumber a, ExactNumber b)
    {
        // Knuth, TAOCP 4.5.1: only the common factor of the denominators can divide the sum.
        var g = BigInteger.GreatestCommonDivisor(a.Denominator, b.Denominator);
        if (g.IsOne)
            return new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);
        var sum = a.Numerator * (b.Denominator / g) + b.Numerator * (a.Denominator / g);
        var h = BigInteger.GreatestCommonDivisor(sum, g);
        return new(sum / h, a.Denominator / g * (b.Denominator / h));
    }

    public static ExactNumber operator -(ExactNumber a) => new(-a.Numerator, a.Denominator);

    public static ExactNumber operator -(ExactNumber a, ExactNumber b) => a + -b;

    public static ExactNumber operator *(ExactNumber a, long factor)
    {
        var g = BigInteger.GreatestCommonDivisor(factor, a.Denominator);
        return new(a.Numerator * (factor / g), a.Denominator / g);
    }

    public static ExactNumber operator /(ExactNumber a, long divisor)
    {
        var g = BigInteger.GreatestCommonDivisor(a.Numerator, divisor);
        return new(a.Numerator / g, a.Denominator * (divisor / g));
    }

    public static int Sign(ExactNumber a) => a.Numerator.Sign;

    public static bool IsSurelyPositive(ExactNumber a) => a.Numerator.Sign > 0;

    public static double Estimate(ExactNumber a) =>
        a.Numerator.IsZero ? 0 : a.Numerator.Sign * Math.Exp(BigInteger.Log(BigInteger.Abs(a.Numerator)) - BigInteger.Log(a.Denominator));

    public static long Reach(ExactNumber at, ExactNumber slope, bool strict, long max)
    {
        if (slope.Numerator.Sign >= 0)
            return max;
        int end = Sign(at + slope * max);
        if (strict ? end > 0 : end >= 0)
            return max;
        // at + slope·x crosses zero at x = at / -slope = n / d.
        var n = at.Numerator * slope.Denominator;
        var d = at.Denominator * -slope.Numerator;
        return (long)(strict ? (n - 1) / d : n / d);
    }

    public override string ToString() => $"{Numerator}/{Denominator}";

    private static ExactNumber Reduced(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.Sign <= 0)
            throw new ArgumentOutOfRangeException(nameof(denominator), "a positive denominator");
        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        return g.IsOne ? new(numerator, denominator) : new(numerator / g, denominator / g);
    }
}
