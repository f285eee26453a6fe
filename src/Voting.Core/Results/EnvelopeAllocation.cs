using Voting.Core.Allocation;
using Voting.Core.Counting;
using Voting.Core.Elections;

namespace Voting.Core.Results;

/// <summary>Funds an envelope's projects from its majority-judgment ranking, with the envelope's rule.</summary>
internal static class EnvelopeAllocation
{
    /// <param name="approvals">The envelope's counted ballots as approvals; only the equal-shares rules read them.</param>
    public static AllocationSummary Allocate(
        ElectionDefinition definition,
        EnvelopeDefinition envelope,
        Ranking ranking,
        Func<IReadOnlyList<AllocationBallot>>? approvals)
    {
        string rule = envelope.Rule ?? AllocationRules.Greedy;
        long budget = envelope.Budget ?? 0;
        int grades = definition.Grades.Count;
        var costs = envelope.Projects.ToDictionary(p => p.Id, p => p.Cost ?? 0, StringComparer.Ordinal);

        // The score of a project is its majority grade; greedy-threshold funds only projects whose majority
        // grade is in the upper half of the scale, the grades a resident gives to what they support.
        var candidates = ranking.Projects.Select(p => new AllocationCandidate(
            p.Id, costs[p.Id], p.MajorityGrade, p.MeetsThreshold,
            p.MeetsThreshold ? null : "graded by too few judges (participation threshold)")).ToArray();
        long threshold = (grades + 1) / 2;

        IReadOnlyList<AllocationBallot>? ballots = null;
        if (AllocationRules.NeedsBallots(rule))
            ballots = approvals?.Invoke() ?? throw new ArgumentException($"rule {rule} of envelope '{envelope.Id}' needs the ballots");

        var result = Allocator.Allocate(rule, candidates, budget, ballots,
            rule == AllocationRules.GreedyThreshold ? threshold : null);
        return new AllocationSummary(
            result.Rule, result.Budget, result.Selected, result.Cost,
            result.Projects.Select(p => new AllocationDecision(p.Id, p.Funded, p.Reason)).ToArray());
    }
}
