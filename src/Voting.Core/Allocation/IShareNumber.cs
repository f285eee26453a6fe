namespace Voting.Core.Allocation;

/// <summary>
/// The arithmetic an equal shares run needs: sums and differences of budgets, products and quotients by whole
/// numbers, and signs. <see cref="ExactNumber"/> is exact; <see cref="BoundedDouble"/> is fast and throws
/// <see cref="UndecidedException"/> when it cannot tell a sign for sure.
/// </summary>
internal interface IShareNumber<T> where T : struct, IShareNumber<T>
{
    static abstract T Zero { get; }

    static abstract T Of(long value);

    static abstract T Ratio(long numerator, long denominator);

    static abstract T operator +(T a, T b);

    static abstract T operator -(T a, T b);

    static abstract T operator -(T a);

    static abstract T operator *(T a, long factor);

    /// <param name="divisor">Positive.</param>
    static abstract T operator /(T a, long divisor);

    /// <summary>acc + a·factor.</summary>
    static virtual T MultiplyAdd(T acc, T a, long factor) => acc + a * factor;

    /// <summary>The sign of a·x - b·y.</summary>
    static virtual int SignOfDifference(T a, long x, T b, long y) => T.Sign(a * x - b * y);

    /// <summary>-1, 0 or 1.</summary>
    static abstract int Sign(T a);

    /// <summary>True when the number is surely positive; false when it is not, or when that cannot be told.</summary>
    static abstract bool IsSurelyPositive(T a);

    /// <summary>A nearby double, for ordering only.</summary>
    static abstract double Estimate(T a);

    /// <summary>
    /// The largest whole d in [0, max] such that at + slope·x stays non-negative (positive when
    /// <paramref name="strict"/>) for every x in [0, d], given that it is at x = 0. A bounded number may answer
    /// less than the largest, never more.
    /// </summary>
    static abstract long Reach(T at, T slope, bool strict, long max);
}
