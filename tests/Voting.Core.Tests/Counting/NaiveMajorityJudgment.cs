using Voting.Core.Counting;

namespace Voting.Core.Tests.Counting;

/// <summary>
/// Majority judgment by its definition, independent of the code under test: expand every balanced profile
/// into its list of judgments, take the lower median and remove it, again and again, and compare the
/// sequences lexicographically. Only fit for small profiles.
/// </summary>
internal static class NaiveMajorityJudgment
{
    /// <summary>The ballots: for each ballot, the grade it gave each project it graded.</summary>
    public static List<(string Id, int[] Sequence)> Sequences(
        IReadOnlyList<string> projects, IReadOnlyList<IReadOnlyDictionary<string, int>> ballots, BalancingPolicy policy)
    {
        var judgments = projects.ToDictionary(p => p, p => ballots.Where(b => b.ContainsKey(p)).Select(b => b[p]).ToList());
        if (policy.Kind == BalancingKind.Normalize)
        {
            long common = judgments.Values.Where(j => j.Count > 0).Select(j => (long)j.Count).Aggregate(1L, Lcm);
            return projects.Select(p =>
            {
                var list = judgments[p];
                if (list.Count == 0) return (p, Array.Empty<int>());
                var scaled = list.SelectMany(g => Enumerable.Repeat(g, (int)(common / list.Count))).ToList();
                return (p, MedianSequence(scaled));
            }).ToList();
        }
        return projects.Select(p =>
        {
            var list = judgments[p];
            int missingGrade = policy.Kind == BalancingKind.Static ? policy.StaticGrade
                : list.Count == 0 ? 0 : list.Order().ElementAt((list.Count - 1) / 2);
            var balanced = list.Concat(Enumerable.Repeat(missingGrade, ballots.Count - list.Count)).ToList();
            return (p, MedianSequence(balanced));
        }).ToList();
    }

    /// <summary>Repeatedly take the lower median of what is left and remove it.</summary>
    public static int[] MedianSequence(List<int> judgments)
    {
        var left = judgments.Order().ToList();
        var sequence = new int[left.Count];
        for (int i = 0; i < sequence.Length; i++)
        {
            int median = (left.Count - 1) / 2;
            sequence[i] = left[median];
            left.RemoveAt(median);
        }
        return sequence;
    }

    /// <summary>Positive when <paramref name="a"/> is ahead; an empty sequence (no judgment) is behind any other.</summary>
    public static int Compare(int[] a, int[] b)
    {
        if (a.Length == 0 || b.Length == 0) return (a.Length > 0).CompareTo(b.Length > 0);
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
            if (a[i] != b[i]) return a[i].CompareTo(b[i]);
        return 0;
    }

    /// <summary>Competition ranks by the naive order.</summary>
    public static Dictionary<string, int> Ranks(List<(string Id, int[] Sequence)> sequences) =>
        sequences.ToDictionary(s => s.Id, s => 1 + sequences.Count(o => Compare(o.Sequence, s.Sequence) > 0));

    /// <summary>The sorted judgments of a profile.</summary>
    public static List<int> Expand(IReadOnlyList<long> counts) =>
        counts.SelectMany((c, g) => Enumerable.Repeat(g, (int)c)).ToList();

    private static long Lcm(long a, long b) => a / Gcd(a, b) * b;

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
