namespace Voting.Core.Counting;

/// <summary>Adds a project's missing judgments to its profile as the balancing policy says.</summary>
public static class BalancedProfile
{
    /// <param name="expressed">The judgments given, worst grade first.</param>
    /// <param name="judges">The number of ballots in the envelope (ignored by <c>normalize</c>).</param>
    public static long[] Of(IReadOnlyList<long> expressed, BalancingPolicy policy, long judges)
    {
        var profile = expressed.ToArray();
        if (profile.Any(c => c < 0))
            throw new ArgumentException("counts cannot be negative", nameof(expressed));
        if (policy.Kind == BalancingKind.Normalize)
            return profile;

        long missing = judges - MajorityValue.Total(profile);
        if (missing < 0)
            throw new ArgumentException($"{MajorityValue.Total(profile)} judgments for {judges} judges: a project cannot have more judgments than there are judges");
        int grade = policy.Kind == BalancingKind.Static ? policy.StaticGrade : MajorityValue.LowerMedian(profile);
        if (grade >= profile.Length)
            throw new ArgumentException($"static grade {grade} is outside the scale of {profile.Length} grades");
        profile[grade] = checked(profile[grade] + missing);
        return profile;
    }
}
