using Voting.Core.Allocation;

namespace Voting.Core.Tests.Allocation;

public class EqualSharesTests
{
    // Six voters: four support the a-projects, two the b-projects; every project costs 1.
    private static readonly AllocationCandidate[] Ranking =
    [
        new("a1", 1, 4), new("a2", 1, 4), new("a3", 1, 4),
        new("b1", 1, 2), new("b2", 1, 2), new("b3", 1, 2),
    ];

    private static readonly AllocationBallot[] Ballots =
    [
        .. Enumerable.Range(1, 4).Select(i => AllocationBallot.Approval("A" + i, ["a1", "a2", "a3"])),
        .. Enumerable.Range(1, 2).Select(i => AllocationBallot.Approval("B" + i, ["b1", "b2", "b3"])),
    ];

    [Fact]
    public void Equal_shares_is_proportional_where_greedy_is_not()
    {
        var mes = EqualSharesAllocation.Allocate(Ranking, Ballots, 3, AllocationRules.EqualShares);
        Assert.Equal(["a1", "a2", "b1"], mes.Selected);
        Assert.Equal(3, mes.Cost);
        Assert.Equal("funded by equal shares", mes.Decision("a1")!.Reason);
        var a3 = mes.Decision("a3")!;
        Assert.Equal(DecisionKind.SharesRanOut, a3.Kind);
        Assert.Equal("not funded: its supporters' shares ran out", a3.Reason);

        var greedy = GreedyAllocation.Allocate(Ranking, 3);
        Assert.Equal(["a1", "a2", "a3"], greedy.Selected);
    }

    [Fact]
    public void Equal_shares_prices_each_project_by_what_its_supporters_can_pay()
    {
        // 4 voters, 25 each. c: all four pay 15 (60 / 15 = 4 per unit paid); a: its two pay 25 (50 / 25 = 2). c first,
        // then a's supporters have 10 + 10 left: not enough.
        AllocationCandidate[] ranking = [new("c", 60, 4), new("a", 50, 2), new("b", 50, 2)];
        AllocationBallot[] ballots =
        [
            AllocationBallot.Approval("1", ["a", "c"]), AllocationBallot.Approval("2", ["a", "c"]),
            AllocationBallot.Approval("3", ["b", "c"]), AllocationBallot.Approval("4", ["b", "c"]),
        ];
        var (selected, cost) = EqualSharesAllocation.FixedBudget(ranking, ballots, 100);
        Assert.Equal(["c"], selected);
        Assert.Equal(60, cost);
    }

    [Fact]
    public void Add1_raises_the_shares_while_the_outcome_fits()
    {
        // Budget 5: 5/6 each funds a1..a3 and b1 (cost 4); 1 each funds a1..a3, b1, b2 (cost 5, fits);
        // 2 each would fund all six (cost 6): add1 keeps the outcome at 1 per voter.
        Assert.Equal(4, EqualSharesAllocation.FixedBudget(Ranking, Ballots, 5).Cost);
        var result = EqualSharesAllocation.Allocate(Ranking, Ballots, 5, AllocationRules.EqualSharesAdd1);
        Assert.Equal(["a1", "a2", "a3", "b1", "b2"], result.Selected);
        Assert.Equal(5, result.Cost);
        Assert.Contains(result.Notes, n => n.Contains("up to 1 per voter", StringComparison.Ordinal));
    }

    [Fact]
    public void Add1_keeps_the_first_outcome_when_one_more_unit_already_overspends()
    {
        var result = EqualSharesAllocation.Allocate(Ranking, Ballots, 4, AllocationRules.EqualSharesAdd1);
        Assert.Equal(["a1", "a2", "b1"], result.Selected);
        Assert.Equal(3, result.Cost);
        // no greedy completion by default; with it, the money left goes down the ranking
        var completed = EqualSharesAllocation.Allocate(Ranking, Ballots, 4, AllocationRules.EqualSharesAdd1, options: new(GreedyCompletion: true));
        Assert.Equal(["a1", "a2", "b1", "a3"], completed.Selected);
        Assert.Equal(DecisionKind.FundedByCompletion, completed.Decision("a3")!.Kind);
        Assert.Equal("not funded: its supporters' shares ran out; the greedy completion skipped it: costs 1, only 0 left", completed.Decision("b2")!.Reason);
    }

    [Fact]
    public void The_comparison_keeps_greedy_when_more_voters_prefer_it()
    {
        // Budget 3: equal shares funds a1, a2, b1; greedy a1, a2, a3. The four A voters prefer greedy, the two B voters
        // equal shares: greedy is kept.
        var result = EqualSharesAllocation.Allocate(Ranking, Ballots, 3, AllocationRules.EqualSharesAdd1Comparison);
        Assert.Equal(["a1", "a2", "a3"], result.Selected);
        var b1 = result.Decision("b1")!;
        Assert.Equal(DecisionKind.NotInPreferredOutcome, b1.Kind);
        Assert.StartsWith("not funded: equal shares would fund it, but more voters preferred the greedy outcome", b1.Reason);
        Assert.Contains(result.Notes, n => n.StartsWith("comparison: 4 voters prefer the greedy outcome, 2", StringComparison.Ordinal));
    }

