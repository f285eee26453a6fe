using Voting.Core.Allocation;
using Voting.Core.Elections;
using Voting.Core.Grades;

namespace Voting.Core.Tests.Allocation;

public class AllocationLimitsTests
{
    private static ElectionDefinition Budget(long budget, params long[] costs) => new(
        "city-2025", LocalizedText.Plain("City budget"), ElectionKind.Budget, GradeScale.Numbered(5).Labels,
        [new EnvelopeDefinition("city", costs.Select((c, i) => new ProjectDefinition("p" + i, LocalizedText.Plain("Project " + i), c)).ToArray(), budget, AllocationRules.EqualSharesAdd1)]);

    [Fact]
    public void A_definition_whose_costs_add_up_beyond_what_an_allocation_counts_is_refused()
    {
        Assert.Empty(DefinitionErrors.Of(Budget(1_000_000_000_000, 999_999_999_999_999_999, 1)));
        var errors = DefinitionErrors.Of(Budget(1_000_000_000_000, 999_999_999_999_999_999, 2));
        Assert.Equal(["envelopes[0].projects: the costs add up to more than 1000000000000000000, the most an allocation counts"], errors);
        // Each cost fits in 64 bits, their sum does not: refused, not wrapped round.
        Assert.Single(DefinitionErrors.Of(Budget(100, long.MaxValue, long.MaxValue)));
    }

    [Fact]
    public void The_allocation_refuses_costs_that_add_up_beyond_the_limit()
    {
        AllocationCandidate[] within = [new("a", AllocationLimits.MaxTotalCost - 1), new("b", 1)];
        AllocationCandidate[] beyond = [new("a", long.MaxValue), new("b", long.MaxValue)];
        Assert.Equal(["a"], GreedyAllocation.Allocate(within, AllocationLimits.MaxTotalCost - 1).Selected);
        foreach (var rule in new[] { AllocationRules.Greedy, AllocationRules.EqualSharesAdd1 })
        {
            var refused = Assert.Throws<ArgumentException>(() => Allocator.Allocate(rule, beyond, 100, [AllocationBallot.Approval("1", ["a", "b"])]));
            Assert.StartsWith("the candidates' costs add up to more than 1000000000000000000", refused.Message);
        }
    }
}
