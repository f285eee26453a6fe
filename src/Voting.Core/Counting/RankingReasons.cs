using System.Globalization;
using Voting.Core.Grades;

namespace Voting.Core.Counting;

/// <summary>Explains, in words a resident understands, why one project is ranked right before another.</summary>
internal static class RankingReasons
{
    public static RankingReason Explain(
        string ahead, long[] aheadProfile, bool aheadMeets,
        string behind, long[] behindProfile, bool behindMeets, long behindExpressed, long judges,
        GradeScale scale, string language)
    {
        string Label(int grade) => "«" + scale.Label(grade, language) + "»";
        var gaugeA = MajorityValue.Gauge(aheadProfile);
        var gaugeB = MajorityValue.Gauge(behindProfile);

        if (aheadMeets != behindMeets)
            return new(ahead, behind, ReasonKind.Participation, gaugeA.Grade, gaugeB.Grade, 0,
                Format($"{behind} was graded by {behindExpressed} of {judges} judges, below the participation threshold; {ahead} was graded by enough."));

        var difference = MajorityValue.FirstDifference(aheadProfile, behindProfile);
        if (difference is not { } d)
            return new(ahead, behind, ReasonKind.Tie, gaugeA.Grade, gaugeB.Grade, 0,
                Format($"{ahead} and {behind} received the same judgments in the same proportions: they share their rank."));

        if (d.GradeB < 0)
            return new(ahead, behind, ReasonKind.MajorityGrade, d.GradeA, d.GradeB, 0,
                Format($"{behind} received no judgment."));

        if (d.Step == 0)
            return new(ahead, behind, ReasonKind.MajorityGrade, d.GradeA, d.GradeB, 0,
                Format($"{ahead}'s majority grade is {Label(d.GradeA)}, {behind}'s is {Label(d.GradeB)}."));

        long totalA = MajorityValue.Total(aheadProfile), totalB = MajorityValue.Total(behindProfile);
        // The gauge decides when the signed shares differ (in the common scale of the two totals).
        bool sameGauge = (Int128)gaugeA.SignedShare * totalB == (Int128)gaugeB.SignedShare * totalA;
        string grade = Label(gaugeA.Grade);
        if (!sameGauge)
        {
            bool aUp = gaugeA.Above > gaugeA.Below, bUp = gaugeB.Above > gaugeB.Below;
            FormattableString text = (aUp, bUp) switch
            {
                (true, true) => $"Both have majority grade {grade}; {ahead} has a larger share of judgments above it ({gaugeA.Above} of {totalA}) than {behind} ({gaugeB.Above} of {totalB}).",
                (false, false) => $"Both have majority grade {grade}; {ahead} has a smaller share of judgments below it ({gaugeA.Below} of {totalA}) than {behind} ({gaugeB.Below} of {totalB}).",
                _ => $"Both have majority grade {grade}; {ahead} has more judgments above it than below ({gaugeA.Above} against {gaugeA.Below}), {behind} does not ({gaugeB.Above} against {gaugeB.Below}).",
            };
            return new(ahead, behind, ReasonKind.Gauge, d.GradeA, d.GradeB, d.Step, Format(text));
        }

        return new(ahead, behind, ReasonKind.Deeper, d.GradeA, d.GradeB, d.Step,
            Format($"Both have majority grade {grade} and the same deciding share of judgments above or below it; once the {d.Step} middle judgments they share are set aside, {ahead}'s median is {Label(d.GradeA)} and {behind}'s is {Label(d.GradeB)}."));
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
