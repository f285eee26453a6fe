using System.Buffers;
using System.Runtime.ExceptionServices;
using Voting.Core.Grades;

namespace Voting.Core.Counting;

/// <summary>Ranks projects by majority value, balancing missing judgments first.</summary>
public static class MajorityRanking
{
    /// <param name="tallies">Each project's expressed judgments.</param>
    /// <param name="policy">How missing judgments count.</param>
    /// <param name="judges">The number of ballots in the envelope.</param>
    /// <param name="participationThreshold">The minimum share of judges who graded a project; projects below it rank after all others.</param>
    /// <param name="scale">Labels for the reasons; numbered grades when null.</param>
    public static Ranking Rank(
        IReadOnlyList<ProjectTally> tallies,
        BalancingPolicy policy,
        long judges,
        decimal? participationThreshold = null,
        GradeScale? scale = null)
    {
        int grades = tallies.Count == 0 ? 2 : tallies[0].Counts.Count;
        foreach (var tally in tallies)
            if (tally.Counts.Count != grades)
                throw new ArgumentException("every profile must have the same number of grades");
        var wording = new ReasonWording(scale ?? GradeScale.Numbered(grades), grades);

        // The arrays used only while ranking come from the shared pool: grains rank every envelope again and again.
        int count = tallies.Count;
        var entries = ArrayPool<Entry>.Shared.Rent(count);
        var facts = ArrayPool<ReasonFacts>.Shared.Rent(count); // facts[i]: why order[i - 1] is ahead of order[i]
        try
        {
            InHalves(count, (start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    var profile = BalancedProfile.Of(tallies[i].Counts, policy, judges, out long expressed);
                    bool meets = participationThreshold is null || judges == 0 || expressed >= participationThreshold.Value * judges;
                    entries[i] = new Entry(tallies[i].Id, profile, expressed, meets);
                }
            });
            var order = SameTotals(entries, count) ? ByKey.Order(entries, count, grades) : ByShares.Order(entries, count);

            InHalves(count, (start, end) =>
            {
                for (int i = Math.Max(start, 1); i < end; i++) facts[i] = RankingReasons.Decide(entries[order[i - 1]], entries[order[i]]);
            });
            var ranks = new int[count];
            for (int i = 0; i < count; i++) ranks[i] = i > 0 && facts[i].Kind == ReasonKind.Tie ? ranks[i - 1] : i + 1;
            var projects = new RankedProject[count];
            InHalves(count, (start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    ref readonly var entry = ref entries[order[i]];
                    projects[i] = new RankedProject(entry.Id, ranks[i], entry.Gauge.Grade, entry.Gauge, entry.Profile, entry.Expressed, entry.Meets);
                }
            });
            var reasons = new RankingReason[Math.Max(0, count - 1)];
            InHalves(reasons.Length, (start, end) =>
            {
                for (int i = start; i < end; i++) reasons[i] = new RankingReason(projects[i], projects[i + 1], facts[i + 1], judges, wording);
            });
            return new Ranking(projects, reasons);
        }
        finally
        {
            entries.AsSpan(0, count).Clear(); // let go of the profiles
            ArrayPool<Entry>.Shared.Return(entries);
            ArrayPool<ReasonFacts>.Shared.Return(facts);
        }
    }

    /// <summary>Rankings from this many projects split the work that does not depend on order in two halves run side by side.</summary>
    private const int SplitFrom = 1 << 14;

    /// <summary>
    /// Runs <paramref name="work"/> on [start, end) ranges that cover [0, <paramref name="count"/>). An exception
    /// comes out as it was thrown, the earlier range's if both throw, as if the ranges had run one after the other.
    /// </summary>
    private static void InHalves(int count, Action<int, int> work)
    {
        if (count < SplitFrom)
        {
            work(0, count);
            return;
        }
        Exception? first = null, second = null;
        Parallel.Invoke(
            () => { try { work(0, count / 2); } catch (Exception e) { first = e; } },
            () => { try { work(count / 2, count); } catch (Exception e) { second = e; } });
        if ((first ?? second) is { } error) ExceptionDispatchInfo.Throw(error);
    }

    /// <summary>
    /// Sorts <paramref name="order"/>; a large one as two halves sorted side by side, then merged side by side, the
    /// first half of the result from the front and the second from the back. The comparer orders any two distinct
    /// indices, so the two merges meet without overlap.
    /// </summary>
    private static int[] Sorted<TComparer>(int[] order, TComparer comparer)
        where TComparer : IComparer<int>
    {
        if (order.Length < SplitFrom)
        {
            order.AsSpan().Sort(comparer);
            return order;
        }
        int count = order.Length, middle = count / 2;
        Parallel.Invoke(() => order.AsSpan(0, middle).Sort(comparer), () => order.AsSpan(middle).Sort(comparer));
        var merged = new int[count];
        Parallel.Invoke(
            () =>
            {
                for (int i = 0, a = 0, b = middle; i < middle; i++)
                    merged[i] = b == count || (a < middle && comparer.Compare(order[a], order[b]) < 0) ? order[a++] : order[b++];
            },
            () =>
            {
                for (int i = count - 1, a = middle - 1, b = count - 1; i >= middle; i--)
                    merged[i] = b < middle || (a >= 0 && comparer.Compare(order[a], order[b]) > 0) ? order[a--] : order[b--];
            });
        return merged;
    }

    /// <summary>A project being ranked, with the figures its comparisons need.</summary>
    internal readonly struct Entry(string id, long[] profile, long expressed, bool meets)
    {
        public string Id { get; } = id;
        public long[] Profile { get; } = profile;
        public long Expressed { get; } = expressed;
        public bool Meets { get; } = meets;
        public MajorityGauge Gauge { get; } = MajorityValue.Gauge(profile);
        public long Total { get; } = MajorityValue.Total(profile);
    }

    private static bool SameTotals(Entry[] entries, int count)
    {
        for (int i = 1; i < count; i++)
            if (entries[i].Total != entries[0].Total) return false;
        return true;
    }

    /// <summary>
    /// Orders profiles of the same total by their majority value keys, each in a row after whether the project
    /// meets the threshold, all rows in one array.
    /// </summary>
    private readonly struct ByKey(Entry[] entries, long[] rows, int width) : IComparer<int>
    {
        public static int[] Order(Entry[] entries, int count, int grades)
        {
            int width = 1 + MajorityValue.KeyLength(grades);
            var rows = ArrayPool<long>.Shared.Rent(count * width);
            var order = new int[count];
            InHalves(count, (start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    var row = rows.AsSpan(i * width, width);
                    row[0] = entries[i].Meets ? 1 : 0;
                    MajorityValue.WriteKey(entries[i].Profile, row[1..]);
                    order[i] = i;
                }
            });
            order = Sorted(order, new ByKey(entries, rows, width));
            ArrayPool<long>.Shared.Return(rows);
            return order;
        }

        public int Compare(int x, int y)
        {
            int byValue = rows.AsSpan(y * width, width).SequenceCompareTo(rows.AsSpan(x * width, width));
            if (byValue == 0) byValue = string.CompareOrdinal(entries[x].Id, entries[y].Id);
            return byValue != 0 ? byValue : x.CompareTo(y);
        }
    }

    /// <summary>Orders profiles of any totals: eligible first, then by majority value as shares, then by id.</summary>
    private readonly struct ByShares(Entry[] entries) : IComparer<int>
    {
        public static int[] Order(Entry[] entries, int count)
        {
            var order = new int[count];
            for (int i = 0; i < order.Length; i++) order[i] = i;
            return Sorted(order, new ByShares(entries));
        }

        public int Compare(int x, int y)
        {
            ref readonly var a = ref entries[x];
            ref readonly var b = ref entries[y];
            if (a.Meets != b.Meets) return a.Meets ? -1 : 1;
            // Different gauges order two profiles as their majority values do; only equal gauges need the full comparison.
            int byValue = b.Gauge.Grade.CompareTo(a.Gauge.Grade);
            if (byValue == 0 && a.Total > 0 && b.Total > 0)
                byValue = a.Total == b.Total
                    ? b.Gauge.SignedShare.CompareTo(a.Gauge.SignedShare)
                    : ((Int128)b.Gauge.SignedShare * a.Total).CompareTo((Int128)a.Gauge.SignedShare * b.Total);
            if (byValue == 0) byValue = MajorityValue.Compare(b.Profile, b.Total, a.Profile, a.Total);
            if (byValue == 0) byValue = string.CompareOrdinal(a.Id, b.Id);
            return byValue != 0 ? byValue : x.CompareTo(y);
        }
    }
}