    [Fact]
    public void The_comparison_keeps_equal_shares_when_greedy_is_not_preferred_by_more()
    {
        // Three A voters, three B voters, budget 2: equal shares funds a1 and b1, greedy a1 and a2 (ranked first).
        // The A voters prefer greedy (2 > 1), the B voters equal shares (1 > 0): 3 against 3, and a tie keeps equal shares.
        AllocationCandidate[] ranking = [new("a1", 1, 3), new("a2", 1, 3), new("b1", 1, 3), new("b2", 1, 3)];
        AllocationBallot[] ballots =
        [
            .. Enumerable.Range(1, 3).Select(i => AllocationBallot.Approval("A" + i, ["a1", "a2"])),
            .. Enumerable.Range(1, 3).Select(i => AllocationBallot.Approval("B" + i, ["b1", "b2"])),
        ];
        var result = EqualSharesAllocation.Allocate(ranking, ballots, 2, AllocationRules.EqualSharesAdd1Comparison);
        Assert.Equal(["a1", "b1"], result.Selected);
    }

    [Fact]
    public void Ties_go_to_more_support_then_lower_cost_then_the_ranking()
    {
        // Both are affordable by an equal split, so both get the same value (cost per unit paid = 2 supporters).
        // Same support: the cheaper y wins the tie, and then x no longer fits in the shares.
        AllocationCandidate[] ranking = [new("x", 20, 1), new("y", 10, 1)];
        AllocationBallot[] ballots = [AllocationBallot.Approval("1", ["x", "y"]), AllocationBallot.Approval("2", ["x", "y"])];
        Assert.Equal(["y"], EqualSharesAllocation.FixedBudget(ranking, ballots, 20).Selected);

        // Same cost, same support: the ranking decides.
        AllocationCandidate[] same = [new("q", 10, 1), new("p", 10, 1)];
        Assert.Equal(["q"], EqualSharesAllocation.FixedBudget(same, [AllocationBallot.Approval("1", ["p", "q"])], 10).Selected);
    }

    [Fact]
    public void Projects_without_supporters_or_excluded_are_not_funded()
    {
        AllocationCandidate[] ranking = [new("x", 10, 60), new("y", 10, 40), new("z", 10, 70)];
        AllocationBallot[] ballots = [AllocationBallot.Approval("1", ["x", "y"]), AllocationBallot.Approval("2", ["y"])];
        var result = EqualSharesAllocation.Allocate(ranking, ballots, 30, AllocationRules.EqualShares, threshold: 50);
        Assert.Equal(["x"], result.Selected);
        Assert.Equal(DecisionKind.BelowThreshold, result.Decision("y")!.Kind);
        Assert.Equal("not funded: no voter supports it", result.Decision("z")!.Reason);
    }

    [Fact]
    public void Add1_funds_everything_supported_when_it_all_fits()
    {
        AllocationCandidate[] ranking = [new("x", 10), new("y", 50), new("z", 5)];
        AllocationBallot[] ballots = [AllocationBallot.Approval("1", ["x", "y"]), AllocationBallot.Approval("2", ["x"])];
        var result = EqualSharesAllocation.Allocate(ranking, ballots, 100, AllocationRules.EqualSharesAdd1);
        Assert.Equal(["x", "y"], result.Selected.Order());
        Assert.Equal(DecisionKind.NoSupporters, result.Decision("z")!.Kind);
    }

    [Fact]
    public void Weights_share_the_cost_in_proportion()
    {
        // Voter 1 gives 3 points, voter 2 one: at an equal price per point, 1 pays 30 and 2 pays 10.
        // With 20 each, 1 cannot pay 30: pays 20, 2 pays the other 20 (<= its 20). Affordable with exactly 40.
        AllocationCandidate[] ranking = [new("x", 40)];
        AllocationBallot[] ballots =
        [
            new("1", new Dictionary<string, long> { ["x"] = 3 }),
            new("2", new Dictionary<string, long> { ["x"] = 1 }),
        ];
        Assert.Equal(["x"], EqualSharesAllocation.FixedBudget(ranking, ballots, 40).Selected);
        Assert.Empty(EqualSharesAllocation.FixedBudget(ranking, ballots, 39).Selected);
    }

    [Fact]
    public void No_ballots_fund_nothing_and_unknown_projects_are_refused()
    {
        Assert.Empty(EqualSharesAllocation.Allocate(Ranking, [], 10, AllocationRules.EqualSharesAdd1).Selected);
        Assert.Throws<ArgumentException>(() => EqualSharesAllocation.Allocate(Ranking, [AllocationBallot.Approval("1", ["zz"])], 10));
        Assert.Throws<ArgumentException>(() => EqualSharesAllocation.Allocate(Ranking, Ballots, 10, AllocationRules.Greedy));
    }
}
