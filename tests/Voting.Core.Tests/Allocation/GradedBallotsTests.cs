using Voting.Core.Allocation;

namespace Voting.Core.Tests.Allocation;

public class GradedBallotsTests
{
    [Theory]
    [InlineData(5, new[] { 3, 4 })]      // Paris: "J'aime bien", "J'adore"
    [InlineData(7, new[] { 4, 5, 6 })]   // Balinski-Laraki: "Very good" and up
    [InlineData(4, new[] { 2, 3 })]
    [InlineData(2, new[] { 1 })]
    public void A_voter_supports_the_projects_graded_in_the_upper_half(int gradeCount, int[] approving)
    {
        for (int grade = 0; grade < gradeCount; grade++)
            Assert.Equal(approving.Contains(grade), GradedBallots.Approves(grade, gradeCount));
    }

    [Fact]
    public void Graded_ballots_become_approval_ballots()
    {
        IReadOnlyDictionary<string, int>[] graded =
        [
            new Dictionary<string, int> { ["a"] = 4, ["b"] = 2, ["c"] = 3 },
            new Dictionary<string, int> { ["a"] = 0 },
        ];
        var ballots = GradedBallots.ToApproval(graded, 5);
        Assert.Equal(["1", "2"], ballots.Select(b => b.VoterId));
        Assert.Equal(["a", "c"], ballots[0].Weights.Keys.Order());
        Assert.All(ballots[0].Weights.Values, w => Assert.Equal(1, w));
        Assert.Empty(ballots[1].Weights);
        Assert.Throws<ArgumentException>(() => GradedBallots.ToApproval([new Dictionary<string, int> { ["a"] = 5 }], 5));
    }

    [Fact]
    public void A_majority_judgment_election_can_be_allocated_with_equal_shares()
    {
        // Ranked by majority judgment elsewhere: the candidates come best first; the ballots decide the shares.
        AllocationCandidate[] ranking = [new("a", 60), new("b", 30), new("c", 30)];
        var ballots = GradedBallots.ToApproval(new Dictionary<string, IReadOnlyDictionary<string, int>>
        {
            ["r1"] = new Dictionary<string, int> { ["a"] = 4, ["b"] = 1 },
            ["r2"] = new Dictionary<string, int> { ["a"] = 3, ["c"] = 1 },
            ["r3"] = new Dictionary<string, int> { ["b"] = 4, ["c"] = 4 },
        }, 5);
        var result = Allocator.Allocate(AllocationRules.EqualSharesAdd1, ranking, 90, ballots);
        Assert.Equal(["a", "b"], result.Selected.Order());
    }
}
