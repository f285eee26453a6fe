namespace Voting.Core.Allocation;

/// <summary>
/// Graded (majority judgment) ballots as Equal Shares ballots: a voter supports a project when the grade is in
/// the upper half of the scale, that is grade × 2 ≥ G for a scale of G grades numbered 0 (worst) to G-1.
/// </summary>
public static class GradedBallots
{
    public static bool Approves(int grade, int gradeCount) => grade * 2 >= gradeCount;

    public static AllocationBallot ToApproval(string voterId, IReadOnlyDictionary<string, int> grades, int gradeCount)
    {
        ArgumentNullException.ThrowIfNull(grades);
        CheckScale(gradeCount);
        var weights = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (project, grade) in grades)
        {
            if (grade < 0 || grade >= gradeCount)
                throw new ArgumentException($"voter '{voterId}' gives project '{project}' grade {grade}, outside 0..{gradeCount - 1}", nameof(grades));
            if (Approves(grade, gradeCount))
                weights[project] = 1;
        }
        return new AllocationBallot(voterId, weights);
    }

    /// <summary>One approval ballot per graded ballot, the voters numbered 1, 2, ... in order.</summary>
    public static IReadOnlyList<AllocationBallot> ToApproval(IEnumerable<IReadOnlyDictionary<string, int>> ballots, int gradeCount)
    {
        ArgumentNullException.ThrowIfNull(ballots);
        CheckScale(gradeCount);
        return ballots.Select((grades, i) => ToApproval((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), grades, gradeCount)).ToArray();
    }

    /// <summary>One approval ballot per (voter id, grades) pair.</summary>
    public static IReadOnlyList<AllocationBallot> ToApproval(IEnumerable<KeyValuePair<string, IReadOnlyDictionary<string, int>>> ballots, int gradeCount)
    {
        ArgumentNullException.ThrowIfNull(ballots);
        CheckScale(gradeCount);
        return ballots.Select(b => ToApproval(b.Key, b.Value, gradeCount)).ToArray();
    }

    private static void CheckScale(int gradeCount)
    {
        if (gradeCount < 2)
            throw new ArgumentOutOfRangeException(nameof(gradeCount), gradeCount, "a grade scale has at least 2 grades");
    }
}
