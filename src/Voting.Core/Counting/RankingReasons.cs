namespace Voting.Core.Counting;

/// <summary>Finds why one project is ranked right before another.</summary>
internal static class RankingReasons
{
    public static ReasonFacts Decide(in MajorityRanking.Entry ahead, in MajorityRanking.Entry behind)
    {
        var (gaugeA, gaugeB) = (ahead.Gauge, behind.Gauge);
        if (ahead.Meets != behind.Meets)
            return new(ReasonKind.Participation, gaugeA.Grade, gaugeB.Grade, 0);
        if (MajorityValue.FirstDifference(ahead.Profile, ahead.Total, behind.Profile, behind.Total) is not { } d)
            return new(ReasonKind.Tie, gaugeA.Grade, gaugeB.Grade, 0);
        if (d.GradeB < 0 || d.Step == 0)
            return new(ReasonKind.MajorityGrade, d.GradeA, d.GradeB, 0);
        // The gauge decides when the signed shares differ (in the common scale of the two totals).
        bool sameGauge = (Int128)gaugeA.SignedShare * behind.Total == (Int128)gaugeB.SignedShare * ahead.Total;
        return new(sameGauge ? ReasonKind.Deeper : ReasonKind.Gauge, d.GradeA, d.GradeB, d.Step);
    }
}
