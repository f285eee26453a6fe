namespace Voting.Core.Counting;

/// <summary>
/// The majority gauge (alpha, p, q): the majority grade, the number of judgments strictly above it
/// and the number strictly below it.
/// </summary>
public readonly record struct MajorityGauge(int Grade, long Above, long Below)
{
    /// <summary>+p when more judgments are above than below, else -q (p == q counts as -q).</summary>
    public long SignedShare => Above > Below ? Above : -Below;
}
