using Voting.Core.Grades;

namespace Voting.Core.Counting;

/// <summary>Finds why one project is ranked right before another, and says it in English, French and Spanish.</summary>
internal static class RankingReasons
{
    public static RankingReason Explain(
        string ahead, long[] aheadProfile, bool aheadMeets,
        string behind, long[] behindProfile, bool behindMeets, long behindExpressed, long judges,
        GradeScale scale)
    {
        var facts = Decide(ahead, aheadProfile, aheadMeets, behind, behindProfile, behindMeets, behindExpressed, judges);
        return new RankingReason(facts, scale);
    }

    private static ReasonFacts Decide(
        string ahead, long[] aheadProfile, bool aheadMeets,
        string behind, long[] behindProfile, bool behindMeets, long behindExpressed, long judges)
    {
        var gaugeA = MajorityValue.Gauge(aheadProfile);
        var gaugeB = MajorityValue.Gauge(behindProfile);
        long totalA = MajorityValue.Total(aheadProfile), totalB = MajorityValue.Total(behindProfile);
        ReasonFacts Facts(ReasonKind kind, int gradeA, int gradeB, Int128 setAside) =>
            new(ahead, behind, kind, gradeA, gradeB, setAside, gaugeA, gaugeB, totalA, totalB, behindExpressed, judges);

        if (aheadMeets != behindMeets)
            return Facts(ReasonKind.Participation, gaugeA.Grade, gaugeB.Grade, 0);
        if (MajorityValue.FirstDifference(aheadProfile, behindProfile) is not { } d)
            return Facts(ReasonKind.Tie, gaugeA.Grade, gaugeB.Grade, 0);
        if (d.GradeB < 0 || d.Step == 0)
            return Facts(ReasonKind.MajorityGrade, d.GradeA, d.GradeB, 0);
        // The gauge decides when the signed shares differ (in the common scale of the two totals).
        bool sameGauge = (Int128)gaugeA.SignedShare * totalB == (Int128)gaugeB.SignedShare * totalA;
        return Facts(sameGauge ? ReasonKind.Deeper : ReasonKind.Gauge, d.GradeA, d.GradeB, d.Step);
    }
}
