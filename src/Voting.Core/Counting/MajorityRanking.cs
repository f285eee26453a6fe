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
        if (tallies.Any(t => t.Counts.Count != grades))
            throw new ArgumentException("every profile must have the same number of grades");
        scale ??= GradeScale.Numbered(grades);

        var entries = tallies.Select(t =>
        {
            long expressed = MajorityValue.Total(t.Counts.ToArray());
            bool meets = participationThreshold is null || judges == 0 || expressed >= participationThreshold.Value * judges;
            return new Entry(t.Id, BalancedProfile.Of(t.Counts, policy, judges), expressed, meets);
        }).ToArray();
        Array.Sort(entries);
        var projects = new RankedProject[entries.Length];
        var reasons = new List<RankingReason>(Math.Max(0, entries.Length - 1));
        for (int i = 0; i < entries.Length; i++)
        {
            var (id, profile, expressed, meets) = (entries[i].Id, entries[i].Profile, entries[i].Expressed, entries[i].Meets);
            int rank = i + 1;
            if (i > 0)
            {
                var ahead = entries[i - 1];
                var reason = RankingReasons.Explain(ahead.Id, ahead.Profile, ahead.Meets, id, profile, meets, expressed, judges, scale);
                reasons.Add(reason);
                if (reason.Kind == ReasonKind.Tie) rank = projects[i - 1].Rank;
            }
            var gauge = entries[i].Gauge;
            projects[i] = new RankedProject(id, rank, gauge.Grade, gauge, profile, expressed, meets);
        }
        return new Ranking(projects, reasons);
    }

    /// <summary>A project being ranked: eligible first, then by majority value, then by id.</summary>
    private sealed class Entry(string id, long[] profile, long expressed, bool meets) : IComparable<Entry>
    {
        public string Id { get; } = id;
        public long[] Profile { get; } = profile;
        public long Expressed { get; } = expressed;
        public bool Meets { get; } = meets;
        public MajorityGauge Gauge { get; } = MajorityValue.Gauge(profile);
        private long Total { get; } = MajorityValue.Total(profile);

        public int CompareTo(Entry? other)
        {
            if (other is null) return -1;
            if (Meets != other.Meets) return Meets ? -1 : 1;
            // Different gauges order two profiles as their majority values do; only equal gauges need the full comparison.
            int byValue = other.Gauge.Grade.CompareTo(Gauge.Grade);
            if (byValue == 0 && Total > 0 && other.Total > 0)
                byValue = Total == other.Total
                    ? other.Gauge.SignedShare.CompareTo(Gauge.SignedShare)
                    : ((Int128)other.Gauge.SignedShare * Total).CompareTo((Int128)Gauge.SignedShare * other.Total);
            if (byValue == 0) byValue = MajorityValue.Compare(other.Profile, Profile);
            return byValue != 0 ? byValue : string.CompareOrdinal(Id, other.Id);
        }
    }
}
