using System.Numerics;

namespace Voting.Core.Counting;

/// <summary>
/// The majority value of Balinski and Laraki, computed exactly and in O(G) per comparison whatever the
/// number of judgments.
/// </summary>
/// <remarks>
/// Sort a profile's judgments ascending into positions 0..N-1. Taking the lower median and removing it,
/// again and again, visits the positions from the centre outwards, lower side first: for odd N the
/// order is m, m-1, m+1, m-2, m+2, ... and for even N it is m, m+1, m-1, m+2, ... with m = (N-1) div 2.
/// Two profiles of equal totals therefore first differ at the differing position nearest that centre,
/// and the positions where they differ are a union of at most G-1 intervals, one per grade boundary
/// whose cumulative counts disagree. Profiles of unequal totals are compared as shares: each is scaled
/// to the product of the two totals, which gives the same order as scaling every profile to any common
/// total.
/// </remarks>
public static class MajorityValue
{
    /// <summary>The lower median: the smallest g with t[0] + ... + t[g] &gt;= (N + 1) div 2; 0 when N = 0.</summary>
    public static int LowerMedian(ReadOnlySpan<long> counts)
    {
        long total = Total(counts);
        long half = (total + 1) / 2;
        long cumulative = 0;
        for (int grade = 0; grade < counts.Length; grade++)
        {
            cumulative += counts[grade];
            if (cumulative >= half && cumulative > 0)
                return grade;
        }
        return 0;
    }

    public static MajorityGauge Gauge(ReadOnlySpan<long> counts)
    {
        int grade = LowerMedian(counts);
        long below = 0, above = 0;
        for (int g = 0; g < grade; g++) below += counts[g];
        for (int g = grade + 1; g < counts.Length; g++) above += counts[g];
        return new MajorityGauge(grade, above, below);
    }

    /// <summary>
    /// Positive when <paramref name="a"/> ranks ahead of <paramref name="b"/>, negative when behind,
    /// zero when their profiles (as shares, if totals differ) are identical. A profile with no judgment
    /// ranks behind any profile with one.
    /// </summary>
    public static int Compare(ReadOnlySpan<long> a, ReadOnlySpan<long> b)
    {
        var difference = FirstDifference(a, b);
        return difference is null ? 0 : difference.Value.GradeA.CompareTo(difference.Value.GradeB);
    }

    /// <summary><see cref="Compare(ReadOnlySpan{long}, ReadOnlySpan{long})"/> of profiles of the same length whose totals are known.</summary>
    internal static int Compare(ReadOnlySpan<long> a, long totalA, ReadOnlySpan<long> b, long totalB)
    {
        var difference = FirstDifference(a, totalA, b, totalB);
        return difference is null ? 0 : difference.Value.GradeA.CompareTo(difference.Value.GradeB);
    }

    /// <summary>
    /// Where the majority values of two profiles first differ: after setting aside
    /// <see cref="MajorityDifference.Step"/> judgments (in the common scale), <paramref name="a"/>'s median is
    /// <see cref="MajorityDifference.GradeA"/> and <paramref name="b"/>'s is <see cref="MajorityDifference.GradeB"/>.
    /// Null when they never differ.
    /// </summary>
    public static MajorityDifference? FirstDifference(ReadOnlySpan<long> a, ReadOnlySpan<long> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException("profiles must have the same number of grades");
        return FirstDifference(a, Total(a), b, Total(b));
    }

    /// <summary><see cref="FirstDifference(ReadOnlySpan{long}, ReadOnlySpan{long})"/> of profiles of the same length whose totals are known.</summary>
    internal static MajorityDifference? FirstDifference(ReadOnlySpan<long> a, long totalA, ReadOnlySpan<long> b, long totalB)
    {
        if (totalA == 0 || totalB == 0)
        {
            if (totalA == totalB) return null;
            return totalA == 0 ? new MajorityDifference(0, -1, LowerMedian(b)) : new MajorityDifference(0, LowerMedian(a), -1);
        }
        // Equal totals (every balanced policy) stay in 64-bit arithmetic; shares need 128 bits.
        return totalA == totalB
            ? FirstDifference<long>(a, 1, b, 1, totalA)
            : FirstDifference<Int128>(a, totalB, b, totalA, (Int128)totalA * totalB);
    }

