namespace Voting.Core.Counting;

/// <summary>Adds a project's missing judgments to its profile as the balancing policy says.</summary>
public static class BalancedProfile
{
    /// <param name="expressed">The judgments given, worst grade first.</param>
    /// <param name="judges">The number of ballots in the envelope (ignored by <c>normalize</c>).</param>
    public static long[] Of(IReadOnlyList<long> expressed, BalancingPolicy policy, long judges) =>
        Of(expressed, policy, judges, out _);

    /// <param name="given">The number of judgments given.</param>
    internal static long[] Of(IReadOnlyList<long> expressed, BalancingPolicy policy, long judges, out long given)
    {
        var profile = expressed.ToArray();
        foreach (var count in profile)
            if (count < 0)
                throw new ArgumentException("counts cannot be negative", nameof(expressed));
        given = MajorityValue.Total(profile);
        if (policy.Kind == BalancingKind.Normalize)
            return profile;

        long missing = judges - given;
        if (missing < 0)
            throw new ArgumentException($"{given} judgments for {judges} judges: a project cannot have more judgments than there are judges");
        int grade = policy.Kind == BalancingKind.Static ? policy.StaticGrade : MajorityValue.LowerMedian(profile);
        if (grade >= profile.Length)
            throw new ArgumentException($"static grade {grade} is outside the scale of {profile.Length} grades");
        profile[grade] = checked(profile[grade] + missing);
        return profile;
    }
}
