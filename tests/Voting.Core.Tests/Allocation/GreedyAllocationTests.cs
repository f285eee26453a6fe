using Voting.Core.Allocation;

namespace Voting.Core.Tests.Allocation;

public class GreedyAllocationTests
{
    // Ranked best first.
    private static readonly AllocationCandidate[] Ranking =
    [
        new("a", 50000, 90),
        new("b", 26700, 80),
        new("c", 40000, 70),
        new("d", 20000, 60),
        new("e", 5000, 43),
    ];

    [Fact]
    public void Greedy_skips_what_no_longer_fits_and_goes_on()
    {
        var result = GreedyAllocation.Allocate(Ranking, 100000);
        Assert.Equal(["a", "b", "d"], result.Selected);
        Assert.Equal(96700, result.Cost);
        Assert.Equal(3300, result.Left);
        Assert.Equal("greedy", result.Rule);
        Assert.Equal("funded", result.Decision("a")!.Reason);
        var c = result.Decision("c")!;
        Assert.False(c.Funded);
        Assert.Equal(DecisionKind.DoesNotFit, c.Kind);
        Assert.Equal("skipped: costs 40000, only 23300 left", c.Reason);
        Assert.Equal("skipped: costs 5000, only 3300 left", result.Decision("e")!.Reason);
        Assert.Equal(Ranking.Select(r => r.Id), result.Projects.Select(p => p.Id));
    }

    [Fact]
    public void Greedy_no_skip_stops_at_the_first_project_that_does_not_fit()
    {
        var result = GreedyAllocation.Allocate(Ranking, 100000, AllocationRules.GreedyNoSkip);
        Assert.Equal(["a", "b"], result.Selected);
        Assert.Equal(76700, result.Cost);
        Assert.Equal(DecisionKind.DoesNotFit, result.Decision("c")!.Kind);
        Assert.StartsWith("not funded: costs 40000, only 23300 left", result.Decision("c")!.Reason);
        var d = result.Decision("d")!;
        Assert.Equal(DecisionKind.AfterStop, d.Kind);
        Assert.Equal("not funded: stopped at the first project that did not fit", d.Reason);
        Assert.Equal(DecisionKind.AfterStop, result.Decision("e")!.Kind);
    }

    [Fact]
    public void Greedy_threshold_considers_only_projects_at_or_above_the_threshold()
    {
        var result = GreedyAllocation.Allocate(Ranking, 200000, AllocationRules.GreedyThreshold, threshold: 60);
        Assert.Equal(["a", "b", "c", "d"], result.Selected);
        var e = result.Decision("e")!;
        Assert.Equal(DecisionKind.BelowThreshold, e.Kind);
        Assert.Equal("below threshold: score 43 < 60", e.Reason);
        Assert.Throws<ArgumentException>(() => GreedyAllocation.Allocate(Ranking, 1, AllocationRules.GreedyThreshold));
    }

    [Fact]
    public void A_threshold_applies_to_greedy_no_skip_and_projects_below_it_do_not_stop_it()
    {
        // Like Gdynia 2020: the project below the threshold would fit, but is not eligible; it does not stop the rule.
        AllocationCandidate[] ranking = [new("x", 10, 269), new("y", 10, 64), new("z", 5, 43), new("w", 10, 42)];
        var result = GreedyAllocation.Allocate(ranking, 25, AllocationRules.GreedyNoSkip, threshold: 50);
        Assert.Equal(["x", "y"], result.Selected);
        Assert.Equal("below threshold: score 43 < 50", result.Decision("z")!.Reason);
        Assert.Equal("below threshold: score 42 < 50", result.Decision("w")!.Reason);
    }

    [Fact]
    public void A_project_exactly_at_the_threshold_and_exactly_fitting_is_funded()
    {
        AllocationCandidate[] ranking = [new("x", 60, 50), new("y", 40, 50)];
        var result = GreedyAllocation.Allocate(ranking, 100, AllocationRules.GreedyThreshold, threshold: 50);
        Assert.Equal(["x", "y"], result.Selected);
        Assert.Equal(0, result.Left);
    }

    [Fact]
    public void Projects_the_caller_excludes_are_not_considered()
    {
        AllocationCandidate[] ranking = [new("x", 10, Eligible: false, NotEligibleReason: "majority grade below 'Fair'"), new("y", 10)];
        var result = GreedyAllocation.Allocate(ranking, 10, AllocationRules.GreedyNoSkip);
        Assert.Equal(["y"], result.Selected);
        Assert.Equal(DecisionKind.NotEligible, result.Decision("x")!.Kind);
        Assert.Equal("not eligible: majority grade below 'Fair'", result.Decision("x")!.Reason);
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => GreedyAllocation.Allocate([new("x", 1), new("x", 2)], 10));
        Assert.Throws<ArgumentException>(() => GreedyAllocation.Allocate([new("x", -1)], 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => GreedyAllocation.Allocate([new("x", 1)], -10));
        Assert.Throws<ArgumentException>(() => GreedyAllocation.Allocate([new("x", 1)], 10, "knapsack"));
        Assert.Throws<ArgumentException>(() => GreedyAllocation.Allocate([new("x", 1)], 10, threshold: 5)); // no score to compare
    }

    [Fact]
    public void Nothing_to_fund_and_nothing_to_spend()
    {
        Assert.Empty(GreedyAllocation.Allocate([], 100).Selected);
        var result = GreedyAllocation.Allocate([new("x", 1), new("free", 0)], 0);
        Assert.Equal(["free"], result.Selected);
        Assert.Equal("skipped: costs 1, only 0 left", result.Decision("x")!.Reason);
    }
}
