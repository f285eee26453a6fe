namespace Voting.Core.Allocation;

/// <summary>
/// A project as the allocation sees it. Lists of candidates are ordered: best first (a majority-judgment
/// ranking, or Pabulib's score order). <see cref="Score"/> is what a threshold compares with and what reasons
/// quote; <see cref="Eligible"/> false keeps a project out whatever the rule (say why in <see cref="NotEligibleReason"/>).
/// </summary>
public sealed record AllocationCandidate(
    string Id,
    long Cost,
    long? Score = null,
    bool Eligible = true,
    string? NotEligibleReason = null);

/// <summary>
/// One voter's ballot for Equal Shares: the projects the voter supports with a positive weight each (1 for an
/// approval; points for cumulative or scoring ballots). The voter's utility for a funded project is its weight
/// times its cost (cost utilities).
/// </summary>
public sealed record AllocationBallot(string VoterId, IReadOnlyDictionary<string, long> Weights)
{
    public static AllocationBallot Approval(string voterId, IEnumerable<string> projectIds)
    {
        var weights = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var id in projectIds)
            weights[id] = 1;
        return new AllocationBallot(voterId, weights);
    }
}
