using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Voting.Core.Allocation;

namespace Voting.Core.Tests.Allocation;

/// <summary>The allocation rules against their definitions, over random small instances (small numbers, so ties abound).</summary>
public class AllocationProperties
{
    public sealed record Instance(AllocationCandidate[] Ranking, AllocationBallot[] Ballots, long Budget, long? Threshold)
    {
        public override string ToString() =>
            $"budget={Budget} threshold={Threshold} ranking=[{string.Join(" ", Ranking.Select(c => $"{c.Id}:{c.Cost}/{c.Score}{(c.Eligible ? "" : "!")}"))}] " +
            $"ballots=[{string.Join(" | ", Ballots.Select(b => string.Join(",", b.Weights.Select(kv => $"{kv.Key}*{kv.Value}"))))}]";
    }

    private static Gen<Instance> Instances(bool weighted) =>
        from projectCount in Gen.Choose(1, 6)
        from costs in Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(0)), (12, Gen.Choose(1, 12))), projectCount)
        from eligible in Gen.ArrayOf(Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false))), projectCount)
        from voterCount in Gen.Choose(0, 9)
        from supports in Gen.ArrayOf(Gen.ArrayOf(Gen.Frequency((3, Gen.Constant(0)), (4, Gen.Choose(1, weighted ? 3 : 1))), projectCount), voterCount)
        from budget in Gen.Choose(0, 40)
        from useThreshold in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from threshold in Gen.Choose(0, 4)
        let ids = Enumerable.Range(0, projectCount).Select(i => "p" + i).ToArray()
        let ballots = supports.Select((s, v) => new AllocationBallot("v" + v,
            ids.Select((id, p) => (id, w: (long)s[p])).Where(x => x.w > 0).ToDictionary(x => x.id, x => x.w))).ToArray()
        let scores = ids.Select(id => ballots.Sum(b => b.Weights.GetValueOrDefault(id))).ToArray()
        let ranking = ids.Select((id, p) => new AllocationCandidate(id, costs[p], scores[p], eligible[p]))
            .OrderByDescending(c => c.Score).ThenBy(c => c.Cost).ToArray()
        select new Instance(ranking, ballots, budget, useThreshold ? threshold : null);

    [Property(MaxTest = 400)]
    public Property Equal_shares_equals_the_definition_for_approvals() => Prop.ForAll(Instances(weighted: false).ToArbitrary(), SameAsNaive);

    [Property(MaxTest = 400)]
    public Property Equal_shares_equals_the_definition_for_weights() => Prop.ForAll(Instances(weighted: true).ToArbitrary(), SameAsNaive);

    private static void SameAsNaive(Instance i)
    {
        var expected = NaiveEqualShares.FixedBudget(i.Ranking, i.Ballots, i.Ballots.Length == 0 ? 0 : new Q(i.Budget, i.Ballots.Length), i.Threshold);
        var actual = EqualSharesAllocation.FixedBudget(i.Ranking, i.Ballots, i.Budget, i.Threshold);
        Assert.Equal(expected.Selected, actual.Selected);
        Assert.Equal(expected.Cost, actual.Cost);
        Assert.True(actual.Cost <= i.Budget);
    }

    [Property(MaxTest = 300)]
    public Property A_run_and_how_far_it_holds_equal_the_definition_in_either_arithmetic() => Prop.ForAll(
        Instances(weighted: true).ToArbitrary(), Gen.Choose(1, 12).ToArbitrary(), Gen.Choose(0, 25).ToArbitrary(),
        (i, perVoter, ahead) =>
        {
            var (engine, _) = EqualSharesAllocation.Build(i.Ranking, i.Ballots, i.Threshold);
            var exact = new EqualSharesRun<ExactNumber>(engine).Execute(ExactNumber.Of(perVoter), perVoter, perVoter + ahead);
            SameAsNaiveUntil(i, exact, perVoter, perVoter + ahead, everyStep: true);
            try
            {
                var bounded = new EqualSharesRun<BoundedDouble>(engine).Execute(BoundedDouble.Of(perVoter), perVoter, perVoter + ahead);
                SameAsNaiveUntil(i, bounded, perVoter, perVoter + ahead, everyStep: true);
            }
            catch (UndecidedException)
            {
                // too close to call in floating point: the exact run decides
            }
        });

    /// <summary>Large amounts: the stability bounds reach far, and floating point rounds.</summary>
    private static Gen<(Instance Instance, long PerVoter)> LargeInstances =>
        from i in Instances(weighted: true)
        from scale in Gen.Elements(1L, 1_000L, 1_000_000L, 1_000_000_007L, 1_000_000_000_000L)
        from jitter in Gen.ArrayOf(Gen.Choose(0, 999), i.Ranking.Length)
        from perVoter in Gen.Choose(1, 15)
        let ranking = i.Ranking.Select((c, k) => c with { Cost = c.Cost == 0 ? 0 : c.Cost * scale + jitter[k] }).ToArray()
        select (i with { Ranking = ranking, Budget = i.Budget * scale }, perVoter * scale / 3 + 1);

    [Property(MaxTest = 300)]
    public Property How_far_a_run_holds_is_sound_for_large_amounts() => Prop.ForAll(LargeInstances.ToArbitrary(), x =>
    {
        var (i, perVoter) = x;
        long horizon = perVoter + i.Ranking.Sum(c => c.Cost);
        var (engine, _) = EqualSharesAllocation.Build(i.Ranking, i.Ballots, i.Threshold);
        SameAsNaiveUntil(i, new EqualSharesRun<ExactNumber>(engine).Execute(ExactNumber.Of(perVoter), perVoter, horizon), perVoter, horizon, everyStep: false);
        try
        {
            SameAsNaiveUntil(i, new EqualSharesRun<BoundedDouble>(engine).Execute(BoundedDouble.Of(perVoter), perVoter, horizon), perVoter, horizon, everyStep: false);
        }
        catch (UndecidedException)
        {
        }
    });

    /// <summary>
    /// The run's outcome is the definition's at its per-voter budget, and stays so up to where it says it holds:
    /// checked at every whole budget, or (for large amounts) at both ends and a few between.
    /// </summary>
    private static void SameAsNaiveUntil(Instance i, EqualSharesEngine.Outcome outcome, long from, long horizon, bool everyStep)
    {
        Assert.InRange(outcome.SameUntil, from, horizon);
        var selected = outcome.Winners.Select(c => i.Ranking[c].Id).ToList();
        var points = everyStep
            ? Enumerable.Range(0, (int)(outcome.SameUntil - from + 1)).Select(d => from + d)
            : new[] { from, from + 1, (from + outcome.SameUntil) / 2, outcome.SameUntil - 1, outcome.SameUntil }.Where(t => t >= from && t <= outcome.SameUntil).Distinct();
        foreach (var t in points)
        {
            var expected = NaiveEqualShares.FixedBudget(i.Ranking, i.Ballots, t, i.Threshold);
            Assert.True(expected.Selected.SequenceEqual(selected), $"at {t} per voter the definition funds [{string.Join(", ", expected.Selected)}], the run from {from} (holding until {outcome.SameUntil}) [{string.Join(", ", selected)}]");
            Assert.Equal(expected.Cost, outcome.Cost);
        }
    }

    [Property(MaxTest = 200)]
    public Property Add1_equals_its_definition() => Prop.ForAll(Instances(weighted: false).ToArbitrary(), i =>
    {
        var expected = NaiveEqualShares.Add1(i.Ranking, i.Ballots, i.Budget, i.Threshold);
        var actual = EqualSharesAllocation.Allocate(i.Ranking, i.Ballots, i.Budget, AllocationRules.EqualSharesAdd1, i.Threshold);
        Assert.Equal(expected.Selected.Order(), actual.Selected.Order());
        Assert.Equal(expected.Cost, actual.Cost);
        CheckConsistent(i, actual);
    });

    [Property(MaxTest = 200)]
    public Property Add1_equals_its_definition_for_weights() => Prop.ForAll(Instances(weighted: true).ToArbitrary(), i =>
    {
        var expected = NaiveEqualShares.Add1(i.Ranking, i.Ballots, i.Budget, i.Threshold);
        var actual = EqualSharesAllocation.Allocate(i.Ranking, i.Ballots, i.Budget, AllocationRules.EqualSharesAdd1, i.Threshold);
        Assert.Equal(expected.Selected, actual.Selected);
        Assert.Equal(expected.Cost, actual.Cost);
    });

    [Property(MaxTest = 300)]
    public Property Every_rule_gives_a_consistent_feasible_outcome() => Prop.ForAll(Instances(weighted: true).ToArbitrary(), i =>
    {
        foreach (var rule in AllocationRules.Names)
        {
            if (rule == AllocationRules.GreedyThreshold && i.Threshold is null)
                continue;
            CheckConsistent(i, Allocator.Allocate(rule, i.Ranking, i.Budget, i.Ballots, i.Threshold));
            if (AllocationRules.NeedsBallots(rule))
                CheckConsistent(i, Allocator.Allocate(rule, i.Ranking, i.Budget, i.Ballots, i.Threshold, new EqualSharesOptions(GreedyCompletion: true)));
        }
    });

    [Property(MaxTest = 300)]
    public Property Greedy_equals_its_definition() => Prop.ForAll(Instances(weighted: false).ToArbitrary(), i =>
    {
        foreach (var skip in new[] { true, false })
        {
            long left = i.Budget;
            var expected = new List<string>();
            foreach (var c in i.Ranking)
            {
                if (!c.Eligible || c.Score < i.Threshold) continue;
                if (c.Cost <= left) { expected.Add(c.Id); left -= c.Cost; }
                else if (!skip) break;
            }
            var actual = GreedyAllocation.Allocate(i.Ranking, i.Budget, skip ? AllocationRules.Greedy : AllocationRules.GreedyNoSkip, i.Threshold);
            Assert.Equal(expected, actual.Selected);
            CheckConsistent(i, actual);
        }
    });

    private static void CheckConsistent(Instance i, AllocationResult result)
    {
        Assert.True(result.Cost <= i.Budget, $"{result.Rule} overspends: {result.Cost} > {i.Budget}");
        Assert.Equal(result.Selected.Count, result.Selected.Distinct().Count());
        var costs = i.Ranking.ToDictionary(c => c.Id, c => c.Cost);
        Assert.Equal(result.Selected.Sum(id => costs[id]), result.Cost);
        Assert.Equal(i.Ranking.Select(c => c.Id), result.Projects.Select(p => p.Id));
        Assert.Equal(result.Selected.Order(), result.Projects.Where(p => p.Funded).Select(p => p.Id).Order());
        foreach (var p in result.Projects)
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Reason));
            Assert.Equal(p.Funded, p.Kind is DecisionKind.Funded or DecisionKind.FundedByCompletion);
        }
        foreach (var c in i.Ranking.Where(c => !c.Eligible || c.Score < i.Threshold))
            Assert.False(result.Decision(c.Id)!.Funded);
    }
}
