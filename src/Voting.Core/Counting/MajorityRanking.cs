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
        GradeScale? scale = null,
        string language = "en")
    {
        int grades = tallies.Count == 0 ? 2 : tallies[0].Counts.Count;
        if (tallies.Any(t => t.Counts.Count != grades))
            throw new ArgumentException("every profile must have the same number of grades");
        scale ??= GradeScale.Numbered(grades);

        var entries = tallies.Select(t =>
        {
            long expressed = MajorityValue.Total(t.Counts.ToArray());
            bool meets = participationThreshold is null || judges == 0 || expressed >= participationThreshold.Value * judges;
            return (t.Id, Profile: BalancedProfile.Of(t.Counts, policy, judges), Expressed: expressed, Meets: meets);
        }).ToArray();

        Array.Sort(entries, (x, y) =>
        {
            if (x.Meets != y.Meets) return x.Meets ? -1 : 1;
            int byValue = MajorityValue.Compare(y.Profile, x.Profile);
            return byValue != 0 ? byValue : string.CompareOrdinal(x.Id, y.Id);
        });

        var projects = new RankedProject[entries.Length];
        var reasons = new List<RankingReason>(Math.Max(0, entries.Length - 1));
        for (int i = 0; i < entries.Length; i++)
        {
            var (id, profile, expressed, meets) = entries[i];
            int rank = i + 1;
            if (i > 0)
            {
                var ahead = entries[i - 1];
                var reason = RankingReasons.Explain(ahead.Id, ahead.Profile, ahead.Meets, id, profile, meets, expressed, judges, scale, language);
                reasons.Add(reason);
                if (reason.Kind == ReasonKind.Tie) rank = projects[i - 1].Rank;
            }
            var gauge = MajorityValue.Gauge(profile);
            projects[i] = new RankedProject(id, rank, gauge.Grade, gauge, profile, expressed, meets);
        }
        return new Ranking(projects, reasons);
    }
}
