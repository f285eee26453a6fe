using Voting.Core.Allocation;

namespace Voting.Core.Tests.Allocation;

/// <summary>
/// add1 on envelopes whose costs dwarf the budget: stepping one unit at a time would take ~10^7 and ~10^14 runs.
/// The search is capped at a few runs, so a search that stepped would fail here rather than hang.
/// </summary>
public class Add1CompletionTests
{
    private const int FewRuns = 5;

    [Fact]
    public void A_cost_far_above_a_small_budget_is_reached_in_a_few_runs()
    {
        // Budget 100, five voters: three support a (60) and c (10^8), two support b (7) and c.
        // From 20 per voter up to 19,999,999: a goes first (its 3 supporters pay 20 each, C/p = 3; b's C/p is 2,
        // and c, at 5t < 10^8, is out of reach), then b, then c is still out of reach (5t - 67 < 10^8): a and b,
        // costing 67. At t = 20,000,000 the five can pay 2·10^7 each for c, whose C/p = 5 beats a's 3: c is bought
        // first, costing 10^8 > 100. So the last outcome that fits is the one at 19,999,999.
        AllocationCandidate[] ranking = [new("c", 100_000_000, 5), new("a", 60, 3), new("b", 7, 2)];
        AllocationBallot[] ballots =
        [
            .. Enumerable.Range(1, 3).Select(i => AllocationBallot.Approval("A" + i, ["a", "c"])),
            .. Enumerable.Range(1, 2).Select(i => AllocationBallot.Approval("B" + i, ["b", "c"])),
        ];
        var search = Add1(ranking, ballots, 100);
        Assert.Equal(["a", "b"], search.Outcome.Winners.Select(c => ranking[c].Id));
        Assert.Equal(19_999_999, search.Kept);
        Assert.Equal((20_000_000, 100_000_000), search.Over);

        var result = EqualSharesAllocation.Allocate(ranking, ballots, 100, AllocationRules.EqualSharesAdd1);
        Assert.Equal(["a", "b"], result.Selected);
        Assert.Equal(67, result.Cost);
        Assert.Contains("add1: shares raised one unit at a time up to 19999999 per voter, which costs 67; 20000000 per voter would cost 100000000, over the budget", result.Notes);
    }

    [Fact]
    public void Costs_of_10_to_the_15_against_a_budget_of_10_to_the_12_are_reached_in_a_few_runs()
    {
        // Budget 10^12, three voters: two support x (3·10^11) and y (10^15), one supports y only.
        // At t per voter, y is affordable from the start once 3t >= 10^15, i.e. t >= 333,333,333,333,334, and then
        // its C/p = 3 beats x's 2: y goes first and costs 10^15, over the budget. Below that, x goes first (its two
        // supporters pay 1.5·10^11 each) and y stays out of reach (3t - 3·10^11 < 10^15): x alone, 3·10^11.
        AllocationCandidate[] ranking = [new("y", 1_000_000_000_000_000, 3), new("x", 300_000_000_000, 2)];
        AllocationBallot[] ballots =
        [
            AllocationBallot.Approval("1", ["x", "y"]),
            AllocationBallot.Approval("2", ["x", "y"]),
            AllocationBallot.Approval("3", ["y"]),
        ];
        var search = Add1(ranking, ballots, 1_000_000_000_000);
        Assert.Equal(["x"], search.Outcome.Winners.Select(c => ranking[c].Id));
        Assert.Equal(333_333_333_333_333, search.Kept);
        Assert.Equal((333_333_333_333_334, 1_000_000_000_000_000), search.Over);

        var result = EqualSharesAllocation.Allocate(ranking, ballots, 1_000_000_000_000, AllocationRules.EqualSharesAdd1);
        Assert.Equal(["x"], result.Selected);
        Assert.Equal(300_000_000_000, result.Cost);
    }

    [Fact]
    public void The_search_steps_past_every_budget_where_the_outcome_holds()
    {
        // The six-voter example of EqualSharesTests with budget 5: the outcome at 1 per voter (cost 5) fits, the one
        // at 2 (all six, cost 6) does not.
        AllocationCandidate[] ranking =
        [
            new("a1", 1, 4), new("a2", 1, 4), new("a3", 1, 4),
            new("b1", 1, 2), new("b2", 1, 2), new("b3", 1, 2),
        ];
        AllocationBallot[] ballots =
        [
            .. Enumerable.Range(1, 4).Select(i => AllocationBallot.Approval("A" + i, ["a1", "a2", "a3"])),
            .. Enumerable.Range(1, 2).Select(i => AllocationBallot.Approval("B" + i, ["b1", "b2", "b3"])),
        ];
        var search = Add1(ranking, ballots, 5);
        Assert.Equal(1, search.Kept);
        Assert.Equal((2, 6), search.Over);
        Assert.Equal(2, search.Runs);
    }

    private static Add1Completion.Result Add1(AllocationCandidate[] ranking, AllocationBallot[] ballots, long budget)
    {
        var (engine, considered) = EqualSharesAllocation.Build(ranking, ballots, threshold: null);
        long supported = ranking.Where((c, i) => considered[i] && engine.Supported(i)).Sum(c => c.Cost);
        var first = engine.Run(budget, ballots.Length);
        return Add1Completion.Run(engine, first, budget, ballots.Length, supported, maxRuns: FewRuns);
    }
}
