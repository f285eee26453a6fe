using System.Numerics;

namespace Voting.Core.Allocation;

/// <summary>An exact non-negative rational for comparisons (never normalised; compared by cross-multiplication).</summary>
internal readonly record struct Fraction(BigInteger Numerator, BigInteger Denominator) : IComparable<Fraction>
{
    public static Fraction Zero => new(BigInteger.Zero, BigInteger.One);

    public int CompareTo(Fraction other) =>
        (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public static bool operator <(Fraction a, Fraction b) => a.CompareTo(b) < 0;

    public static bool operator >(Fraction a, Fraction b) => a.CompareTo(b) > 0;

    public static bool operator <=(Fraction a, Fraction b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Fraction a, Fraction b) => a.CompareTo(b) >= 0;

    public bool SameValue(Fraction other) => CompareTo(other) == 0;

    public override string ToString() => $"{Numerator}/{Denominator}";
}
