namespace Voting.Core.Allocation;

/// <summary>
/// The greedy rules: go down the ranking, fund each project that still fits. <c>greedy</c> skips a project that
/// no longer fits and goes on; <c>greedy-no-skip</c> stops at the first that does not fit; <c>greedy-threshold</c>
/// considers only projects whose score is at or above the threshold. A threshold given with any rule (Pabulib's
/// <c>min_project_score_threshold</c>) keeps projects scoring below it out; they do not stop greedy-no-skip.
/// </summary>
public static class GreedyAllocation
{
    /// <param name="ranking">Candidates best first.</param>
    /// <param name="budget">The money to allocate.</param>
    /// <param name="rule"><c>greedy</c>, <c>greedy-no-skip</c> or <c>greedy-threshold</c>.</param>
    /// <param name="threshold">Minimum score to be considered; required by <c>greedy-threshold</c>.</param>
    public static AllocationResult Allocate(
        IReadOnlyList<AllocationCandidate> ranking,
        long budget,
        string rule = AllocationRules.Greedy,
        long? threshold = null)
    {
        bool skip = rule switch
        {
            AllocationRules.Greedy => true,
            AllocationRules.GreedyThreshold => true,
            AllocationRules.GreedyNoSkip => false,
            _ => throw new ArgumentException($"'{rule}' is not a greedy rule ({AllocationRules.Greedy}, {AllocationRules.GreedyNoSkip}, {AllocationRules.GreedyThreshold})", nameof(rule)),
        };
        if (rule == AllocationRules.GreedyThreshold && threshold is null)
            throw new ArgumentException($"{AllocationRules.GreedyThreshold} needs a threshold", nameof(threshold));
        AllocationInput.Check(ranking, budget, threshold);

        var notes = new List<string>();
        if (threshold is long t)
            notes.Add($"projects scoring below {t} are not considered");
        var run = Run(ranking, budget, skip, threshold);
        return new AllocationResult(rule, budget, run.Selected, run.Cost, run.Decisions, notes);
    }

    internal sealed record GreedyRun(List<string> Selected, long Cost, ProjectDecision[] Decisions);

    /// <summary>The greedy pass over the ranking.</summary>
    internal static GreedyRun Run(IReadOnlyList<AllocationCandidate> ranking, long budget, bool skip, long? threshold)
    {
        var selected = new List<string>();
        var decisions = new ProjectDecision[ranking.Count];
        long cost = 0;
        bool stopped = false;
        for (int i = 0; i < ranking.Count; i++)
        {
            var c = ranking[i];
            if (Exclusion(c, threshold) is { } excluded)
                decisions[i] = excluded;
            else if (stopped)
                decisions[i] = new(c.Id, c.Cost, false, DecisionKind.AfterStop, "not funded: stopped at the first project that did not fit");
            else if (c.Cost <= budget - cost)
            {
                cost += c.Cost;
                selected.Add(c.Id);
                decisions[i] = new(c.Id, c.Cost, true, DecisionKind.Funded, "funded");
            }
            else if (skip)
                decisions[i] = new(c.Id, c.Cost, false, DecisionKind.DoesNotFit, $"skipped: costs {c.Cost}, only {budget - cost} left");
            else
            {
                decisions[i] = new(c.Id, c.Cost, false, DecisionKind.DoesNotFit,
                    $"not funded: costs {c.Cost}, only {budget - cost} left, and greedy-no-skip stops at the first project that does not fit");
                stopped = true;
            }
        }
        return new GreedyRun(selected, cost, decisions);
    }

    /// <summary>
    /// Completes an outcome greedily: in ranking order, every considered project not funded yet is funded when
    /// it fits in what is left. Decisions of projects that still do not fit keep their kind, with the reason extended.
    /// </summary>
    internal static GreedyRun Complete(IReadOnlyList<AllocationCandidate> ranking, long budget, long? threshold,
        IReadOnlyList<string> selected, long cost, ProjectDecision[] decisions)
    {
        var completed = new List<string>(selected);
        var result = (ProjectDecision[])decisions.Clone();
        for (int i = 0; i < ranking.Count; i++)
        {
            var c = ranking[i];
            var d = decisions[i];
            if (d.Funded || Exclusion(c, threshold) is not null)
                continue;
            if (c.Cost <= budget - cost)
            {
                cost += c.Cost;
                completed.Add(c.Id);
                result[i] = new(c.Id, c.Cost, true, DecisionKind.FundedByCompletion, "funded by the greedy completion with the money left");
            }
            else
                result[i] = d with { Reason = $"{d.Reason}; the greedy completion skipped it: costs {c.Cost}, only {budget - cost} left" };
        }
        return new GreedyRun(completed, cost, result);
    }

    /// <summary>The decision for a candidate the rule does not consider at all, or null.</summary>
    internal static ProjectDecision? Exclusion(AllocationCandidate c, long? threshold)
    {
        if (!c.Eligible)
            return new(c.Id, c.Cost, false, DecisionKind.NotEligible,
                c.NotEligibleReason is { Length: > 0 } why ? $"not eligible: {why}" : "not eligible");
        if (threshold is long t && c.Score < t)
            return new(c.Id, c.Cost, false, DecisionKind.BelowThreshold, $"below threshold: score {c.Score} < {t}");
        return null;
    }
}

internal static class AllocationInput
{
    public static void Check(IReadOnlyList<AllocationCandidate> ranking, long budget, long? threshold)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        if (budget < 0)
            throw new ArgumentOutOfRangeException(nameof(budget), budget, "the budget cannot be negative");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var c in ranking)
        {
            if (string.IsNullOrEmpty(c.Id))
                throw new ArgumentException("a candidate has no id", nameof(ranking));
            if (!ids.Add(c.Id))
                throw new ArgumentException($"candidate '{c.Id}' appears twice", nameof(ranking));
            if (c.Cost < 0)
                throw new ArgumentException($"candidate '{c.Id}' has a negative cost", nameof(ranking));
            if (c.Cost > AllocationLimits.MaxTotalCost - total)
                throw new ArgumentException($"the candidates' costs add up to more than {AllocationLimits.MaxTotalCost}", nameof(ranking));
            total += c.Cost;
            if (threshold is not null && c.Eligible && c.Score is null)
                throw new ArgumentException($"candidate '{c.Id}' has no score to compare with the threshold", nameof(ranking));
        }
    }
}