    private static MajorityDifference? FirstDifference<T>(ReadOnlySpan<long> a, T scaleA, ReadOnlySpan<long> b, T scaleB, T total)
        where T : IBinaryInteger<T>
    {
        T two = T.One + T.One;
        T lastLeft = (total - T.One) / two; // positions 0..lastLeft are taken on the way down
        T firstRight = lastLeft + T.One;
        T bestLeft = -T.One, bestRight = total;
        T cumulativeA = T.Zero, cumulativeB = T.Zero;
        for (int grade = 0; grade < a.Length - 1; grade++)
        {
            cumulativeA += T.CreateTruncating(a[grade]) * scaleA;
            cumulativeB += T.CreateTruncating(b[grade]) * scaleB;
            if (cumulativeA == cumulativeB) continue;
            // Positions lo..hi-1 hold a grade <= this one in one profile and above it in the other.
            T lo = T.Min(cumulativeA, cumulativeB), hi = T.Max(cumulativeA, cumulativeB);
            if (lo <= lastLeft) bestLeft = T.Max(bestLeft, T.Min(hi - T.One, lastLeft));
            if (hi - T.One >= firstRight) bestRight = T.Min(bestRight, T.Max(lo, firstRight));
        }
        if (bestLeft < T.Zero && bestRight >= total) return null;

        bool odd = T.IsOddInteger(total);
        Int128 leftStep = Int128.MaxValue, rightStep = Int128.MaxValue;
        if (bestLeft >= T.Zero)
        {
            Int128 distance = Int128.CreateTruncating(lastLeft - bestLeft);
            leftStep = odd ? (distance == 0 ? 0 : 2 * distance - 1) : 2 * distance;
        }
        if (bestRight < total)
        {
            Int128 distance = Int128.CreateTruncating(bestRight - firstRight);
            rightStep = odd ? 2 * distance + 2 : 2 * distance + 1;
        }
        T position = leftStep <= rightStep ? bestLeft : bestRight;
        return new MajorityDifference(
            Int128.Min(leftStep, rightStep),
            GradeAt(a, scaleA, position),
            GradeAt(b, scaleB, position));
    }

    private static int GradeAt<T>(ReadOnlySpan<long> counts, T scale, T position)
        where T : IBinaryInteger<T>
    {
        T cumulative = T.Zero;
        for (int grade = 0; grade < counts.Length; grade++)
        {
            cumulative += T.CreateTruncating(counts[grade]) * scale;
            if (cumulative > position) return grade;
        }
        return counts.Length - 1;
    }

    /// <summary>The length of a <see cref="WriteKey"/> key of a profile of <paramref name="grades"/> grades.</summary>
    internal static int KeyLength(int grades) => 2 * grades;

    /// <summary>
    /// Writes a key of the profile's majority value into <paramref name="key"/> (<see cref="KeyLength"/> long): keys
    /// of profiles with the same total compare number by number as the majority values do.
    /// </summary>
    /// <remarks>
    /// Taking medians walks the sorted judgments from the centre outwards, the lower side going only down in grade
    /// and the upper side only up. The key is the lower median, then each change of grade in the order the walk
    /// reaches it, then 0. A change is its rank and the grade it reaches. A step down on the lower side ranks below
    /// 0, and higher the further it is from the centre; a step up on the upper side ranks above 0, and higher the
    /// nearer it is. Where two keys first differ, the profile that steps down sooner, or up later, or to a lower
    /// grade, has the lower median at the first position the walks differ.
    /// </remarks>
    internal static void WriteKey(ReadOnlySpan<long> counts, Span<long> key)
    {
        key.Clear();
        long total = Total(counts);
        if (total == 0) return;
        long lastLeft = (total - 1) / 2;
        bool leftFirst = total % 2 == 1; // at equal distances from the centre, odd totals take the lower side first
        Span<long> cumulative = counts.Length <= 64 ? stackalloc long[counts.Length] : new long[counts.Length];
        long sum = 0;
        for (int grade = 0; grade < counts.Length; grade++) cumulative[grade] = sum += counts[grade];

        // Grades below the median end on the lower side, at position cumulative[grade] - 1; grades from the median
        // up end on the upper side, and the next grade starts at position cumulative[grade].
        int median = LowerMedian(counts), down = median - 1, up = median, last = counts.Length - 1, at = 1;
        key[0] = median;
        while (true)
        {
            while (down > 0 && cumulative[down - 1] == cumulative[down]) down--; // an empty grade: the step goes lower
            if (down >= 0 && cumulative[down] == 0) down = -1;
            while (up < last && cumulative[up] < total && cumulative[up + 1] == cumulative[up]) up++;
            if (up < last && cumulative[up] == total) up = last;
            if (down < 0 && up == last) return;

            long downDistance = down < 0 ? long.MaxValue : lastLeft - cumulative[down] + 1;
            long upDistance = up == last ? long.MaxValue : cumulative[up] - lastLeft;
            if (downDistance < upDistance || (downDistance == upDistance && leftFirst))
            {
                key[at++] = long.MinValue + downDistance;
                key[at++] = down--;
            }
            else
            {
                key[at++] = long.MaxValue - upDistance;
                key[at++] = ++up;
            }
        }
    }

    internal static long Total(ReadOnlySpan<long> counts)
    {
        long total = 0;
        foreach (var count in counts) total = checked(total + count);
        return total;
    }
}
