namespace Voting.Core.Allocation;

/// <summary>Runs any allocation rule by its Pabulib name.</summary>
public static class Allocator
{
    /// <param name="rule">One of <see cref="AllocationRules.Names"/>.</param>
    /// <param name="ranking">Candidates best first.</param>
    /// <param name="budget">The money to allocate.</param>
    /// <param name="ballots">Per-voter support; required by the equal shares rules, unused by the greedy ones.</param>
    /// <param name="threshold">Minimum score to be considered (required by <c>greedy-threshold</c>), or null.</param>
    /// <param name="equalShares">Variations of the equal shares rules.</param>
    public static AllocationResult Allocate(
        string rule,
        IReadOnlyList<AllocationCandidate> ranking,
        long budget,
        IReadOnlyList<AllocationBallot>? ballots = null,
        long? threshold = null,
        EqualSharesOptions? equalShares = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule switch
        {
            AllocationRules.Greedy or AllocationRules.GreedyNoSkip or AllocationRules.GreedyThreshold =>
                GreedyAllocation.Allocate(ranking, budget, rule, threshold),
            AllocationRules.EqualShares or AllocationRules.EqualSharesAdd1 or AllocationRules.EqualSharesAdd1Comparison =>
                EqualSharesAllocation.Allocate(ranking, ballots ?? throw new ArgumentException($"{rule} needs the ballots", nameof(ballots)), budget, rule, threshold, equalShares),
            _ => throw new ArgumentException(AllocationRules.Unknown(rule), nameof(rule)),
        };
    }
}
